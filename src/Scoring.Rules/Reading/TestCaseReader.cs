using System.Globalization;
using Scoring.Diagnostics;
using Scoring.Rules.Yaml;
using Scoring.Runtime;

namespace Scoring.Rules.Reading;

/// <summary>Reads the test cases of a rule file (or of its tests_file).</summary>
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
