using System.Text.Json;
using Scoring.Runtime;
using Scoring.Tests.Support;

namespace Scoring.Tests.Engine;

/// <summary>The C# way to join child records held apart (a members table beside a households table): <see cref="ChildTable"/>.</summary>
public class ChildTableTests
{
    private static readonly string[] MemberFields = { "member_id", "age", "relation", "criminal_record_this_year", "school_enrolled", "employed", "elder_complaint" };

    private static string Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.String => v.GetString()!,
        _ => v.GetRawText(),
    };

    private static (CompiledRuleSet Rules, List<JsonElement> Docs) Households(int take)
    {
        var file = Scoring.Rules.RuleFileLoader.Load(RepoPaths.Rule("civilized-household.yaml"));
        var docs = File.ReadLines(Path.Combine(RepoPaths.Root, "samples", "households.jsonl")).Where(l => l.Length > 0).Take(take)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        return (CompiledRuleSet.Compile(file.RuleSet!), docs);
    }

    [Fact]
    public void Score_ParentsJoinedToAChildTable_EqualScoringTheNestedRecords()
    {
        var (rules, docs) = Households(80);
        var run = rules.CreateRun(new RunOptions()).GetValueOrThrow();
        var reader = rules.Reader;
        var parentHeader = docs[0].EnumerateObject().Where(p => p.Name != "members").Select(p => p.Name).ToArray();
        var map = reader.MapColumns(parentHeader);
        var members = ChildTable.Create(reader, "members", new[] { "household_id" }.Concat(MemberFields).ToArray(), "household_id").GetValueOrThrow();
        long row = 1;
        // members arrive interleaved across households, as an unsorted database export would give them
        foreach (var (d, m) in docs.SelectMany(d => d.GetProperty("members").EnumerateArray().Select((m, i) => (d, m, i))).OrderBy(x => x.i).Select(x => (x.d, x.m)))
            members.Add(new[] { d.GetProperty("household_id").GetString()! }.Concat(MemberFields.Select(f => m.TryGetProperty(f, out var v) ? Text(v) : "")).ToArray(), ++row);
        var parents = docs.Select(d => parentHeader.Select(h => Text(d.GetProperty(h))).ToArray()).ToList();

        var joined = new BatchScorer(run, new BatchOptions { DegreeOfParallelism = 2, ChunkSize = 7 })
            .Score(parents, (p, n) => reader.Read(p, map, new Dictionary<string, ChildRows> { ["members"] = members.Claim(p[0]) }, n))
            .Select(s => s.Evaluation).ToList();
        var nested = new BatchScorer(run).Score(docs, (d, n) => reader.Read(d, n)).Select(s => s.Evaluation).ToList();

        Assert.Equal(docs.Count, joined.Count);
        Assert.All(joined, e => Assert.True(e.Succeeded, e.Error?.Message));
        for (int i = 0; i < docs.Count; i++)
        {
            Assert.Equal(nested[i].Key, joined[i].Key);
            Assert.Equal(nested[i].Outcomes.Select(o => o.ToString()), joined[i].Outcomes.Select(o => o.ToString()));
        }
        Assert.Empty(members.Unclaimed());
    }

    [Fact]
    public void Unclaimed_RowsOfNoParent_AreListedWithTheirFirstRow()
    {
        var (rules, _) = Households(1);
        var header = new[] { "household_id" }.Concat(MemberFields).ToArray();
        var members = ChildTable.Create(rules.Reader, "members", header, "household_id").GetValueOrThrow();
        string[] Row(string key) => new[] { key, "M", "30", "户主", "false", "", "true", "false" };
        members.Add(Row("H-1"), 2);
        members.Add(Row("H-9"), 3);
        members.Add(Row("H-1"), 4);
        members.Add(Row("H-7"), 5);
        Assert.Equal(2, members.Claim("H-1").Rows.Count);
        Assert.Empty(members.Claim("H-404").Rows);
        Assert.Equal(new[] { (3L, "H-9"), (5L, "H-7") }, members.Unclaimed());
        Assert.Throws<ArgumentException>(() => members.Add(new[] { "H-2" }, 6));
    }

    [Fact]
    public void Create_UnknownCollectionOrMissingColumns_ReportsEveryProblem()
    {
        var (rules, _) = Households(1);
        var unknown = ChildTable.Create(rules.Reader, "pets", new[] { "household_id" }, "household_id");
        Assert.Null(unknown.Value);
        Assert.Contains("no collection 'pets'", Assert.Single(unknown.Diagnostics).Message);
        var bad = ChildTable.Create(rules.Reader, "members", new[] { "hh", "member_id" }, "household_id");
        Assert.Null(bad.Value);
        Assert.Equal(2, bad.Diagnostics.Count);
        Assert.Contains(bad.Diagnostics, d => d.Message.Contains("no key column 'household_id'"));
        Assert.Contains(bad.Diagnostics, d => d.Message.Contains("lacks required field(s) of 'members': age"));
    }
}
