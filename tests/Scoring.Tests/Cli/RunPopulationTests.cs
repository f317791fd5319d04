using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scoring.Tests.Cli;

/// <summary>
/// <c>scoring run</c> and <c>explain</c> on rule sets with <c>rankings</c>: ranks, quota selections and pro-rata
/// allocations are computed over every scored record of the input; rejected records take no part. The expected
/// values are recomputed here from each record's own outcomes and fields.
/// </summary>
public sealed class RunPopulationTests
{
    private static string HouseholdRules => Repo.Rules("civilized-household.yaml");
    private static string CadreYearRules => Repo.Rules("ten-star-cadre-year.yaml");

    private static JsonObject[] ReadObjects(string path) =>
        File.ReadAllLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();

    private static decimal Pool(string community) => community switch
    {
        "幸福社区" => 50000m,
        "阳光社区" => 30000m,
        _ => 20000m,
    };

    /// <summary>The dividends by the policy: floor(pool × shares / total), the yuan left over one each to the largest remainders (ties: household_id ascending).</summary>
    private static Dictionary<string, long> ExpectedDividends(IEnumerable<(string Id, string Community, long Shares)> households)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var g in households.GroupBy(h => h.Community))
        {
            long pool = (long)Pool(g.Key), total = g.Sum(h => h.Shares);
            if (total == 0)
            {
                foreach (var h in g) result[h.Id] = 0;
                continue;
            }
            var parts = g.Select(h => (h.Id, Floor: pool * h.Shares / total, Remainder: pool * h.Shares % total)).ToList();
            long left = pool - parts.Sum(p => p.Floor);
            var extra = parts.OrderByDescending(p => p.Remainder).ThenBy(p => p.Id, StringComparer.Ordinal).Take((int)left).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var p in parts) result[p.Id] = p.Floor + (extra.Contains(p.Id) ? 1 : 0);
        }
        return result;
    }

    /// <summary>The selection by the policy: in each community, among households with a title, the 10 with most stars (ties: hygiene_score, volunteer_hours, household_id).</summary>
    private static HashSet<string> ExpectedSelection(IEnumerable<(string Id, string Community, string? Title, decimal Stars, decimal Hygiene, decimal Volunteer)> households) =>
        households.Where(h => h.Title is "十星级文明户" or "八星级文明户")
            .GroupBy(h => h.Community)
            .SelectMany(g => g.OrderByDescending(h => h.Stars).ThenByDescending(h => h.Hygiene).ThenByDescending(h => h.Volunteer)
                .ThenBy(h => h.Id, StringComparer.Ordinal).Take(10))
            .Select(h => h.Id).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Run_CivilizedHouseholds_DividendsSumToEachCommunitysPool_AndFollowThePolicyRecordByRecord_AndSoIsTheSelection()
    {
        using var t = new TempDir();
        var r = t.Run("run", "--rules", HouseholdRules, "--input", Repo.Samples("households.jsonl"), "--out", "out.jsonl").ShouldExit(0).ShouldNotCrash();
        var inputs = ReadObjects(Repo.Samples("households.jsonl"));
        Assert.Equal($"read {inputs.Length}, scored {inputs.Length}, rejected 0", Assert.Single(r.StderrLines));
        var results = TestFiles.ParseJsonLines(t.Read("out.jsonl"));
        Assert.Equal(inputs.Select(i => (string)i["household_id"]!), results.Select(x => x.Id()));

        // every community's dividends add up to its pool exactly
        var byCommunity = inputs.Zip(results).GroupBy(p => (string)p.First["community"]!).ToList();
        Assert.True(byCommunity.Count >= 3);
        Assert.Contains(byCommunity, g => g.Key == "幸福社区");
        Assert.Contains(byCommunity, g => g.Key == "阳光社区");
        foreach (var g in byCommunity)
        {
            Assert.All(g, p => Assert.Equal(JsonValueKind.Number, p.Second.Outcome("dividend").ValueKind));
            bool anyShares = g.Any(p => !p.Second.Outcome("black_list").GetBoolean() && p.Second.Outcome("stars").GetDecimal() > 0);
            Assert.Equal(anyShares ? Pool(g.Key) : 0m, g.Sum(p => p.Second.Outcome("dividend").GetDecimal()));
        }
        Assert.Equal(50000m, byCommunity.Single(g => g.Key == "幸福社区").Sum(p => p.Second.Outcome("dividend").GetDecimal()));
        Assert.Equal(30000m, byCommunity.Single(g => g.Key == "阳光社区").Sum(p => p.Second.Outcome("dividend").GetDecimal()));

        // and each household gets what the policy gives it
        var dividends = ExpectedDividends(inputs.Zip(results).Select(p => ((string)p.First["household_id"]!, (string)p.First["community"]!,
            p.Second.Outcome("black_list").GetBoolean() ? 0L : (long)p.Second.Outcome("stars").GetDecimal())));
        Assert.All(results, x => Assert.Equal(dividends[x.Id()], x.Outcome("dividend").GetInt64()));
        Assert.Contains(results, x => x.Outcome("black_list").GetBoolean()); // black-listed households get 0
        Assert.All(results.Where(x => x.Outcome("black_list").GetBoolean()), x => Assert.Equal(0, x.Outcome("dividend").GetInt64()));

        // the community selection
        var selected = ExpectedSelection(inputs.Zip(results).Select(p => ((string)p.First["household_id"]!, (string)p.First["community"]!,
            p.Second.Outcome("title").ValueKind == JsonValueKind.String ? p.Second.Outcome("title").GetString() : null,
            p.Second.Outcome("stars").GetDecimal(), (decimal)p.First["hygiene_score"]!, (decimal)p.First["volunteer_hours"]!)));
        Assert.NotEmpty(selected);
        Assert.Equal(selected.Order(StringComparer.Ordinal), results.Where(x => x.Outcome("selected").GetBoolean()).Select(x => x.Id()).Order(StringComparer.Ordinal));
        Assert.All(byCommunity, g => Assert.True(g.Count(p => p.Second.Outcome("selected").GetBoolean()) <= 10));
    }

    /// <summary>households.jsonl with extra records: copies of the best household of 幸福社区 and of 阳光社区 made invalid by <paramref name="spoil"/>, and a line of invalid JSON.</summary>
    private static (string Text, string[] ExtraIds) HouseholdsWithExtras(Func<JsonObject, int, bool> spoil)
    {
        var lines = File.ReadAllLines(Repo.Samples("households.jsonl")).Where(l => l.Trim().Length > 0).ToList();
        var best = new[] { "幸福社区", "阳光社区" }.Select(c => lines.Select(l => JsonNode.Parse(l)!.AsObject())
            .Where(o => (string)o["community"]! == c).OrderByDescending(o => (decimal)o["hygiene_score"]!).First()).ToArray();
        var ids = new List<string>();
        var output = new List<string>(lines);
        for (int i = 0; i < best.Length; i++)
        {
            var copy = best[i].DeepClone().AsObject();
            copy["household_id"] = $"A-000{i}";
            copy["hygiene_score"] = 100;
            copy["volunteer_hours"] = 1000;
            if (!spoil(copy, i)) continue;
            ids.Add($"A-000{i}");
            output.Insert(i == 0 ? 0 : output.Count / 2, copy.ToJsonString());
        }
        return (string.Join("\n", output) + "\n", ids.ToArray());
    }

    [Fact]
    public void Run_CivilizedHouseholds_RejectedRecordsTakeNoPart_InDividendsOrSelection()
    {
        using var t = new TempDir();
        t.Run("run", "--rules", HouseholdRules, "--input", Repo.Samples("households.jsonl"), "--out", "clean.jsonl").ShouldExit(0);

        // the extra records, valid: they change the dividends and the selection of their communities (the test has teeth)
        var (valid, validIds) = HouseholdsWithExtras((_, _) => true);
        t.Write("valid.jsonl", valid);
        t.Run("run", "--rules", HouseholdRules, "--input", "valid.jsonl", "--out", "valid-out.jsonl").ShouldExit(0);
        var withValid = TestFiles.ParseJsonLines(t.Read("valid-out.jsonl")).Where(x => !validIds.Contains(x.Id())).ToList();
        var clean = TestFiles.ParseJsonLines(t.Read("clean.jsonl"));
        Assert.NotEqual(clean.Select(x => x.Outcome("dividend").GetInt64()), withValid.Select(x => x.Outcome("dividend").GetInt64()));
        Assert.NotEqual(clean.Select(x => x.Outcome("selected").GetBoolean()), withValid.Select(x => x.Outcome("selected").GetBoolean()));

        // the same records rejected (a hygiene score above 100; a member's age below 0), plus invalid JSON: no effect at all
        var (text, ids) = HouseholdsWithExtras((o, i) =>
        {
            if (i == 0) o["hygiene_score"] = 101;
            else o["members"]!.AsArray()[0]!["age"] = -1;
            return true;
        });
        t.Write("in.jsonl", text + "{\"household_id\": \"A-0009\", \"community\": \"幸福社区\"\n");
        var r = t.Run("run", "--rules", HouseholdRules, "--input", "in.jsonl", "--out", "out.jsonl").ShouldExit(3).ShouldNotCrash();
        int n = clean.Count;
        Assert.Equal($"read {n + 3}, scored {n}, rejected 3", r.StderrLines.Single(l => l.StartsWith("read ", StringComparison.Ordinal)));
        Assert.Equal(t.Read("clean.jsonl"), t.Read("out.jsonl"));
        var rejects = TestFiles.ParseJsonLines(t.Read("out.jsonl.rejects.jsonl"));
        Assert.Equal(new string?[] { "A-0000", "A-0001", null }, rejects.Select(x => x.GetProperty("id").ValueKind == JsonValueKind.Null ? null : x.GetProperty("id").GetString()));
        Assert.StartsWith("hygiene_score: ", rejects[0].GetProperty("reason").GetString());
        Assert.StartsWith("members[0].age: ", rejects[1].GetProperty("reason").GetString());
        Assert.Equal("SCR0507", rejects[2].GetProperty("code").GetString());
    }

    /// <summary>The value of definition <paramref name="key"/> in a result's explanation.</summary>
    private static JsonElement Explained(JsonElement result, string key) =>
        result.GetProperty("explanation").EnumerateArray().Single(i => i.GetProperty("key").GetString() == key).GetProperty("value");

    [Fact]
    public void Run_CadreYears_RankInTeam_Is1ToNPerTeamAndYear_ByStarsThenSatisfactionStarsThenId()
    {
        using var t = new TempDir();
        t.Run("run", "--rules", CadreYearRules, "--input", Repo.Samples("cadre-years.jsonl"), "--out", "out.jsonl", "--explain").ShouldExit(0).ShouldNotCrash();
        var inputs = ReadObjects(Repo.Samples("cadre-years.jsonl"));
        var results = TestFiles.ParseJsonLines(t.Read("out.jsonl"));
        Assert.Equal(inputs.Length, results.Count);
        Assert.Equal(inputs.Select(i => (string)i["cadre_id"]!), results.Select(x => x.Id()));

        var groups = inputs.Zip(results).GroupBy(p => ((string)p.First["team"]!, (int)p.First["year"]!)).ToList();
        Assert.True(groups.Count >= 4);
        foreach (var g in groups)
        {
            var expected = g.OrderByDescending(p => p.Second.Outcome("stars_year").GetDecimal())
                .ThenByDescending(p => Explained(p.Second, "satisfaction_stars").GetDecimal())
                .ThenBy(p => p.Second.Id(), StringComparer.Ordinal)
                .Select((p, i) => (p.Second.Id(), i + 1L));
            Assert.Equal(expected, g.Select(p => (p.Second.Id(), p.Second.Outcome("rank_in_team").GetInt64())).OrderBy(x => x.Item2));
        }
        // explain shows the same rank, computed over the whole input
        var c017 = results.Single(x => x.Id() == "C-017");
        var e = t.Run("explain", "--rules", CadreYearRules, "--input", Repo.Samples("cadre-years.jsonl"), "--id", "C-017").ShouldExit(0).ShouldNotCrash();
        Assert.Contains($"  队内排名 rank_in_team: {c017.Outcome("rank_in_team").GetInt64()}", e.StdoutLines);
        int teamSize = groups.Single(g => g.Any(p => p.Second.Id() == "C-017")).Count();
        Assert.Contains(e.StdoutLines, l => l.Trim() == $"rank {c017.Outcome("rank_in_team").GetInt64()} of {teamSize} in team=first_secretary, year=2023");
    }

    [Fact]
    public void Run_CadreYears_RejectedRecordsTakeNoRank_AndTheThreadsDoNotMatter()
    {
        using var t = new TempDir();
        var lines = File.ReadAllLines(Repo.Samples("cadre-years.jsonl")).Where(l => l.Trim().Length > 0).ToList();
        t.Run("run", "--rules", CadreYearRules, "--input", Repo.Samples("cadre-years.jsonl"), "--out", "clean.jsonl").ShouldExit(0);
        var clean = TestFiles.ParseJsonLines(t.Read("clean.jsonl"));
        // a copy of a first-ranked cadre under a smaller id would take first place
        int top = clean.FindIndex(x => x.Outcome("rank_in_team").GetInt64() == 1);
        var copy = JsonNode.Parse(lines[top])!.AsObject();
        copy["cadre_id"] = "A-000";
        foreach (var m in copy["months"]!.AsArray()) m!["cadre_id"] = "A-000";
        t.Write("valid.jsonl", string.Join("\n", lines.Prepend(copy.ToJsonString())) + "\n");
        t.Run("run", "--rules", CadreYearRules, "--input", "valid.jsonl", "--out", "valid-out.jsonl").ShouldExit(0);
        var valid = TestFiles.ParseJsonLines(t.Read("valid-out.jsonl"));
        Assert.Equal(1, valid[0].Outcome("rank_in_team").GetInt64());
        Assert.Equal(2, valid[top + 1].Outcome("rank_in_team").GetInt64());

        // rejected (one monthly record's skills_test_score above 100): it takes no rank
        copy["months"]!.AsArray()[3]!["skills_test_score"] = 101;
        t.Write("in.jsonl", string.Join("\n", lines.Prepend(copy.ToJsonString())) + "\n");
        foreach (var threads in new[] { "1", "4" })
        {
            var r = t.Run("run", "--rules", CadreYearRules, "--input", "in.jsonl", "--out", $"out{threads}.jsonl", "--threads", threads).ShouldExit(3).ShouldNotCrash();
            Assert.Contains($"read {lines.Count + 1}, scored {lines.Count}, rejected 1", r.StderrLines);
            Assert.Equal(t.Read("clean.jsonl"), t.Read($"out{threads}.jsonl"));
            var reject = Assert.Single(TestFiles.ParseJsonLines(t.Read($"out{threads}.jsonl.rejects.jsonl")));
            Assert.Equal("A-000", reject.GetProperty("id").GetString());
            Assert.Equal(1, reject.GetProperty("line").GetInt64());
            Assert.StartsWith("months[3].skills_test_score: ", reject.GetProperty("reason").GetString());
        }
    }

    [Fact]
    public void Run_Households_Threads1And4_ByteIdentical()
    {
        using var t = new TempDir();
        // households.jsonl three times over under new ids: about a thousand households, more in each community
        var lines = File.ReadAllLines(Repo.Samples("households.jsonl")).Where(l => l.Trim().Length > 0).ToArray();
        var sb = new StringBuilder();
        for (int copy = 0; copy < 3; copy++)
            foreach (var l in lines)
            {
                var o = JsonNode.Parse(l)!.AsObject();
                o["household_id"] = $"{copy}-{o["household_id"]}";
                sb.Append(o.ToJsonString()).Append('\n');
            }
        t.Write("in.jsonl", sb.ToString());
        t.Run("run", "--rules", HouseholdRules, "--input", "in.jsonl", "--out", "a.jsonl", "--threads", "1").ShouldExit(0).ShouldNotCrash();
        t.Run("run", "--rules", HouseholdRules, "--input", "in.jsonl", "--out", "b.jsonl", "--threads", "4").ShouldExit(0).ShouldNotCrash();
        Assert.Equal(File.ReadAllBytes(t["a.jsonl"]), File.ReadAllBytes(t["b.jsonl"]));
        var results = TestFiles.ParseJsonLines(t.Read("a.jsonl"));
        Assert.Equal(3 * lines.Length, results.Count);
        var inputs = ReadObjects(t["in.jsonl"]);
        var dividends = ExpectedDividends(inputs.Zip(results).Select(p => ((string)p.First["household_id"]!, (string)p.First["community"]!,
            p.Second.Outcome("black_list").GetBoolean() ? 0L : (long)p.Second.Outcome("stars").GetDecimal())));
        Assert.All(results, x => Assert.Equal(dividends[x.Id()], x.Outcome("dividend").GetInt64()));
        Assert.Equal(50000m, inputs.Zip(results).Where(p => (string)p.First["community"]! == "幸福社区").Sum(p => p.Second.Outcome("dividend").GetDecimal()));
    }
}
