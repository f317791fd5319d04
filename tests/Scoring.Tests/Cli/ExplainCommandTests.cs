namespace Scoring.Tests.Cli;

/// <summary><c>scoring explain</c>: the outcomes of every record with an id (narrowed by <c>--match</c>) in the rule set's (Chinese) labels, each with a footer naming the record.</summary>
public sealed class ExplainCommandTests
{
    private static CliResult Explain(TempDir t, string rules, string input, string id, params string[] more) =>
        t.Run(new[] { "explain", "--rules", rules, "--input", input, "--id", id }.Concat(more).ToArray());

    /// <summary>The index of the first line starting with <paramref name="prefix"/>, failing when there is none.</summary>
    private static int IndexOf(string[] lines, string prefix)
    {
        int i = Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(i >= 0, $"no line starts with '{prefix}' in:\n{string.Join("\n", lines)}");
        return i;
    }

    [Fact]
    public void Explain_S001_PrintsChineseLabels_CheckMarks_AndTheDecidingValues()
    {
        using var t = new TempDir();
        var r = Explain(t, Repo.SettlementRules, Repo.Samples("settlements.csv"), "S-001").ShouldExit(0).ShouldNotCrash();
        Assert.Empty(r.Stderr);
        var lines = r.StdoutLines;

        Assert.Equal("幸福社区移民新区 (S-001)", lines[0]);
        Assert.Equal("安置点配置  [settlement-services v2024.1]", lines[1]);

        // outcomes, with their labels
        Assert.Contains("  党组织设置 party_organisation: 独立党支部", lines);
        Assert.Contains("  服务中心类型 service_centre: 一站式服务中心", lines);
        Assert.Contains("  须实施五通三化 five_connections_required: 是 yes", lines);
        Assert.Contains("  微菜园达标 garden_ok: 否 no", lines);
        Assert.Contains("  微菜园缺口面积（平方米） garden_shortfall_m2: 5760", lines);

        // ✓ met criteria, with the values of the fields they read
        int branch = IndexOf(lines, "  ✓ 具备成立独立党支部条件 own_branch_conditions");
        Assert.Contains("residents >= 500 and full_party_members >= 3", lines[branch + 1]);
        Assert.Contains("安置人口 residents = 4689", lines[branch + 2]);
        Assert.Contains("正式党员人数 full_party_members = 35", lines[branch + 2]);
        int centre = IndexOf(lines, "  ✓ 具备设立一站式服务中心条件 one_stop_centre_conditions");
        Assert.Contains("安置人口 residents = 4689", lines[centre + 2]);
        int five = IndexOf(lines, "  ✓ 须实施五通三化 five_connections_required");
        Assert.Contains("安置户数 households = 1538", lines[five + 2]);

        // ✗ the missed one, with the rule and both numbers that decided it
        int garden = IndexOf(lines, "  ✗ 微菜园达标 garden_ok");
        Assert.Contains("garden_area_m2 >= garden_required_m2", lines[garden + 1]);
        Assert.Contains("微菜园总面积（平方米） garden_area_m2 = 25000", lines[garden + 2]);
        Assert.Contains("微菜园应有面积（平方米） garden_required_m2 = 30760", lines[garden + 2]);

        // derived values show how they were computed
        int required = IndexOf(lines, "  • 微菜园应有面积（平方米） garden_required_m2 = 30760");
        Assert.Contains("20 * households", lines[required + 1]);
        Assert.Contains(lines, l => l.StartsWith("  • 微菜园缺口面积（平方米） garden_shortfall_m2 = 5760", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  • 党组织设置 party_organisation = 独立党支部", StringComparison.Ordinal));

        // one record with this id: no separator; the footer names the record and its line (no month or date fields here)
        Assert.Single(Blocks(lines));
        Assert.Equal($"记录 record 1 (line 2) of {Repo.Samples("settlements.csv")}", lines[^1]);
    }

    [Fact]
    public void Explain_AgreesWithRun_ForEveryOutcomeOfTheRecord()
    {
        using var t = new TempDir();
        t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--out", "out.csv").ShouldExit(0);
        var csv = TestFiles.ParseCsv(t.Read("out.csv"));
        var header = csv[0];
        foreach (var row in csv.Skip(1).Take(5))
        {
            var lines = Explain(t, Repo.SettlementRules, Repo.Samples("settlements.csv"), row[0]).ShouldExit(0).StdoutLines;
            for (int k = 1; k < header.Length; k++)
            {
                var shown = row[k] switch { "true" => "是 yes", "false" => "否 no", var v => v };
                Assert.Contains(lines, l => l.StartsWith("  ", StringComparison.Ordinal) && l.EndsWith($" {header[k]}: {shown}", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Explain_JsonlInput_TenStarRecord_ShowsStarsWithPoints()
    {
        using var t = new TempDir();
        var r = Explain(t, Repo.TenStarRules, Repo.Samples("cadre-months.jsonl"), "C-003", "--match", "month=2023-01").ShouldExit(0).ShouldNotCrash();
        var lines = r.StdoutLines;
        Assert.Single(Blocks(lines));
        Assert.Equal("C-003", lines[0]);
        Assert.Contains("  星数 stars: 10", lines);
        Assert.Contains(lines, l => l.StartsWith("  ✓ 守岗敬业星 on_post  (+1)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  • 星数 stars = 10", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("  ✗ ", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_UnknownId_Exit1_WithAMessageNamingItAndTheKeyField()
    {
        using var t = new TempDir();
        var input = Repo.Samples("settlements.csv");
        var r = Explain(t, Repo.SettlementRules, input, "S-999").ShouldExit(1).ShouldNotCrash();
        Assert.Empty(r.Stdout);
        Assert.Equal($"scoring: {input}: no record with id 'S-999' (settlement_id)", Assert.Single(r.StderrLines));

        var j = Explain(t, Repo.TenStarRules, Repo.Samples("cadre-months.jsonl"), "C-999").ShouldExit(1).ShouldNotCrash();
        Assert.Empty(j.Stdout);
        Assert.Equal($"scoring: {Repo.Samples("cadre-months.jsonl")}: no record with id 'C-999' (cadre_id)", Assert.Single(j.StderrLines));
    }

    [Fact]
    public void Explain_RecordThatCannotBeRead_Exit1_ShowsNotScored_AndTheFooterSaysWhy()
    {
        using var t = new TempDir();
        t.CopyData(Path.Combine("run", "bad-settlements.csv"), "in.csv");
        var r = Explain(t, Repo.SettlementRules, "in.csv", "S-102").ShouldExit(1).ShouldNotCrash();
        Assert.Empty(r.Stderr);
        Assert.Equal("S-102", r.StdoutLines[0]);
        Assert.Contains("未能评定 Not scored: residents: missing required field", r.StdoutLines);
        Assert.DoesNotContain(r.StdoutLines, l => l.StartsWith("结果 Outcomes", StringComparison.Ordinal));
        Assert.Equal("记录 record 2 (line 3) of in.csv cannot be read: residents: missing required field", r.StdoutLines[^1]);

        // a record-level problem: the reason without a "(record): " prefix
        var w = Explain(t, Repo.SettlementRules, "in.csv", "S-104").ShouldExit(1).ShouldNotCrash();
        Assert.Empty(w.Stderr);
        Assert.Equal("S-104", w.StdoutLines[0]);
        Assert.Contains("未能评定 Not scored: row has 6 fields but the header has 7", w.StdoutLines);
        Assert.Equal("记录 record 4 (line 5) of in.csv cannot be read: row has 6 fields but the header has 7", w.StdoutLines[^1]);

        // a readable record of the same file explains as usual
        var ok = Explain(t, Repo.SettlementRules, "in.csv", "S-101").ShouldExit(0).ShouldNotCrash();
        Assert.Equal("记录 record 1 (line 2) of in.csv", ok.StdoutLines[^1]);
    }

    [Fact]
    public void Explain_IdWithAGoodAndABadRecord_ShowsBoth_Exit1()
    {
        using var t = new TempDir();
        var lines = File.ReadAllLines(Repo.Samples("cadre-months.jsonl")).Where(l => l.Length > 0).ToArray();
        var bad = lines[0].Replace("\"skills_test_score\": ", "\"skills_test_score\": 1", StringComparison.Ordinal); // 1xx: above the maximum 100
        Assert.NotEqual(lines[0], bad);
        t.Write("in.jsonl", lines[0] + "\n" + bad + "\n");
        var id = TestFiles.ParseJsonLines(lines[0])[0].GetProperty("cadre_id").GetString()!;
        var r = Explain(t, Repo.TenStarRules, "in.jsonl", id).ShouldExit(1).ShouldNotCrash();
        var blocks = Blocks(r.StdoutLines);
        Assert.Equal(2, blocks.Count);
        Assert.StartsWith("记录 record 1 (line 1) of in.jsonl — 评星月份 ", blocks[0][^1]);
        Assert.Contains(blocks[1], l => l.StartsWith("未能评定 Not scored: skills_test_score: ", StringComparison.Ordinal));
        Assert.StartsWith("记录 record 2 (line 2) of in.jsonl cannot be read: skills_test_score: ", blocks[1][^1]);
    }

    [Fact]
    public void Explain_WithAsOf_PrintsTheDate()
    {
        using var t = new TempDir();
        var r = Explain(t, Repo.SettlementRules, Repo.Samples("settlements.csv"), "S-001", "--as-of", "2024-06-01").ShouldExit(0).ShouldNotCrash();
        Assert.Equal("评估日期 as of 2024-06-01", r.StdoutLines[^1]);
        Assert.Equal($"记录 record 1 (line 2) of {Repo.Samples("settlements.csv")}", r.StdoutLines[^2]);
    }

    /// <summary>The explanations of an 'explain' output, split at the separator lines of '─'.</summary>
    private static List<string[]> Blocks(string[] lines)
    {
        var blocks = new List<string[]>();
        var current = new List<string>();
        foreach (var l in lines)
        {
            if (l.Length > 0 && l.All(c => c == '─'))
            {
                Assert.Equal(60, l.Length);
                blocks.Add(current.ToArray());
                current.Clear();
            }
            else current.Add(l);
        }
        blocks.Add(current.ToArray());
        return blocks;
    }

    /// <summary>The records of a sample with this id, in file order: record number, line, month (CSV: header on line 1, no quoted line breaks in the samples).</summary>
    private static List<(long Record, long Line, string Month)> RecordsOf(string sample, string id)
    {
        var list = new List<(long, long, string)>();
        if (sample.EndsWith(".csv", StringComparison.Ordinal))
        {
            var rows = TestFiles.ParseCsv(File.ReadAllText(sample));
            int month = Array.IndexOf(rows[0], "month");
            for (int i = 1; i < rows.Count; i++)
                if (rows[i][0] == id) list.Add((i, i + 1, rows[i][month]));
        }
        else
        {
            var lines = File.ReadAllLines(sample);
            long n = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim().Length == 0) continue;
                n++;
                var o = TestFiles.ParseJsonLines(lines[i])[0];
                if (o.GetProperty("cadre_id").GetString() == id) list.Add((n, i + 1, o.GetProperty("month").GetString()!));
            }
        }
        return list;
    }

    [Theory]
    [InlineData("cadre-months.csv")]
    [InlineData("cadre-months.jsonl")]
    public void Explain_IdWithSeveralRecords_ExplainsEachOfThem_InFileOrder_WithAFooterNamingTheRecordAndMonth(string sample)
    {
        using var t = new TempDir();
        var input = Repo.Samples(sample);
        var records = RecordsOf(input, "C-017");
        Assert.Equal(12, records.Count); // one a month of 2023
        Assert.Equal(Enumerable.Range(1, 12).Select(m => $"2023-{m:D2}"), records.Select(x => x.Month));

        var r = Explain(t, Repo.TenStarRules, input, "C-017").ShouldExit(0).ShouldNotCrash();
        Assert.Empty(r.Stderr);
        var blocks = Blocks(r.StdoutLines);
        Assert.Equal(12, blocks.Count);

        // the results of run, to compare each explanation with
        t.Run("run", "--rules", Repo.TenStarRules, "--input", input, "--out", "all.jsonl").ShouldExit(0);
        var results = TestFiles.ParseJsonLines(t.Read("all.jsonl"));
        for (int i = 0; i < 12; i++)
        {
            var (record, line, month) = records[i];
            var block = blocks[i];
            Assert.Equal("C-017", block[0]); // the title: the id (this rule set has no name field)
            Assert.Equal("驻村帮扶十星级管理（月度评星）  [ten-star-cadre-monthly v2024.1]", block[1]);
            Assert.Equal($"记录 record {record} (line {line}) of {input} — 评星月份 {month}", block[^1]);
            Assert.Single(block, l => l.StartsWith("记录 ", StringComparison.Ordinal));
            var result = results[(int)record - 1];
            Assert.Equal("C-017", result.Id());
            Assert.Contains($"  星数 stars: {result.Outcome("stars").GetDecimal()}", block);
            foreach (var outcome in new[] { "policy", "employment", "on_post", "visits" })
                Assert.Contains(block, l => l.EndsWith($" {outcome}: {(result.Outcome(outcome).GetBoolean() ? "是 yes" : "否 no")}", StringComparison.Ordinal));
        }
        // the 2023-01 record: 22/22 days, 27 of 30 households visited
        Assert.Contains(blocks[0], l => l.Contains("驻村天数 days_on_post = 22; 应驻村天数 required_days = 22", StringComparison.Ordinal));
        Assert.Contains(blocks[0], l => l.Contains("本月入户走访户数 households_visited = 27", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cadre-months.csv", 41)]
    [InlineData("cadre-months.jsonl", 40)]
    public void Explain_Match_NarrowsToThePolicyWorkedExample_C017In2023_05(string sample, int line)
    {
        using var t = new TempDir();
        var input = Repo.Samples(sample);
        var (record, expectedLine, _) = RecordsOf(input, "C-017").Single(x => x.Month == "2023-05");
        Assert.Equal(line, expectedLine);

        var r = Explain(t, Repo.TenStarRules, input, "C-017", "--match", "month=2023-05").ShouldExit(0).ShouldNotCrash();
        Assert.Empty(r.Stderr);
        var lines = r.StdoutLines;
        Assert.Single(Blocks(lines));
        Assert.Equal("C-017", lines[0]);
        // 8 stars: policy and employment missed, every other star met
        Assert.Contains("  星数 stars: 8", lines);
        Assert.Contains("  政策宣传星 policy: 否 no", lines);
        Assert.Contains("  就业产业星 employment: 否 no", lines);
        Assert.Equal(new[] { "  ✗ 政策宣传星 policy", "  ✗ 就业产业星 employment" }, lines.Where(l => l.StartsWith("  ✗ ", StringComparison.Ordinal)));
        Assert.Equal(8, lines.Count(l => l.StartsWith("  ✓ ", StringComparison.Ordinal) && l.EndsWith("(+1)", StringComparison.Ordinal)));
        int policy = IndexOf(lines, "  ✗ 政策宣传星 policy");
        Assert.Contains("policy_sessions >= 2", lines[policy + 1]);
        Assert.Contains("政策宣讲场次 policy_sessions = 1", lines[policy + 2]);
        Assert.Contains(lines, l => l.StartsWith("  • 星数 stars = 8", StringComparison.Ordinal));
        Assert.Equal($"记录 record {record} (line {line}) of {input} — 评星月份 2023-05", lines[^1]);

        // several --match options must all hold
        var both = Explain(t, Repo.TenStarRules, input, "C-017", "--match", "month=2023-05", "--match", "policy_sessions=1").ShouldExit(0).ShouldNotCrash();
        Assert.Equal(r.Stdout, both.Stdout);
    }

    [Fact]
    public void Explain_MatchThatNoRecordOfTheIdHas_Exit1_NamesTheIdAndTheMatch()
    {
        using var t = new TempDir();
        var input = Repo.Samples("cadre-months.csv");
        var r = Explain(t, Repo.TenStarRules, input, "C-017", "--match", "month=2024-01").ShouldExit(1).ShouldNotCrash();
        Assert.Empty(r.Stdout);
        Assert.Equal($"scoring: {input}: no record with id 'C-017' (cadre_id) and month=2024-01", Assert.Single(r.StderrLines));

        var two = Explain(t, Repo.TenStarRules, input, "C-017", "--match", "month=2023-05", "--match", "policy_sessions=2").ShouldExit(1).ShouldNotCrash();
        Assert.Equal($"scoring: {input}: no record with id 'C-017' (cadre_id) and month=2023-05, policy_sessions=2", Assert.Single(two.StderrLines));
    }

    [Theory]
    [InlineData("month")]
    [InlineData("=2023-05")]
    public void Explain_MatchNotFieldEqualsValue_Exit2(string value)
    {
        using var t = new TempDir();
        var r = Explain(t, Repo.TenStarRules, Repo.Samples("cadre-months.csv"), "C-017", "--match", value).ShouldExit(2).ShouldNotCrash();
        Assert.Equal($"scoring: --match '{value}' must be field=value", Assert.Single(r.StderrLines));
        Assert.Empty(r.Stdout);
    }
}
