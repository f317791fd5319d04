using System.Text;
using Scoring.Diagnostics;
using Scoring.Rules;
using Scoring.Runtime;

namespace Scoring.Tests.Support;

/// <summary>Builds rule sets from YAML text (via <see cref="RuleFileLoader.LoadText"/>) and evaluates records against them.</summary>
public static class TestRules
{
    /// <summary>Loads YAML rule text; never throws on invalid content.</summary>
    public static RuleFile Load(string yaml, string path = "test.yaml") => RuleFileLoader.LoadText(yaml, path);

    /// <summary>Loads and compiles YAML rule text that must be valid; throws listing the diagnostics otherwise.</summary>
    public static CompiledRuleSet Compile(string yaml, string path = "test.yaml")
    {
        var file = Load(yaml, path);
        if (!file.Succeeded || file.Diagnostics.Count > 0)
            throw new InvalidOperationException("rule text has diagnostics:" + Environment.NewLine + string.Join(Environment.NewLine, file.Diagnostics));
        return CompiledRuleSet.Compile(file.RuleSet!);
    }

    /// <summary>Compiles YAML rule text and creates a run, which must succeed.</summary>
    public static ScoringRun Run(string yaml, DateOnly? asOf = null, IReadOnlyDictionary<string, decimal>? parameters = null)
    {
        var run = Compile(yaml).CreateRun(new RunOptions
        {
            AsOf = asOf,
            Parameters = parameters ?? new Dictionary<string, decimal>(),
        });
        return run.Value ?? throw new InvalidOperationException("run could not start: " + string.Join("; ", run.Diagnostics));
    }

    /// <summary>The diagnostics of YAML rule text, each as <c>file(line,col): error SCRxxxx: message</c>.</summary>
    public static IReadOnlyList<string> DiagnosticLines(string yaml, string path = "test.yaml") =>
        Load(yaml, path).Diagnostics.Select(d => d.ToString()).ToArray();

    /// <summary>The diagnostic codes of YAML rule text, in file order.</summary>
    public static IReadOnlyList<string> Codes(string yaml) => Load(yaml).Diagnostics.Select(d => d.Code).ToArray();

    /// <summary>Indents every line of <paramref name="text"/> by <paramref name="spaces"/> spaces.</summary>
    public static string Indent(string text, int spaces)
    {
        var pad = new string(' ', spaces);
        return string.Join("\n", text.Replace("\r\n", "\n").Split('\n').Select(l => l.Length == 0 ? l : pad + l));
    }
}

/// <summary>
/// A fixed schema for evaluating single expressions end to end: each expression becomes a value
/// named <c>result</c> in a tiny rule set, evaluated against a default record that a test overrides field by field.
/// </summary>
public static class Sandbox
{
    public const string Fields = """
        id: string
        x: decimal
        y: decimal
        n: integer
        k: integer
        big: decimal
        b: boolean
        c: boolean
        s: string
        color: { type: enum, values: [red, green, blue] }
        d: date
        d2: date
        mo: month
        居民人数: integer
        opt: { type: decimal, optional: true }
        opt_s: { type: string, optional: true }
        docs: list
        """;

    public const string Collections = """
        members:
          fields:
            age: integer
            income: decimal
            employed: boolean
            school: { type: boolean, optional: true }
        """;

    /// <summary>The rule text for one value <c>result: expr</c> (and optionally more values) over the sandbox schema.</summary>
    public static string Yaml(string expr, string extraValues = "")
    {
        var sb = new StringBuilder();
        sb.Append("id: sandbox\nname: sandbox\nversion: \"1\"\nsubject:\n  key: id\n  fields:\n");
        sb.Append(TestRules.Indent(Fields, 4)).Append('\n');
        sb.Append("  collections:\n").Append(TestRules.Indent(Collections, 4)).Append('\n');
        sb.Append("values:\n  result:\n    expr: |-\n").Append(TestRules.Indent(expr, 6)).Append('\n');
        if (extraValues.Length > 0) sb.Append(TestRules.Indent(extraValues, 2)).Append('\n');
        sb.Append("outcomes: [result]\n");
        return sb.ToString();
    }

    /// <summary>A record with every required field set; <paramref name="overrides"/> replace or remove (null) fields.</summary>
    public static Dictionary<string, object?> Record(IReadOnlyDictionary<string, object?>? overrides = null)
    {
        var r = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = "R-1",
            ["x"] = 1.5m,
            ["y"] = 2m,
            ["n"] = 7,
            ["k"] = 2,
            ["big"] = 1m,
            ["b"] = true,
            ["c"] = false,
            ["s"] = "abc",
            ["color"] = "green",
            ["d"] = "2024-03-15",
            ["d2"] = "2024-01-31",
            ["mo"] = "2023-05",
            ["居民人数"] = 520,
            ["docs"] = new List<string> { "id_card", "hukou" },
            ["members"] = new List<IReadOnlyDictionary<string, object?>>
            {
                Member(70, 0m, false),
                Member(45, 3000m, true),
                Member(10, 0m, false, school: true),
            },
        };
        if (overrides is not null)
            foreach (var (k, v) in overrides)
                r[k] = v;
        return r;
    }

    /// <summary>A child record of <c>members</c>.</summary>
    public static IReadOnlyDictionary<string, object?> Member(int age, decimal income, bool employed, bool? school = null) =>
        new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["age"] = age,
            ["income"] = income,
            ["employed"] = employed,
            ["school"] = school,
        };

    /// <summary>Evaluates <paramref name="expr"/> for the default record with <paramref name="overrides"/>.</summary>
    public static Evaluation Evaluate(string expr, IReadOnlyDictionary<string, object?>? overrides = null, DateOnly? asOf = null)
    {
        var run = TestRules.Run(Yaml(expr), asOf ?? new DateOnly(2024, 6, 30));
        return run.Evaluate(Record(overrides));
    }

    /// <summary>The value of <paramref name="expr"/>; throws when the record is rejected.</summary>
    public static Value Value(string expr, IReadOnlyDictionary<string, object?>? overrides = null, DateOnly? asOf = null)
    {
        var e = Evaluate(expr, overrides, asOf);
        if (e.Error is not null) throw new InvalidOperationException($"record rejected: {e.Error}");
        return e["result"];
    }

    /// <summary>Overrides as a dictionary: <c>With(("x", 1m), ("y", 0m))</c>.</summary>
    public static Dictionary<string, object?> With(params (string Field, object? Value)[] fields) =>
        fields.ToDictionary(f => f.Field, f => f.Value, StringComparer.Ordinal);
}
