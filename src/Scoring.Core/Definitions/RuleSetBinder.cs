using System.Collections.Immutable;
using Scoring.Binding;
using Scoring.Definitions.Rankings;
using Scoring.Diagnostics;
using Scoring.Functions;
using Scoring.Model;
using Scoring.Runtime;

namespace Scoring.Definitions;

/// <summary>
/// Validates a rule set and type-checks every definition against its input schema: checks the schema and
/// parameters, declares every definition, links the ones that refer to each other by key, orders them by
/// dependency (reporting cycles), binds each through its kind, and resolves the outcomes. Reports every
/// problem at once; the result is null when there was an error.
/// </summary>
internal sealed class RuleSetBinder
{
    private readonly RuleSetParts _parts;
    private readonly DiagnosticBag _bag;

    private RuleSetBinder(RuleSetParts parts, DiagnosticBag bag)
    {
        _parts = parts;
        _bag = bag;
    }

    public static BoundRuleSet? Bind(RuleSetParts parts, DiagnosticBag bag) => new RuleSetBinder(parts, bag).Run();

    /// <summary>An author's <c>explain</c> sentence may name, in <c>{…}</c>, only what its rule reads (and the definition itself).</summary>
    private void CheckExplain(Model.Definition def, Symbol sym, Model.ExplainText explain)
    {
        var known = sym.Inputs.Select(i => i.Name).Append(def.Key).ToArray();
        foreach (var text in new[] { explain.Met, explain.NotMet })
        {
            if (text is null) continue;
            foreach (var name in PublicPhrasing.Placeholders(text))
                if (!known.Contains(name, StringComparer.Ordinal))
                    _bag.Error(DiagnosticCodes.UnknownName,
                        $"'{{{name}}}' in the explain sentence of '{def.Key}' is not something its rule reads; it can use {string.Join(", ", known.Select(k => "{" + k + "}"))}",
                        explain.Span);
        }
    }

    private BoundRuleSet? Run()
    {
        var p = _parts;
        if (string.IsNullOrWhiteSpace(p.Id)) _bag.Error(DiagnosticCodes.MissingKey, "rule set needs an id", p.Span);
        if (string.IsNullOrWhiteSpace(p.Name)) _bag.Error(DiagnosticCodes.MissingKey, "rule set needs a name", p.Span);
        if (string.IsNullOrWhiteSpace(p.Version)) _bag.Error(DiagnosticCodes.MissingKey, "rule set needs a version", p.Span);
        if (p.EffectiveFrom is { } f && p.EffectiveTo is { } t && t < f)
            _bag.Error(DiagnosticCodes.InvalidValue, $"effective 'to' ({t:yyyy-MM-dd}) is before 'from' ({f:yyyy-MM-dd})", p.Span);
        if (p.Subject is null)
        {
            _bag.Error(DiagnosticCodes.MissingKey, "rule set needs a subject (its input schema)", p.Span);
            return null;
        }
        SchemaChecks.CheckRecordSchema(p.Subject.Record, "subject", _bag);
        var subject = new RecordLayout(p.Subject.Record);
        if (!subject.ByName.TryGetValue(p.Subject.Key ?? "", out var keyField))
            _bag.Error(DiagnosticCodes.InvalidReference, $"subject key '{p.Subject.Key}' is not a field of the subject", p.Subject.Span);
        else if (keyField.Def.Type is not (FieldType.String or FieldType.Integer) || keyField.Def.Optional)
        {
            _bag.Error(DiagnosticCodes.InvalidReference, $"subject key '{keyField.Name}' must be a required string or integer field", keyField.Def.Span);
        }

        var kinds = DefinitionKinds.Default;
        var names = new RuleSetNames(subject, p.Parameters, FunctionRegistry.Default, kinds)
        {
            Unreadable = d => kinds.Of(d).Unreadable,
        };
        var ctx = new RuleSetContext(names, _bag);
        SchemaChecks.CheckParameters(names, _bag);
        Declare(ctx);
        foreach (var d in names.Declared.Values) kinds.Of(d).Link(d, ctx);

        var ordering = new DependencyOrder(ctx, p.Subject.Record);
        var order = ordering.Order(p.Definitions);
        var symbols = ImmutableArray.CreateBuilder<Symbol>(order.Count);
        foreach (var def in order)
        {
            ctx.Binder.Begin(def);
            var sym = kinds.Of(def).Bind(def, ctx, symbols.Count);
            if (def.Explain is { } explain) CheckExplain(def, sym, explain);
            names.Bound[def.Key] = sym;
            symbols.Add(sym);
        }
        var outcomes = BindOutcomes(names);
        if (_bag.HasErrors || ordering.Cyclic || keyField is null) return null;
        var slots = ctx.Slots;
        var bound = symbols.ToImmutable();
        return new BoundRuleSet
        {
            Subject = subject,
            Symbols = bound,
            ByKey = names.Bound,
            Outcomes = outcomes,
            Shape = new Compilation.FrameShape(slots.Num, slots.Bool, slots.Int, slots.Str, slots.Value),
            Rankings = bound.OfType<RankingSymbol>().ToImmutableArray(),
            UsesAsOf = names.UsesAsOf, // dated parameters need it too, unless the run gives their values
            ParameterUsed = names.ParameterUsed.ToImmutableArray(),
            KeyField = keyField,
        };
    }

    /// <summary>Declares every definition in one namespace with the fields and parameters; sets up the periods and checks child definitions.</summary>
    private void Declare(RuleSetContext ctx)
    {
        var names = ctx.Names;
        var subject = names.Subject;
        foreach (var d in _parts.Definitions)
        {
            if (!SchemaChecks.IsIdentifier(d.Key))
            {
                _bag.Error(DiagnosticCodes.InvalidIdentifier, $"'{d.Key}' is not a valid name (a letter or '_', then letters, digits or '_'; not a keyword)", d.Span);
                continue;
            }
            if (subject.ByName.ContainsKey(d.Key) || subject.CollectionsByName.ContainsKey(d.Key) || names.ParameterIndex.ContainsKey(d.Key) || d.Key == "as_of")
            {
                _bag.Error(DiagnosticCodes.DuplicateName, $"'{d.Key}' is already declared as an input field or parameter; fields, parameters and rules share one namespace", d.Span);
                continue;
            }
            if (!names.Declared.TryAdd(d.Key, d))
                _bag.Error(DiagnosticCodes.DuplicateName, $"'{d.Key}' is defined twice; values, criteria, scores, classifications and eligibility share one namespace", d.Span);
        }
        // periods: a generated collection with its own layout, nameable before it is bound
        foreach (var d in names.Declared.Values)
        {
            if (d is not PeriodDefinition pd) continue;
            if (!SchemaChecks.IsIdentifier(pd.Field))
                _bag.Error(DiagnosticCodes.InvalidIdentifier, $"'{pd.Field}' is not a valid name for the period value", pd.Span);
            var field = new FieldDefinition(pd.Field, FieldType.Month) { Label = pd.Label, Span = pd.Span };
            var source = new Binding.PeriodSource(pd, new RecordLayout(field, pd.Definitions));
            names.Periods[pd.Key] = source;
            CheckChildDefinitions(pd.Definitions, $"period '{pd.Key}'", source.Layout);
        }
        foreach (var c in subject.Collections)
            CheckChildDefinitions(c.Def.Definitions, $"collection '{c.Def.Name}'", c.Child);
    }

    private void CheckChildDefinitions(ImmutableArray<Definition> defs, string where, RecordLayout owner)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in defs)
        {
            if (!DefinitionKinds.Default.Of(d).PerChild)
                _bag.Error(DiagnosticCodes.InvalidValue, $"'{d.Key}' in {where}: only {DefinitionKinds.Default.PerChildKinds} can be computed per child record", d.Span);
            if (!SchemaChecks.IsIdentifier(d.Key))
                _bag.Error(DiagnosticCodes.InvalidIdentifier, $"'{d.Key}' is not a valid name", d.Span);
            if (!seen.Add(d.Key) || owner.ByName.ContainsKey(d.Key) || owner.CollectionsByName.ContainsKey(d.Key))
                _bag.Error(DiagnosticCodes.DuplicateName, $"'{d.Key}' is declared twice in {where}", d.Span);
            if (d is CriterionDefinition { Score: { } sc } && !defs.Any(x => x is ScoreDefinition && x.Key == sc))
                _bag.Error(DiagnosticCodes.InvalidReference, $"criterion '{d.Key}' counts towards '{sc}', which is not a score of {where}", d.Span);
        }
    }

    private ImmutableArray<Symbol> BindOutcomes(RuleSetNames names)
    {
        var list = ImmutableArray.CreateBuilder<Symbol>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (_parts.Outcomes.Count == 0)
            _bag.Error(DiagnosticCodes.MissingKey, "rule set lists no outcomes", _parts.Span);
        foreach (var o in _parts.Outcomes)
        {
            if (!seen.Add(o.Key))
                _bag.Error(DiagnosticCodes.DuplicateName, $"outcome '{o.Key}' is listed twice", o.Span);
            else if (names.Declared.TryGetValue(o.Key, out var d) && !DefinitionKinds.Default.Of(d).Reportable)
                _bag.Error(DiagnosticCodes.UnknownOutcome, $"'{o.Key}' is a {d.Kind.ToKeyword()}, not something a rule set can report", o.Span);
            else if (names.Bound.TryGetValue(o.Key, out var s))
                list.Add(s);
            else
                _bag.Error(DiagnosticCodes.UnknownOutcome, $"outcome '{o.Key}' is not a value, criterion, score, classification or eligibility of this rule set{ExpressionBinder.Suggest(o.Key, names.Declared.Keys)}", o.Span);
        }
        return list.ToImmutable();
    }
}

/// <summary>What a rule set is built from: the builder's contents, as the binder reads them.</summary>
internal sealed record RuleSetParts(
    string Id, string Name, string Version, DateOnly? EffectiveFrom, DateOnly? EffectiveTo, Diagnostics.SourceSpan Span,
    SubjectSchema? Subject, IReadOnlyList<ParameterDefinition> Parameters, IReadOnlyList<Definition> Definitions, IReadOnlyList<KeyReference> Outcomes);
