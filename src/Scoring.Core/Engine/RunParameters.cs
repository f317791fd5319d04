using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Runtime;
using static Scoring.RunMessages;
using A = Scoring.Diagnostics.DiagnosticArguments;

namespace Scoring;

/// <summary>A parameter's values fixed for a run: one value, or one per key (e.g. county) with a fallback, or a scale.</summary>
internal sealed class ParameterValues
{
    public ParameterValues(string name, decimal value, Dictionary<string, decimal>? byKey, bool hasFallback = true, FieldSlot? keyField = null)
    {
        Name = name;
        Value = value;
        ByKey = byKey;
        HasFallback = hasFallback;
        KeyField = keyField;
    }

    public string Name { get; }
    public decimal Value { get; }
    public Dictionary<string, decimal>? ByKey { get; }
    public bool HasFallback { get; }
    public FieldSlot? KeyField { get; }
    public ScaleValue? Scale { get; init; }
}

/// <summary>Checks a run's as-of date and parameters against a compiled rule set and fixes the values in force.</summary>
internal static class RunParameters
{
    public static (ParameterValues[]? Values, IReadOnlyList<Diagnostic> Diagnostics) Resolve(CompiledRuleSet compiled, RunOptions options)
    {
        var bag = new DiagnosticBag();
        var rs = compiled.RuleSet;
        var bound = compiled.Bound;
        var runSpan = SourceSpan.None; // errors about the run itself point at no line of the rule file
        foreach (var name in options.Parameters.Keys)
            if (!rs.Parameters.Any(p => p.Name == name))
            {
                var args = new List<DiagnosticArgument> { Arg(A.RuleSet, rs.Id), Arg(A.Parameter, name) };
                if (NameSuggester.Closest(name, rs.Parameters.Select(p => p.Name)) is { } best) args.Add(Arg(A.Suggestion, best));
                bag.Report(UnknownParameter, runSpan, args.ToArray());
            }
        if (options.AsOf is { } asOf)
        {
            if ((rs.EffectiveFrom is { } from && asOf < from) || (rs.EffectiveTo is { } to && asOf > to))
                bag.Report(NotInEffect, runSpan, Arg(A.RuleSet, rs.Id), Date("from", rs.EffectiveFrom), Date("to", rs.EffectiveTo), Date(A.Date, asOf));
        }
        else
        {
            var needsDate = rs.Parameters.Where((p, i) => bound.ParameterUsed[i] && !p.Values.IsDefaultOrEmpty && !options.Parameters.ContainsKey(p.Name)).Select(p => p.Name).ToList();
            if (bound.UsesAsOf)
                bag.Report(AsOfRequired, runSpan, Arg(A.RuleSet, rs.Id), Arg("reads_as_of", "true"));
            else if (needsDate.Count > 0)
                bag.Report(AsOfRequired, runSpan, Arg(A.RuleSet, rs.Id), Arg(A.Parameter, string.Join(", ", needsDate)));
        }
        var resolved = new ParameterValues[rs.Parameters.Length];
        for (int i = 0; i < rs.Parameters.Length; i++)
        {
            var p = rs.Parameters[i];
            if (p.Type == FieldType.Scale)
            {
                if (options.Parameters.ContainsKey(p.Name))
                    bag.Report(ScaleGivenAsNumber, runSpan, Arg(A.Parameter, p.Name));
                if (!bound.ParameterUsed[i] || options.AsOf is not { } sday) { resolved[i] = new ParameterValues(p.Name, 0, null); continue; }
                var best = InForce(p.Values, sday);
                if (best is null)
                {
                    bag.Report(NotInForce, p.Span, Arg(A.Parameter, p.Name), Date(A.Date, sday), Date("earliest", p.Values.Min(v => v.From)));
                    continue;
                }
                resolved[i] = new ParameterValues(p.Name, 0, null) { Scale = new ScaleValue(best.Bands.Select(b => b.From).ToArray(), best.Bands.Select(b => b.Rate).ToArray()) };
                continue;
            }
            if (options.Parameters.TryGetValue(p.Name, out var given))
            {
                if (p.Type == FieldType.Integer && given != decimal.Truncate(given))
                    bag.Report(NotAnInteger, runSpan, Arg(A.Parameter, p.Name), Arg("value", given.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                resolved[i] = new ParameterValues(p.Name, given, null);
                continue;
            }
            if (!bound.ParameterUsed[i]) { resolved[i] = new ParameterValues(p.Name, 0, null); continue; }
            if (p.Values.IsDefaultOrEmpty)
            {
                bag.Report(MustBeGiven, p.Span, Arg(A.Parameter, p.Name));
                continue;
            }
            if (options.AsOf is not { } day) continue; // reported above
            decimal? fallback = InForce(p.Values.Where(v => v.Key is null), day)?.Value;
            Dictionary<string, decimal>? byKey = null;
            if (p.KeyField is not null)
            {
                byKey = new Dictionary<string, decimal>(StringComparer.Ordinal);
                foreach (var g in p.Values.Where(v => v.Key is not null).GroupBy(v => v.Key!))
                    if (InForce(g, day) is { } kv) byKey[g.Key] = kv.Value;
            }
            if (fallback is null && (byKey is null || byKey.Count == 0))
            {
                bag.Report(NotInForce, p.Span, Arg(A.Parameter, p.Name), Date(A.Date, day), Date("earliest", p.Values.Min(v => v.From)));
                continue;
            }
            resolved[i] = new ParameterValues(p.Name, fallback ?? 0, byKey, fallback is not null,
                p.KeyField is null ? null : bound.Subject.ByName[p.KeyField]);
        }
        return (bag.HasErrors ? null : resolved, bag.Sorted());
    }

    /// <summary>The value in force on <paramref name="day"/>: the latest that starts on or before it.</summary>
    private static DatedValue? InForce(IEnumerable<DatedValue> values, DateOnly day)
    {
        DatedValue? best = null;
        foreach (var v in values)
            if (v.From <= day && (best is null || v.From > best.From)) best = v;
        return best;
    }
}
