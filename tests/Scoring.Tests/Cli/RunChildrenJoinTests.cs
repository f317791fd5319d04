using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Scoring.Tests.Cli;

/// <summary>Child records joined from a second CSV by key (--children), as exported from a database.</summary>
public class RunChildrenJoinTests
{
    private static readonly string HouseholdRules = Repo.Rules("civilized-household.yaml");

    private static string Cell(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.String => v.GetString()!,
        _ => v.GetRawText(),
    };

    private static string Csv(IEnumerable<string> cells) =>
        string.Join(",", cells.Select(c => c.Contains(',') || c.Contains('"') ? "\"" + c.Replace("\"", "\"\"") + "\"" : c));

    /// <summary>Splits households (JSON Lines with members) into a households CSV and a members CSV keyed by household_id.</summary>
    private static (int Households, int Members) Split(TempDir t, int take, bool shuffleMembers)
    {
        var lines = File.ReadLines(Repo.Samples("households.jsonl")).Where(l => l.Length > 0).Take(take).ToList();
        File.WriteAllLines(t["households.jsonl"], lines);
        var docs = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var householdFields = docs[0].EnumerateObject().Where(p => p.Name != "members").Select(p => p.Name).ToList();
        var memberFields = new[] { "member_id", "age", "relation", "criminal_record_this_year", "school_enrolled", "employed", "elder_complaint" };
        var h = new StringBuilder(Csv(householdFields) + "\n");
        var memberRows = new List<string>();
        foreach (var d in docs)
        {
            h.Append(Csv(householdFields.Select(f => Cell(d.GetProperty(f))))).Append('\n');
            foreach (var m in d.GetProperty("members").EnumerateArray())
                memberRows.Add(Csv(new[] { d.GetProperty("household_id").GetString()! }.Concat(memberFields.Select(f => m.TryGetProperty(f, out var v) ? Cell(v) : ""))));
        }
        // a database export is not necessarily grouped: members of one household keep their order, but households interleave
        if (shuffleMembers)
            memberRows = memberRows.Select((r, i) => (r, i)).OrderBy(x => x.i % 3).ThenBy(x => x.i).Select(x => x.r).ToList();
        File.WriteAllText(t["households.csv"], h.ToString());
        File.WriteAllText(t["members.csv"], Csv(new[] { "household_id" }.Concat(memberFields)) + "\n" + string.Join("\n", memberRows) + "\n");
        return (docs.Count, memberRows.Count);
    }

    [Fact]
    public void Run_ChildrenJoinedFromASecondCsv_GiveTheSameResultsAsJsonLines()
    {
        using var t = new TempDir();
        var (households, _) = Split(t, 120, shuffleMembers: false);
        t.Run("run", "--rules", HouseholdRules, "--input", "households.jsonl", "--out", "from-json.jsonl").ShouldExit(0).ShouldNotCrash();
        var r = t.Run("run", "--rules", HouseholdRules, "--input", "households.csv", "--children", "members=members.csv:household_id", "--out", "from-csv.jsonl")
            .ShouldExit(0).ShouldNotCrash();
        Assert.Contains($"read {households}, scored {households}, rejected 0", r.Stderr);
        Assert.Equal(t.ReadLines("from-json.jsonl"), t.ReadLines("from-csv.jsonl"));
    }

    [Fact]
    public void Run_ChildrenJoinedForARuleSetWithoutPopulationOutcomes_GiveTheSameResultsAsJsonLines()
    {
        // aid eligibility has no ranks, so this run takes the streaming path, where workers read
        // each row (and the child rows it claims) into a record they reuse
        using var t = new TempDir();
        // an empty list is "missing" in a CSV cell but present in JSON: households with one are left out
        var lines = File.ReadLines(Repo.Samples("aid-households.jsonl")).Where(l => l.Length > 0 && !l.Contains("[]", StringComparison.Ordinal)).Take(150).ToList();
        File.WriteAllLines(t["aid.jsonl"], lines);
        var docs = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var parentFields = docs.SelectMany(d => d.EnumerateObject().Select(p => p.Name)).Where(n => n != "members").Distinct().ToList();
        var memberFields = docs.SelectMany(d => d.GetProperty("members").EnumerateArray()).SelectMany(m => m.EnumerateObject().Select(p => p.Name)).Distinct().ToList();
        string Value(JsonElement o, string f) =>
            !o.TryGetProperty(f, out var v) ? "" : v.ValueKind == JsonValueKind.Array ? string.Join(";", v.EnumerateArray().Select(Cell)) : Cell(v);
        var h = new StringBuilder(Csv(parentFields) + "\n");
        var m = new StringBuilder(Csv(new[] { "hh" }.Concat(memberFields)) + "\n");
        foreach (var d in docs)
        {
            h.Append(Csv(parentFields.Select(f => Value(d, f)))).Append('\n');
            foreach (var member in d.GetProperty("members").EnumerateArray())
                m.Append(Csv(new[] { d.GetProperty("household_id").GetString()! }.Concat(memberFields.Select(f => Value(member, f))))).Append('\n');
        }
        File.WriteAllText(t["aid.csv"], h.ToString());
        File.WriteAllText(t["members.csv"], m.ToString());
        var rules = Repo.Rules("aid-eligibility.yaml");
        var fromJson = t.Run("run", "--rules", rules, "--input", "aid.jsonl", "--as-of", "2023-08-15", "--out", "a.jsonl").ShouldNotCrash();
        var fromCsv = t.Run("run", "--rules", rules, "--input", "aid.csv", "--children", "members=members.csv:hh", "--as-of", "2023-08-15", "--out", "b.jsonl", "--threads", "2")
            .ShouldNotCrash();
        Assert.Equal(fromJson.ExitCode, fromCsv.ExitCode);
        Assert.Contains($"read {docs.Count}", fromCsv.Stderr);
        Assert.True(t.ReadLines("a.jsonl").Length > 100, "most sample households are scored");
        Assert.Equal(t.ReadLines("a.jsonl"), t.ReadLines("b.jsonl"));
    }

    [Fact]
    public void Run_ChildRowsInterleavedAcrossTheFile_AreGroupedByKeyInFileOrder()
    {
        using var t = new TempDir();
        Split(t, 60, shuffleMembers: true);
        t.Run("run", "--rules", HouseholdRules, "--input", "households.jsonl", "--out", "a.jsonl").ShouldExit(0);
        t.Run("run", "--rules", HouseholdRules, "--input", "households.csv", "--children", "members=members.csv:household_id", "--out", "b.jsonl", "--threads", "2")
            .ShouldExit(0).ShouldNotCrash();
        Assert.Equal(t.ReadLines("a.jsonl"), t.ReadLines("b.jsonl"));
    }

    [Fact]
    public void Run_ChildRowsWithoutARecord_AreReportedWithTheRejects_NotDropped()
    {
        using var t = new TempDir();
        var (households, _) = Split(t, 30, shuffleMembers: false);
        File.AppendAllText(t["members.csv"], "H-NOBODY,X-1,40,head,false,,true,false\n");
        var r = t.Run("run", "--rules", HouseholdRules, "--input", "households.csv", "--children", "members=members.csv:household_id", "--out", "o.jsonl")
            .ShouldExit(3).ShouldNotCrash();
        Assert.Contains($"read {households}, scored {households}, rejected 0", r.Stderr);
        Assert.Contains("child keys without a record: 1", r.Stderr);
        var reject = JsonDocument.Parse(Assert.Single(t.ReadLines("o.jsonl.rejects.jsonl"))).RootElement;
        Assert.Equal("H-NOBODY", reject.GetProperty("id").GetString());
        Assert.Equal("members.csv", reject.GetProperty("file").GetString());
        Assert.Contains("belong to no record", reject.GetProperty("reason").GetString());
    }

    [Fact]
    public void Run_InvalidChildValue_RejectsTheParentRecord_NamingTheChildField()
    {
        using var t = new TempDir();
        Split(t, 10, shuffleMembers: false);
        var members = File.ReadAllLines(t["members.csv"]);
        var first = members[1].Split(',');
        first[2] = "old"; // age
        members[1] = string.Join(",", first);
        File.WriteAllLines(t["members.csv"], members);
        t.Run("run", "--rules", HouseholdRules, "--input", "households.csv", "--children", "members=members.csv:household_id", "--out", "o.jsonl")
            .ShouldExit(3).ShouldNotCrash();
        var reject = JsonDocument.Parse(Assert.Single(t.ReadLines("o.jsonl.rejects.jsonl"))).RootElement;
        Assert.Equal(first[0], reject.GetProperty("id").GetString());
        Assert.Contains("members[0].age: 'old' is not a whole number", reject.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("members=members.csv:no_such_column", 1, "has no key column 'no_such_column'")]
    [InlineData("pets=members.csv:household_id", 2, "has no collection 'pets'")]
    [InlineData("members", 2, "must be COLLECTION=FILE.csv:KEY_COLUMN")]
    [InlineData("members=missing.csv:household_id", 1, "missing.csv: child file for 'members' not found")]
    public void Run_BadChildrenOption_IsAClearError_AndWritesNothing(string option, int exit, string message)
    {
        using var t = new TempDir();
        Split(t, 5, shuffleMembers: false);
        var before = t.Files();
        var r = t.Run("run", "--rules", HouseholdRules, "--input", "households.csv", "--children", option, "--out", "o.jsonl").ShouldExit(exit).ShouldNotCrash();
        Assert.Contains(message, r.Stderr);
        Assert.Equal(before, t.Files());
    }

    [Fact]
    public void Run_CsvInputForARuleSetWithChildren_WithoutAJoin_SaysHowToJoin()
    {
        using var t = new TempDir();
        Split(t, 5, shuffleMembers: false);
        var r = t.Run("run", "--rules", HouseholdRules, "--input", "households.csv", "--out", "o.jsonl").ShouldExit(1).ShouldNotCrash();
        Assert.Contains("--children members=FILE.csv:KEY_COLUMN", r.Stderr);
        _ = CultureInfo.InvariantCulture;
    }
}
