using System.Globalization;
using Scoring.Diagnostics;
using Scoring.Rules.Yaml;
using Scoring.Runtime;

namespace Scoring.Rules;

/// <summary>Runs the test cases of rule files.</summary>
public static class TestRunner
{
    /// <summary>Runs every test case of <paramref name="file"/> against <paramref name="compiled"/> (compiled from the same file).</summary>
    public static IReadOnlyList<TestResult> Run(RuleFile file, CompiledRuleSet compiled)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(compiled);
        var results = new List<TestResult>();
        foreach (var t in file.Tests) results.Add(new TestResult(file.Path, t, RunOne(t, compiled)));
        return results;
    }

    private static List<string> RunOne(TestCase t, CompiledRuleSet compiled)
    {
        var failures = new List<string>();
        var run = compiled.CreateRun(new RunOptions { AsOf = t.AsOf, Parameters = t.Parameters });
        if (run.Value is null)
        {
            var msg = string.Join("; ", run.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => $"{d.Code}: {d.Message}"));
            if (t.ExpectError is null) failures.Add($"the run could not start: {msg}");
            else if (!msg.Contains(t.ExpectError, StringComparison.Ordinal))
                failures.Add($"expected an error mentioning '{t.ExpectError}', got: {msg}");
            return failures;
        }
        if (t.Inputs is not null) return RunPopulation(t, compiled, run.Value);
        Evaluation eval;
        if (run.Value.HasPopulationOutcomes)
        {
            var pop = run.Value.BeginPopulation();
            eval = pop.Add(compiled.Reader.Read(t.Input));
            pop.Complete();
        }
        else eval = run.Value.Evaluate(t.Input);
        if (t.ExpectError is not null)
        {
            if (eval.Error is null)
                failures.Add($"expected the record to be rejected with an error mentioning '{t.ExpectError}', but it was scored: {string.Join(", ", eval.Outcomes.Select(o => $"{o.Key}={o.Value}"))}");
            else if (!eval.Error.Message.Contains(t.ExpectError, StringComparison.Ordinal) && eval.Error.Code != t.ExpectError)
                failures.Add($"expected an error mentioning '{t.ExpectError}', got: {eval.Error.Code}: {eval.Error.Message}");
            return failures;
        }
        if (eval.Error is not null)
        {
            failures.Add($"the record was rejected: {eval.Error.Code}: {eval.Error.Message}");
            return failures;
        }
        CompareAll(t.Expect, eval, failures, "");
        return failures;
    }

    private static List<string> RunPopulation(TestCase t, CompiledRuleSet compiled, ScoringRun run)
    {
        var failures = new List<string>();
        var pop = run.BeginPopulation();
        var byKey = new Dictionary<string, Evaluation>(StringComparer.Ordinal);
        int n = 0;
        foreach (var input in t.Inputs!)
        {
            n++;
            var e = pop.Add(compiled.Reader.Read(input, n));
            if (e.Key is not null && !byKey.TryAdd(e.Key, e)) failures.Add($"record {n}: id '{e.Key}' appears twice in 'inputs'");
        }
        pop.Complete();
        foreach (var (id, expected) in t.Expect)
        {
            if (!byKey.TryGetValue(id, out var e))
            {
                failures.Add($"{id}: no record with this id in 'inputs'");
                continue;
            }
            if (expected is string s && s == "rejected")
            {
                if (e.Error is null) failures.Add($"{id}: expected the record to be rejected, but it was scored");
                continue;
            }
            if (e.Error is not null)
            {
                failures.Add($"{id}: the record was rejected: {e.Error.Code}: {e.Error.Message}");
                continue;
            }
            if (expected is List<KeyValuePair<string, object?>> map) CompareAll(map, e, failures, id + ": ");
        }
        return failures;
    }

    private static void CompareAll(IReadOnlyList<KeyValuePair<string, object?>> expect, Evaluation eval, List<string> failures, string prefix)
    {
        foreach (var (key, expected) in expect)
        {
            Value actual;
            if (eval.Outcomes.Any(o => o.Key == key)) actual = eval[key];
            else if (key.Contains('.', StringComparison.Ordinal) && eval.Outcomes.Any(o => o.Key == key[..key.IndexOf('.', StringComparison.Ordinal)]))
            {
                var parts = key.Split('.');
                actual = eval[parts[0]];
                for (int i = 1; i < parts.Length; i++) actual = actual[parts[i]];
            }
            else
            {
                failures.Add($"{prefix}{key}: not an outcome of this rule set (outcomes: {string.Join(", ", eval.Outcomes.Select(o => o.Key))})");
                continue;
            }
            var why = Compare(expected, actual, key);
            if (why is not null) failures.Add(prefix + why);
        }
    }

    private static string Show(object? expected) => expected switch
    {
        null => "null",
        string s => s,
        List<object?> l => "[" + string.Join(", ", l.Select(Show)) + "]",
        List<KeyValuePair<string, object?>> m => "{" + string.Join(", ", m.Select(kv => $"{kv.Key}: {Show(kv.Value)}")) + "}",
        _ => expected.ToString() ?? "",
    };

    private static string Actual(Value v) => v.Kind == ValueKind.Empty ? "null" : v.ToString();

    /// <summary>Null when <paramref name="actual"/> matches <paramref name="expected"/>, else a line "key: expected X, actual Y".</summary>
    internal static string? Compare(object? expected, Value actual, string key)
    {
        string Fail() => $"{key}: expected {Show(expected)}, actual {Actual(actual)}";
        switch (expected)
        {
            case null:
                return actual.Kind == ValueKind.Empty ? null : Fail();
            case string s:
                switch (actual.Kind)
                {
                    case ValueKind.Number:
                        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && d == actual.AsNumber ? null : Fail();
                    case ValueKind.Boolean:
                        return (s is "true" or "True" ? true : s is "false" or "False" ? (bool?)false : null) == actual.AsBoolean ? null : Fail();
                    case ValueKind.Empty:
                        return Fail();
                    default:
                        return actual.ToString() == s ? null : Fail();
                }
            case List<object?> list:
            {
                if (actual.Kind != ValueKind.List || actual.AsList.Count != list.Count) return Fail();
                for (int i = 0; i < list.Count; i++)
                    if (Compare(list[i], actual.AsList[i], $"{key}[{i}]") is not null) return Fail();
                return null;
            }
            case List<KeyValuePair<string, object?>> map:
            {
                if (actual.Kind != ValueKind.Object) return Fail();
                foreach (var (k, v) in map)
                    if (Compare(v, actual[k], $"{key}.{k}") is { } why) return why;
                return null;
            }
            default:
                return Fail();
        }
    }
}
