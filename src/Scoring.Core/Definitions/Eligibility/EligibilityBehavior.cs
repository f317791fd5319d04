using System.Collections.Immutable;
using System.Linq.Expressions;
using Scoring.Binding;
using Scoring.Compilation;
using Scoring.Diagnostics;
using Scoring.Functions;
using Scoring.Model;
using Scoring.Runtime;
using Scoring.Syntax;
using E = System.Linq.Expressions.Expression;

namespace Scoring.Definitions.Eligibility;

/// <summary>An extra field of an eligibility result, computed into a hidden slot.</summary>
internal sealed record ExtraField(string Name, BExpr Expr, Storage Storage, int Slot);

/// <summary>An eligibility programme: whether its conditions combine to hold (a B slot), its amount, its extra fields.</summary>
internal sealed class EligibilitySymbol : Symbol
{
    public EligibilitySymbol(EligibilityDefinition def, in SymbolBase common) : base(def, common) { }

    public required ImmutableArray<Symbol> Conditions { get; init; }
    public required FieldSlot? Documents { get; init; }
    public required BExpr? Amount { get; init; }
    public required int AmountSlot { get; init; }
    public required ImmutableArray<ExtraField> ExtraFields { get; init; }
}

internal sealed class EligibilityBehavior : DefinitionBehavior<EligibilityDefinition, EligibilitySymbol>
{
    public override DefinitionKind Kind => DefinitionKind.Eligibility;

    protected override void Link(EligibilityDefinition e, RuleSetContext ctx)
    {
        foreach (var r in e.Conditions)
        {
            if (ctx.Names.Declared.TryGetValue(r.Key, out var cond) && cond is CriterionDefinition or EligibilityDefinition)
                ctx.AddLink(e, cond);
            else
            {
                var criteria = ctx.Names.Declared.Values.Where(x => x is CriterionDefinition).Select(x => x.Key);
                ctx.Error(DiagnosticCodes.InvalidReference, $"condition '{r.Key}' of '{e.Key}' is not a criterion{ExpressionBinder.Suggest(r.Key, criteria)}", r.Span);
            }
        }
        if (e.Conditions.IsDefaultOrEmpty)
            ctx.Error(DiagnosticCodes.MissingKey, $"eligibility '{e.Key}' needs at least one condition", e.Span);
    }

    protected override IEnumerable<Expr> Expressions(EligibilityDefinition e) =>
        (e.Amount is null ? Array.Empty<Expr>() : new[] { e.Amount }).Concat(e.Fields.Select(f => f.Expression));

    protected override EligibilitySymbol Bind(EligibilityDefinition e, RuleSetContext ctx, int order)
    {
        var b = ctx.Binder;
        var slots = ctx.Slots;
        int slot = slots.NextBool();
        FieldSlot? documents = null;
        if (e.DocumentsField is { } df)
        {
            if (!ctx.Subject.ByName.TryGetValue(df.Key, out var f) || f.Def.Type != FieldType.List)
                ctx.Error(DiagnosticCodes.InvalidReference, $"documents of '{e.Key}' must name a list field of the subject; '{df.Key}' is not one", df.Span);
            else
            {
                documents = f;
                if (!f.Def.Values.IsDefaultOrEmpty)
                    foreach (var d in e.RequiredDocuments)
                        if (!f.Def.Values.Contains(d))
                            ctx.Error(DiagnosticCodes.UnknownEnumMember, $"required document '{d}' is not one of the values of '{f.Name}' ({string.Join(", ", f.Def.Values)})", df.Span);
            }
        }
        else if (!e.RequiredDocuments.IsDefaultOrEmpty)
        {
            ctx.Error(DiagnosticCodes.MissingKey, $"eligibility '{e.Key}' requires documents but names no field that lists those provided", e.Span);
        }
        BExpr? amount = null;
        int amountSlot = -1;
        if (e.Amount is not null)
        {
            amount = b.ExpectType(b.BindTop(e.Amount), TKind.Number, $"amount of '{e.Key}'");
            amountSlot = slots.NextNum();
        }
        var names = new HashSet<string>(StringComparer.Ordinal) { "status", "amount", "missing_documents", "reasons" };
        var extra = ImmutableArray.CreateBuilder<ExtraField>();
        foreach (var f in e.Fields)
        {
            if (!names.Add(f.Name))
                ctx.Error(DiagnosticCodes.DuplicateName, $"result field '{f.Name}' of '{e.Key}' is already used", f.Span);
            var bf = b.BindTop(f.Expression);
            if (bf.Type.Kind is TKind.Collection or TKind.List or TKind.Scale)
                ctx.Error(DiagnosticCodes.TypeMismatch, $"result field '{f.Name}' must be a value or a collected list, not {bf.Type}", f.Expression.Span);
            if (bf.Type.Kind is TKind.Date or TKind.Month)
            {
                ctx.Error(DiagnosticCodes.TypeMismatch, $"result field '{f.Name}' cannot be a date or month; use a number, text or list", f.Expression.Span);
                continue;
            }
            var (st, sl) = slots.For(bf.Type);
            extra.Add(new ExtraField(f.Name, bf, st, sl));
        }
        return new EligibilitySymbol(e, ctx.Common(order, TType.Boolean, Storage.Bool, slot))
        {
            Conditions = ctx.LinksOf(e).Select(ctx.SymbolOf).OfType<Symbol>().ToImmutableArray(),
            Documents = documents,
            Amount = amount,
            AmountSlot = amountSlot,
            ExtraFields = extra.ToImmutable(),
        };
    }

    protected override void Emit(EligibilitySymbol s, ExpressionCompiler c, List<Expression> body)
    {
        var met = c.B(s.Slot);
        bool any = ((EligibilityDefinition)s.Def).Mode == ConditionMode.Any;
        E all = E.Constant(!any);
        foreach (var cond in s.Conditions) all = any ? E.OrElse(all, c.B(cond.Slot)) : E.AndAlso(all, c.B(cond.Slot));
        body.Add(E.Assign(met, all));
        if (s.AmountSlot >= 0)
            body.Add(E.Assign(c.N(s.AmountSlot), E.Condition(met, c.Emit(s.Amount!), E.Constant(0m))));
        foreach (var f in s.ExtraFields) body.Add(E.Assign(c.Slot(f.Storage, f.Slot), c.Emit(f.Expr)));
    }

    protected override Value ValueOf(EligibilitySymbol s, Frame f, Record record)
    {
        var e = (EligibilityDefinition)s.Def;
        bool met = f.B[s.Slot];
        var missing = new List<Value>();
        if (met && s.Documents is { } docs)
        {
            var provided = record.Lists[docs.Slot];
            foreach (var d in e.RequiredDocuments)
                if (!ListFunctions.ListContains(provided, d)) missing.Add(Value.Of(d));
        }
        var reasons = new List<Value>();
        foreach (var c in s.Conditions)
        {
            bool held = f.B[c.Slot];
            // all: the conditions that failed; any: the conditions that held
            if (e.Mode == ConditionMode.All ? !held && !met : held) reasons.Add(Value.Of(c.Key));
        }
        string status = !met ? e.NotEligibleStatus : missing.Count > 0 ? e.MissingDocumentsStatus : e.EligibleStatus;
        // statuses written as true / false report a boolean (e.g. committee_eligible: true, with its reasons)
        var fields = new List<NamedValue> { new("status", status is "true" or "false" ? Value.Of(status == "true") : Value.Of(status)) };
        if (s.AmountSlot >= 0) fields.Add(new("amount", Value.Of(f.N[s.AmountSlot])));
        fields.Add(new("missing_documents", Value.List(missing)));
        fields.Add(new("reasons", Value.List(reasons)));
        foreach (var x in s.ExtraFields) fields.Add(new(x.Name, SlotValue(f, x.Storage, x.Slot, x.Expr.Type)));
        return Value.Object(fields);
    }

    protected override IReadOnlyList<string> ResultFields(EligibilitySymbol s)
    {
        var fields = new List<string> { "status" };
        if (s.AmountSlot >= 0) fields.Add("amount");
        fields.Add("missing_documents");
        fields.Add("reasons");
        fields.AddRange(s.ExtraFields.Select(x => x.Name));
        return fields;
    }

    protected override ExplanationPlan Plan(EligibilitySymbol s, ExplanationPlan common, Func<Expr, string> text) => new EligibilityPlan
    {
        Symbol = common.Symbol, IsOutcome = common.IsOutcome, Rule = common.Rule, Readers = common.Readers,
        InputNames = common.InputNames, InputLabels = common.InputLabels, Phrasing = common.Phrasing,
        ConditionLabels = s.Conditions.Select(c => c.Def.Label ?? c.Key).ToArray(),
    };

    private sealed class EligibilityPlan : ExplanationPlan
    {
        public required string[] ConditionLabels { get; init; }
    }

    protected override ExplainedParts Explain(ExplanationPlan plan, EligibilitySymbol s, Frame frame, Record record, Func<Expr, string> text)
    {
        var p = (EligibilityPlan)plan;
        var notes = new string[s.Conditions.Length];
        for (int c = 0; c < notes.Length; c++)
            notes[c] = (frame.B[s.Conditions[c].Slot] ? "✓ " : "✗ ") + p.ConditionLabels[c];
        return new(ValueOf(s, frame, record), frame.B[s.Slot], null, plan.Rule, notes);
    }

    /// <summary>The status in words (<c>符合条件，尚缺材料：收入证明；金额 470</c>, <c>不符合条件：…</c>).</summary>
    protected override string? Sentence(ExplanationPlan plan, EligibilitySymbol s, Frame frame, Record record, in ExplainedParts parts, PublicPhrasing.Lookup values)
    {
        if (Authored(plan, parts, values) is { } authored) return authored;
        var e = (EligibilityDefinition)s.Def;
        var phrasing = plan.Phrasing;
        var result = parts.Value;
        var status = result["status"];
        var statusText = status.Kind == ValueKind.Boolean ? (status.AsBoolean ? "true" : "false") : status.AsText ?? "";
        var text = new System.Text.StringBuilder(e.StatusLabel(statusText));
        var missing = result["missing_documents"].AsList;
        if (missing.Count > 0) text.Append(text[^1] == '料' ? "：" : "，尚缺材料：").Append(phrasing.Format(result["missing_documents"], e.DocumentsField?.Key));
        var reasons = result["reasons"].AsList;
        if (reasons.Count > 0)
            text.Append(e.Mode == ConditionMode.All ? "，未满足：" : "：").Append(string.Join("、", reasons.Select(r => phrasing.Label(r.AsText ?? ""))));
        if (s.AmountSlot >= 0 && result["amount"] is { Kind: ValueKind.Number } amount && amount.AsNumber != 0)
            text.Append("；金额 ").Append(phrasing.Format(amount));
        return text.ToString(); // the values that decided it are in the sentences of its conditions
    }
}
