using System.Globalization;
using Scoring.Diagnostics;
using Scoring.Rules.Yaml;
using Scoring.Runtime;

namespace Scoring.Rules;

/// <summary>A test case written by policy staff beside the rules: an input record and the outcomes it must produce (or the error it must be rejected with).</summary>
public sealed class TestCase
{
    internal TestCase(string name, SourceSpan span, DateOnly? asOf, IReadOnlyDictionary<string, decimal> parameters,
        IReadOnlyDictionary<string, object?> input, IReadOnlyList<KeyValuePair<string, object?>> expect, string? expectError,
        IReadOnlyList<IReadOnlyDictionary<string, object?>>? inputs = null)
    {
        Inputs = inputs;
        Name = name;
        Span = span;
        AsOf = asOf;
        Parameters = parameters;
        Input = input;
        Expect = expect;
        ExpectError = expectError;
    }

    /// <summary>The test's name.</summary>
    public string Name { get; }

    /// <summary>Where it is written.</summary>
    public SourceSpan Span { get; }

    /// <summary>The run's as-of date.</summary>
    public DateOnly? AsOf { get; }

    /// <summary>Parameter values for the run.</summary>
    public IReadOnlyDictionary<string, decimal> Parameters { get; }

    /// <summary>For a population test: the records scored together (then <see cref="Expect"/> is keyed by record id).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>>? Inputs { get; }

    /// <summary>The input record: text values, lists of text, and lists of records for collections.</summary>
    public IReadOnlyDictionary<string, object?> Input { get; }

    /// <summary>Expected outcomes (only these keys are checked). Values are text, null, lists or dictionaries as written.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Expect { get; }

    /// <summary>When set, the record must be rejected with an error whose message contains this text.</summary>
    public string? ExpectError { get; }
}

internal static class TestCaseReader
{
    public static IEnumerable<TestCase> Read(YSequence? seq, DiagnosticBag bag)
    {
        if (seq is null) yield break;
        int n = 0;
        foreach (var item in seq.Items)
        {
            n++;
            var m = MapReader.Open(item, bag, $"test case {n}", "name", "description", "as_of", "params", "input", "inputs", "expect", "expect_error");
            if (m is null) continue;
            var name = m.Text("name") ?? $"test {n}";
            var parameters = new Dictionary<string, decimal>(StringComparer.Ordinal);
            if (m.Mapping("params") is { } pm)
                foreach (var (k, v) in pm.Entries)
                {
                    if (v is YScalar s && MapReader.ParseDecimal(s, k.Value, bag) is { } d) parameters[k.Value] = d;
                    else if (v is not YScalar) bag.Error(DiagnosticCodes.InvalidValue, $"parameter '{k.Value}' must be a number", v.Span);
                }
            List<IReadOnlyDictionary<string, object?>>? inputs = null;
            var input = new Dictionary<string, object?>();
            if (m.Has("inputs"))
            {
                if (m.Has("input")) bag.Error(DiagnosticCodes.InvalidValue, $"test '{name}' has both 'input' and 'inputs'", m.Span);
                inputs = new List<IReadOnlyDictionary<string, object?>>();
                if (m.Sequence("inputs") is { } seqIn)
                    foreach (var rec in seqIn.Items)
                    {
                        if (rec is YMapping rm) inputs.Add(ToRecord(rm, bag));
                        else bag.Error(DiagnosticCodes.InvalidValue, "each item of 'inputs' must be a record (key: value lines)", rec.Span);
                    }
            }
            else if (m.Mapping("input", required: true) is { } inputNode)
            {
                input = ToRecord(inputNode, bag);
            }
            var expect = new List<KeyValuePair<string, object?>>();
            if (m.Mapping("expect") is { } em)
                foreach (var (k, v) in em.Entries) expect.Add(new(k.Value, ToPlain(v)));
            var expectError = m.Text("expect_error");
            if (expect.Count == 0 && expectError is null)
                bag.Error(DiagnosticCodes.MissingKey, $"test '{name}' needs 'expect' (outcomes) or 'expect_error'", m.Span);
            if (expect.Count > 0 && expectError is not null)
                bag.Error(DiagnosticCodes.InvalidValue, $"test '{name}' has both 'expect' and 'expect_error'; a record is either scored or rejected", m.Span);
            if (inputs is not null && expectError is not null)
                bag.Error(DiagnosticCodes.InvalidValue, $"test '{name}': 'expect_error' applies to a single 'input'; in a population test expect the rejected record's absence instead", m.Span);
            if (inputs is not null)
                foreach (var (k, v) in expect)
                    if (v is not List<KeyValuePair<string, object?>> and not "rejected")
                        bag.Error(DiagnosticCodes.InvalidValue, $"test '{name}': with 'inputs', 'expect' maps each record id to its expected outcomes or to 'rejected' ('{k}' is neither)", m.Span);
            yield return new TestCase(name, item.Span, m.Date("as_of"), parameters, input, expect, expectError, inputs);
        }
    }

    private static Dictionary<string, object?> ToRecord(YMapping map, DiagnosticBag bag)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Entries)
        {
            d[k.Value] = v switch
            {
                YScalar s => s.IsNull ? null : s.Value,
                YSequence seq when seq.Items.All(i => i is YMapping) && seq.Items.Count > 0 =>
                    seq.Items.Select(i => (IReadOnlyDictionary<string, object?>)ToRecord((YMapping)i, bag)).ToList(),
                YSequence seq when seq.Items.All(i => i is YScalar) => seq.Items.Select(i => ((YScalar)i).Value).ToList(),
                _ => Invalid(v, bag),
            };
        }
        return d;
    }

    private static object? Invalid(YNode v, DiagnosticBag bag)
    {
        bag.Error(DiagnosticCodes.InvalidValue, $"an input value must be a single value, a list of values or a list of records, not {v.KindName}", v.Span);
        return null;
    }

    private static object? ToPlain(YNode v) => v switch
    {
        YScalar s => s.IsNull ? null : s.Value,
        YSequence seq => seq.Items.Select(ToPlain).ToList(),
        YMapping m => m.Entries.Select(e => new KeyValuePair<string, object?>(e.Key.Value, ToPlain(e.Value))).ToList(),
        _ => null,
    };
}

/// <summary>The result of one test case.</summary>
/// <param name="File">The rule file.</param>
/// <param name="Test">The test case.</param>
/// <param name="Failures">Why it failed (expected vs actual); empty when it passed.</param>
public sealed record TestResult(string File, TestCase Test, IReadOnlyList<string> Failures)
{
    /// <summary>True when the test passed.</summary>
    public bool Passed => Failures.Count == 0;
}

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
