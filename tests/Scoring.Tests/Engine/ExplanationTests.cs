using Scoring.Tests.Support;

namespace Scoring.Tests.Engine;

/// <summary>
/// An explanation copies what the evaluation computed and builds its items on first access: what it says
/// must not depend on when it is read, on what the run evaluated since, or on how many threads read it.
/// </summary>
public class ExplanationTests
{
    private const string Yaml = """
        id: explained
        name: explained
        version: "1"
        subject:
          key: id
          fields:
            id: string
            a: integer
            x: decimal
        criteria:
          big_a: { when: a >= 5, score: total, points: 2, label: A 大 }
          big_x: { when: x > 1.5, score: total, points: x }
        scores:
          total: { max: 6 }
        values:
          doubled: total * 2
        classifications:
          grade:
            cases:
              - { when: total >= 4, then: good }
            else: poor
        rankings:
          place:
            kind: rank
            order_by:
              - { expr: total, direction: desc }
              - id
        outcomes: [total, doubled, grade, place]

        """;

    private static Dictionary<string, object?> Fields(string id, int a, decimal x) => new() { ["id"] = id, ["a"] = a, ["x"] = x };

    private static string Describe(Explanation e) => string.Join("\n", e.Items.Select(i =>
        $"{i.Key}|{i.Kind}|{i.Value}|{i.Met}|{i.Rule}|{i.Points}|{i.IsOutcome}|{string.Join(",", i.Inputs.Select(x => x.Name + "=" + x.Value))}|{string.Join(";", i.Notes)}"));

    [Fact]
    public void Explanation_ReadAfterOtherRecords_DescribesItsOwnRecord()
    {
        var run = TestRules.Run(Yaml);
        var first = run.Evaluate(Fields("A", 7, 4.5m), explain: true);
        for (int i = 0; i < 50; i++) run.Evaluate(Fields("B" + i, i % 3, i / 10m), explain: i % 2 == 0);
        var expected = Describe(TestRules.Run(Yaml).Evaluate(Fields("A", 7, 4.5m), explain: true).Explanation!);
        Assert.Equal(expected, Describe(first.Explanation!));
        var total = first.Explanation!.Items.Single(i => i.Key == "total");
        Assert.Equal(6m, total.Value.AsNumber);
        Assert.Contains("capped at 6 (was 6.5)", total.Notes);
        Assert.Contains("a=7", Describe(first.Explanation!));
    }

    [Fact]
    public void Explanation_ReadFromManyThreads_BuildsOneListOfItems()
    {
        var run = TestRules.Run(Yaml);
        var e = run.Evaluate(Fields("A", 7, 3m), explain: true).Explanation!;
        var seen = new IReadOnlyList<ExplanationItem>[16];
        Parallel.For(0, seen.Length, i => seen[i] = e.Items);
        Assert.All(seen, s => Assert.Same(seen[0], s));
        Assert.Equal("good", e.Items.Single(i => i.Key == "grade").Value.AsText);
    }

    [Fact]
    public void Explanation_OfPopulation_CarriesRanksWhetherReadBeforeOrAfterComplete()
    {
        var run = TestRules.Run(Yaml);
        var population = run.BeginPopulation();
        var early = population.Add(run.RuleSet.Reader.Read(Fields("A", 1, 0m)), explain: true);
        var earlyItems = early.Explanation!.Items; // built before the ranks exist
        population.Add(run.RuleSet.Reader.Read(Fields("B", 9, 3m)), explain: true);
        population.Add(run.RuleSet.Reader.Read(Fields("C", 6, 0m)), explain: true);
        var results = population.Complete();
        Assert.Equal(new[] { 3m, 1m, 2m }, results.Select(r => r["place"].AsNumber));
        // B was never read before Complete: its items are built afterwards with the rank applied
        var b = results[1].Explanation!.Items.Single(i => i.Key == "place");
        Assert.Equal(1m, b.Value.AsNumber);
        Assert.Contains("rank 1 of 3", b.Notes);
        // A's items were built early; the rank is applied to them in place
        var a = early.Explanation!.Items.Single(i => i.Key == "place");
        Assert.Same(earlyItems, early.Explanation!.Items);
        Assert.Equal(3m, a.Value.AsNumber);
        Assert.Contains("rank 3 of 3", a.Notes);
    }
}
