using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scoring.Tests.Support;

namespace Scoring.Tests.Properties;

public class EvaluationProperties
{
    private static string Describe(Evaluation e) =>
        e.Error is { } err ? $"{err.Code}: {err.Message} @ {err.Span}" : string.Join(", ", e.Outcomes.Select(o => $"{o.Key}={o.Value}"));

    [Property(MaxTest = 60)]
    public Property Evaluate_SameRecordTwice_GivesEqualOutcomes()
    {
        var gen = from num in TypedExprGen.Number(3)
                  from cond in TypedExprGen.Condition(2)
                  from record in TypedExprGen.Record
                  select (num, cond, record);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (num, cond, overrides) = t;
            var yaml = Sandbox.Yaml(num, $"flag: {Quote(cond)}").Replace("outcomes: [result]", "outcomes: [result, flag]");
            var run = TestRules.Run(yaml, new DateOnly(2024, 6, 30));
            var record = Sandbox.Record(overrides);
            var first = run.Evaluate(record);
            var second = run.Evaluate(record);
            var fresh = TestRules.Run(yaml, new DateOnly(2024, 6, 30)).Evaluate(record);
            Assert.Equal(Describe(first), Describe(second));
            Assert.Equal(Describe(first), Describe(fresh));
            Assert.Equal(first.Outcomes, second.Outcomes);
        });
    }

    private static string Quote(string expr) => "\"" + expr.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private const string ScoreYaml = """
        id: capped
        name: capped
        version: "1"
        subject:
          key: id
          fields:
            id: string
            m1: boolean
            m2: boolean
            m3: boolean
            p1: decimal
            p2: decimal
            p3: decimal
            extra: decimal
        criteria:
          c1: { when: m1, score: total, points: p1 }
          c2: { when: m2, score: total, points: p2 }
          c3: { when: m3, score: total, points: p3 }
        scores:
          total: { base: 2, min: -5, max: 10, plus: extra }
        outcomes: [total]

        """;

    private static readonly Lazy<ScoringRun> ScoreRun = new(() => TestRules.Run(ScoreYaml));

    private static Gen<decimal> Points { get; } =
        from i in Gen.Choose(-2000, 2000)
        from scale in Gen.Choose(0, 2)
        select new decimal(Math.Abs(i), 0, 0, i < 0, (byte)scale);

    [Property(MaxTest = 300)]
    public Property Score_WithMaxAndMin_IsTheClampedSumOfMetPoints()
    {
        var gen = from m in Gen.ArrayOf(Gen.Elements(true, false), 3)
                  from p in Gen.ArrayOf(Points, 3)
                  from extra in Points
                  select (m, p, extra);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (m, p, extra) = t;
            var e = ScoreRun.Value.Evaluate(new Dictionary<string, object?>
            {
                ["id"] = "S", ["m1"] = m[0], ["m2"] = m[1], ["m3"] = m[2], ["p1"] = p[0], ["p2"] = p[1], ["p3"] = p[2], ["extra"] = extra,
            });
            var raw = 2m + extra + (m[0] ? p[0] : 0) + (m[1] ? p[1] : 0) + (m[2] ? p[2] : 0);
            var total = e["total"].AsNumber;
            Assert.InRange(total, -5m, 10m);
            Assert.Equal(Math.Clamp(raw, -5m, 10m), total);
        });
    }

    [Property(MaxTest = 25)]
    public Property Score_WithRandomCap_NeverExceedsIt()
    {
        var gen = from cap in Gen.Choose(0, 50)
                  from points in Gen.ArrayOf(Gen.Choose(-5, 30), 4)
                  select (cap, points);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (cap, points) = t;
            var criteria = string.Concat(points.Select((pt, i) => $"  c{i}: {{ when: true, score: s, points: {pt} }}\n"));
            var yaml = $"id: cap\nname: cap\nversion: \"1\"\nsubject:\n  key: id\n  fields:\n    id: string\ncriteria:\n{criteria}scores:\n  s: {{ max: {cap} }}\noutcomes: [s]\n";
            var total = TestRules.Run(yaml).Evaluate(new Dictionary<string, object?> { ["id"] = "C" })["s"].AsNumber;
            Assert.True(total <= cap, $"score {total} exceeds its max {cap}");
            Assert.Equal(Math.Min(cap, points.Sum()), total);
        });
    }

    private const string FaultYaml = """
        id: faults
        name: faults
        version: "1"
        subject:
          key: id
          fields:
            id: string
            a: decimal
            b: decimal
            big: decimal
        values:
          ratio: { label: 比率, expr: a / b }
          product: big * big
        criteria:
          high: { label: 高, when: ratio > 1 }
        outcomes: [ratio, product, high]

        """;

    private static readonly Lazy<CompiledRuleSet> Faults = new(() => TestRules.Compile(FaultYaml));

    [Property(MaxTest = 30)]
    public Property Evaluate_ParallelWithExplanationsAndRuntimeErrors_EqualsSequential()
    {
        var record = from id in Gen.Choose(1, 100_000)
                     from a in Gen.Choose(-5, 5)
                     from b in Gen.Choose(-2, 2)
                     from huge in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
                     select new Dictionary<string, object?>
                     {
                         ["id"] = $"F-{id}", ["a"] = (decimal)a, ["b"] = (decimal)b,
                         ["big"] = huge ? 79228162514264337593543950335m : 3m,
                     };
        var gen = from count in Gen.Choose(50, 400)
                  from records in Gen.ListOf(record, count)
                  select records.ToArray();
        return Prop.ForAll(gen.ToArbitrary(), records =>
        {
            var compiled = Faults.Value;
            var run = compiled.CreateRun(new RunOptions()).GetValueOrThrow();
            string Show(Evaluation e) => Describe(e) + "\n" + ExplanationFormatter.Format(e, compiled);
            var sequential = records.Select(r => Show(run.Evaluate(r, explain: true))).ToArray();
            var parallel = new string[records.Length];
            Parallel.For(0, records.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Show(run.Evaluate(records[i], explain: true)));
            Assert.Equal(sequential, parallel);
            Assert.Contains(sequential, s => s.StartsWith("SCR0503", StringComparison.Ordinal) || !records.Any(r => (decimal)r["b"]! == 0m));
        });
    }
}
