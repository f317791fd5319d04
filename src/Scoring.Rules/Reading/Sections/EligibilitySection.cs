using System.Collections.Immutable;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Rules.Yaml;

namespace Scoring.Rules.Reading.Sections;

/// <summary><c>eligibility:</c> — <c>{ conditions, mode, documents: { provided, required }, amount, statuses, fields }</c>.</summary>
internal sealed class EligibilitySection : DefinitionSection
{
    public override string Key => "eligibility";

    public override Definition? Read(YScalar key, YNode node, ReaderContext ctx)
    {
        var bag = ctx.Bag;
        var m = MapReader.OpenDefinition(node, bag, $"eligibility '{key.Value}'", "label", "description", "conditions", "documents", "amount", "mode", "statuses", "status_labels", "fields");
        if (m is null) return ctx.MissingBody(key, node, "conditions");
        var conditions = m.ScalarList("conditions", required: true)?.Select(s => new KeyReference(s.Value) { Span = s.Span }).ToImmutableArray()
                         ?? ImmutableArray<KeyReference>.Empty;
        KeyReference? docsField = null;
        var required = ImmutableArray<string>.Empty;
        if (MapReader.Open(m.Node("documents"), bag, $"documents of '{key.Value}'", "provided", "required") is { } dm)
        {
            if (dm.Scalar("provided", required: true) is { } p) docsField = new KeyReference(p.Value) { Span = p.Span };
            required = dm.ScalarList("required", required: true)?.Select(s => s.Value).ToImmutableArray() ?? ImmutableArray<string>.Empty;
        }
        var mode = ConditionMode.All;
        if (m.Scalar("mode") is { } ms)
        {
            if (ms.Value == "any") mode = ConditionMode.Any;
            else if (ms.Value != "all") bag.Error(DiagnosticCodes.InvalidValue, $"mode must be 'all' (every condition must hold) or 'any' (one suffices), not '{ms.Value}'", ms.Span);
        }
        string eligible = "eligible", missingDocs = "eligible_missing_documents", notEligible = "not_eligible";
        if (MapReader.Open(m.Node("statuses"), bag, $"statuses of '{key.Value}'", "eligible", "missing_documents", "not_eligible") is { } sm)
        {
            eligible = sm.Text("eligible") ?? eligible;
            missingDocs = sm.Text("missing_documents") ?? missingDocs;
            notEligible = sm.Text("not_eligible") ?? notEligible;
        }
        var statusLabels = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (m.Mapping("status_labels") is { } lm)
            foreach (var (lk, lv) in lm.Entries)
            {
                if (lv is YScalar ls && !ls.IsNull) statusLabels[lk.Value] = ls.Value;
                else bag.Error(DiagnosticCodes.InvalidValue, $"the label of status '{lk.Value}' of '{key.Value}' must be text", lv.Span);
            }
        var fields = ImmutableArray.CreateBuilder<ResultField>();
        if (m.Mapping("fields") is { } fm)
            foreach (var (fk, fv) in fm.Entries)
            {
                // an expression, or { expr, label } for a field shown to people under a label
                if (fv is YScalar fs && !fs.IsNull) fields.Add(new ResultField(fk.Value, ctx.Parse(fs)) { Span = fk.Span });
                else if (fv is YMapping && MapReader.Open(fv, bag, $"result field '{fk.Value}' of '{key.Value}'", "expr", "label") is { } rf)
                {
                    if (ctx.ExprAt(rf, "expr", true) is { } fe) fields.Add(new ResultField(fk.Value, fe) { Label = rf.Text("label"), Span = fk.Span });
                }
                else bag.Error(DiagnosticCodes.InvalidValue, $"result field '{fk.Value}' must be an expression", fv.Span);
            }
        return new EligibilityDefinition(key.Value)
        {
            Label = m.Text("label"),
            Explain = ctx.ReadExplain(m),
            Description = m.Text("description"),
            Mode = mode,
            EligibleStatus = eligible,
            MissingDocumentsStatus = missingDocs,
            NotEligibleStatus = notEligible,
            StatusLabels = statusLabels.ToImmutable(),
            Fields = fields.ToImmutable(),
            Conditions = conditions,
            DocumentsField = docsField,
            RequiredDocuments = required,
            Amount = ctx.ExprAt(m, "amount", false),
            Span = key.Span,
        };
    }
}
