using System.Text;
using System.Text.Json;

namespace Scoring.Tests.Cli;

/// <summary><c>scoring run</c> on clean inputs: output formats, order, stdout mode, --explain, encodings.</summary>
public sealed class RunCommandTests
{
    private const string SettlementHeader = "settlement_id,party_organisation,service_centre,five_connections_required,garden_ok,garden_shortfall_m2";
    private static readonly string[] SettlementOutcomes = { "party_organisation", "service_centre", "five_connections_required", "garden_ok", "garden_shortfall_m2" };
    private static readonly string[] TenStarOutcomes = { "on_post", "competence", "effectiveness", "visits", "income", "satisfaction", "policy", "employment", "records", "integrity", "stars" };

    private static CliResult RunSettlements(TempDir t, string outName, params string[] more) =>
        t.Run(new[] { "run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--out", outName }.Concat(more).ToArray());

    private static void AssertS001IsThePolicyWorkedExample(JsonElement s001)
    {
        Assert.Equal("S-001", s001.Id());
        Assert.Equal("独立党支部", s001.Outcome("party_organisation").GetString());
        Assert.Equal("一站式服务中心", s001.Outcome("service_centre").GetString());
        Assert.True(s001.Outcome("five_connections_required").GetBoolean());
        Assert.False(s001.Outcome("garden_ok").GetBoolean());
        Assert.Equal(5760m, s001.Outcome("garden_shortfall_m2").GetDecimal()); // 20 × 1538 − 25000
    }

    [Fact]
    public void Run_CsvToJsonl_WritesOneObjectPerRecord()
    {
        using var t = new TempDir();
        var r = RunSettlements(t, "out.jsonl").ShouldExit(0).ShouldNotCrash();

        Assert.Equal("read 30, scored 30, rejected 0", Assert.Single(r.StderrLines));
        Assert.Empty(r.Stdout);
        Assert.Equal(new[] { "out.jsonl" }, t.Files()); // no rejects file, no .partial
        var text = t.Read("out.jsonl");
        Assert.Equal(30, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.EndsWith("\n", text);
        var results = TestFiles.ParseJsonLines(text);
        Assert.Equal(30, results.Count);
        foreach (var res in results)
        {
            Assert.Equal(new[] { "id", "outcomes" }, res.EnumerateObject().Select(p => p.Name));
            Assert.Equal(SettlementOutcomes, res.GetProperty("outcomes").EnumerateObject().Select(p => p.Name));
        }
        AssertS001IsThePolicyWorkedExample(results[0]);
        // Chinese is written as UTF-8 text, not \u escapes
        Assert.Contains("独立党支部", text);
    }

    [Fact]
    public void Run_CsvToCsv_WritesHeaderAndThirtyRows()
    {
        using var t = new TempDir();
        RunSettlements(t, "out.csv").ShouldExit(0).ShouldNotCrash();
        Assert.Equal(new[] { "out.csv" }, t.Files());
        var lines = t.ReadLines("out.csv");
        Assert.Equal(SettlementHeader, lines[0]);
        Assert.Equal(31, lines.Length);
        Assert.Equal("S-001,独立党支部,一站式服务中心,true,false,5760", lines[1]);
        Assert.All(TestFiles.ParseCsv(t.Read("out.csv")), row => Assert.Equal(6, row.Length));
    }

    [Fact]
    public void Run_CsvAndJsonlOutputs_AgreeRecordByRecord()
    {
        using var t = new TempDir();
        RunSettlements(t, "out.csv").ShouldExit(0);
        RunSettlements(t, "out.jsonl").ShouldExit(0);
        var csv = TestFiles.ParseCsv(t.Read("out.csv"));
        var json = TestFiles.ParseJsonLines(t.Read("out.jsonl"));
        Assert.Equal(json.Count, csv.Count - 1);
        for (int i = 0; i < json.Count; i++)
        {
            var row = csv[i + 1];
            Assert.Equal(json[i].Id(), row[0]);
            for (int k = 0; k < SettlementOutcomes.Length; k++)
            {
                var v = json[i].Outcome(SettlementOutcomes[k]);
                var expected = v.ValueKind switch
                {
                    JsonValueKind.String => v.GetString(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => v.GetRawText(),
                };
                Assert.Equal(expected, row[k + 1]);
            }
        }
    }

    [Fact]
    public void Run_JsonlAndCsvInput_GiveIdenticalOutputs_ForTheMonthlyTenStarRules()
    {
        using var t = new TempDir();
        foreach (var (input, output) in new[] { ("cadre-months.csv", "from-csv"), ("cadre-months.jsonl", "from-jsonl") })
        {
            foreach (var ext in new[] { ".jsonl", ".csv" })
            {
                var r = t.Run("run", "--rules", Repo.TenStarRules, "--input", Repo.Samples(input), "--out", output + ext).ShouldExit(0).ShouldNotCrash();
                Assert.Equal("read 60, scored 60, rejected 0", Assert.Single(r.StderrLines));
            }
        }
        Assert.Equal(File.ReadAllBytes(t["from-csv.jsonl"]), File.ReadAllBytes(t["from-jsonl.jsonl"]));
        Assert.Equal(File.ReadAllBytes(t["from-csv.csv"]), File.ReadAllBytes(t["from-jsonl.csv"]));
        var results = TestFiles.ParseJsonLines(t.Read("from-jsonl.jsonl"));
        Assert.Equal(60, results.Count);
        Assert.All(results, res => Assert.Equal(TenStarOutcomes, res.GetProperty("outcomes").EnumerateObject().Select(p => p.Name)));
        Assert.Equal("cadre_id," + string.Join(",", TenStarOutcomes), t.ReadLines("from-csv.csv")[0]);
    }

    [Fact]
    public void Run_OutputOrderEqualsInputOrder()
    {
        using var t = new TempDir();
        // settlements: ids in the same order
        RunSettlements(t, "s.jsonl").ShouldExit(0);
        Assert.Equal(TestFiles.FirstColumn(Repo.Samples("settlements.csv")), TestFiles.ParseJsonLines(t.Read("s.jsonl")).Select(x => x.Id()));

        // ten-star: ids repeat (one record a month), so also check that the policy's worked example
        // (C-017, 2023-05: 8 stars, no policy or employment star) is at the position of its input row
        var rows = TestFiles.ParseCsv(File.ReadAllText(Repo.Samples("cadre-months.csv")));
        int month = Array.IndexOf(rows[0], "month");
        int example = rows.FindIndex(row => row[0] == "C-017" && row[month] == "2023-05") - 1;
        Assert.True(example >= 0);
        t.Run("run", "--rules", Repo.TenStarRules, "--input", Repo.Samples("cadre-months.csv"), "--out", "c.jsonl").ShouldExit(0);
        var results = TestFiles.ParseJsonLines(t.Read("c.jsonl"));
        Assert.Equal(rows.Skip(1).Select(row => row[0]), results.Select(x => x.Id()));
        Assert.Equal(8m, results[example].Outcome("stars").GetDecimal());
        Assert.False(results[example].Outcome("policy").GetBoolean());
        Assert.False(results[example].Outcome("employment").GetBoolean());

        // and the same rows in reverse order give the same results in reverse order
        var lines = File.ReadAllLines(Repo.Samples("cadre-months.csv"));
        t.Write("reversed.csv", lines[0] + "\n" + string.Join("\n", lines.Skip(1).Where(l => l.Length > 0).Reverse()) + "\n");
        t.Run("run", "--rules", Repo.TenStarRules, "--input", "reversed.csv", "--out", "r.jsonl").ShouldExit(0);
        Assert.Equal(t.ReadLines("c.jsonl").Reverse(), t.ReadLines("r.jsonl"));
    }

    [Fact]
    public void Run_WithoutOut_WritesJsonlToStdout_AndTheSummaryToStderr()
    {
        using var t = new TempDir();
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv")).ShouldExit(0).ShouldNotCrash();
        Assert.Equal("read 30, scored 30, rejected 0", Assert.Single(r.StderrLines));
        var results = TestFiles.ParseJsonLines(r.Stdout);
        Assert.Equal(30, results.Count);
        AssertS001IsThePolicyWorkedExample(results[0]);
        Assert.Empty(t.Files());

        // byte for byte what --out file.jsonl writes
        RunSettlements(t, "out.jsonl").ShouldExit(0);
        Assert.Equal(t.Read("out.jsonl"), r.Stdout);
    }

    [Fact]
    public void Run_ExplainWithJsonlOutput_AddsAnExplanationArray()
    {
        using var t = new TempDir();
        RunSettlements(t, "out.jsonl", "--explain").ShouldExit(0).ShouldNotCrash();
        var results = TestFiles.ParseJsonLines(t.Read("out.jsonl"));
        Assert.Equal(30, results.Count);
        AssertS001IsThePolicyWorkedExample(results[0]);
        foreach (var res in results)
        {
            var items = res.GetProperty("explanation");
            Assert.Equal(JsonValueKind.Array, items.ValueKind);
            Assert.NotEqual(0, items.GetArrayLength());
            foreach (var item in items.EnumerateArray())
            {
                Assert.False(string.IsNullOrEmpty(item.GetProperty("key").GetString()));
                Assert.False(string.IsNullOrEmpty(item.GetProperty("label").GetString())); // every definition of this rule set has a label
                Assert.False(string.IsNullOrEmpty(item.GetProperty("kind").GetString()));
                Assert.True(item.TryGetProperty("value", out _));
                if (item.GetProperty("kind").GetString() == "criterion")
                    Assert.Equal(item.GetProperty("value").GetBoolean(), item.GetProperty("met").GetBoolean());
                foreach (var input in item.GetProperty("inputs").EnumerateArray())
                {
                    Assert.False(string.IsNullOrEmpty(input.GetProperty("name").GetString()));
                    Assert.True(input.TryGetProperty("value", out _));
                }
            }
        }
        // S-001: garden_ok is not met, and the explanation shows the two numbers that decided it
        var gardenOk = results[0].GetProperty("explanation").EnumerateArray().Single(i => i.GetProperty("key").GetString() == "garden_ok");
        Assert.Equal("微菜园达标", gardenOk.GetProperty("label").GetString());
        Assert.Equal("criterion", gardenOk.GetProperty("kind").GetString());
        Assert.False(gardenOk.GetProperty("met").GetBoolean());
        var inputs = gardenOk.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("value").GetDecimal());
        Assert.Equal(25000m, inputs["garden_area_m2"]);
        Assert.Equal(30760m, inputs["garden_required_m2"]);
        // explanation is only added with --explain; the outcomes are unchanged by it
        RunSettlements(t, "plain.jsonl").ShouldExit(0);
        var plain = TestFiles.ParseJsonLines(t.Read("plain.jsonl"));
        for (int i = 0; i < plain.Count; i++)
        {
            Assert.False(plain[i].TryGetProperty("explanation", out _));
            Assert.Equal(plain[i].GetProperty("outcomes").GetRawText(), results[i].GetProperty("outcomes").GetRawText());
        }
    }

    [Fact]
    public void Run_ExplainWithCsvOutput_IsAUsageError_Exit2_AndLeavesNoFiles()
    {
        using var t = new TempDir();
        var r = RunSettlements(t, "out.csv", "--explain").ShouldExit(2).ShouldNotCrash();
        Assert.Equal("scoring: --explain needs JSON Lines output (--out file.jsonl): an explanation does not fit in CSV columns", Assert.Single(r.StderrLines));
        Assert.Empty(r.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(t.Path));

        // checked before the rule file or the input is opened
        var m = t.Run("run", "--rules", "no-such-rules.yaml", "--input", "no-such-input.csv", "--out", "out.csv", "--explain").ShouldExit(2).ShouldNotCrash();
        Assert.Equal("scoring: --explain needs JSON Lines output (--out file.jsonl): an explanation does not fit in CSV columns", Assert.Single(m.StderrLines));
        Assert.Empty(Directory.GetFileSystemEntries(t.Path));
    }

    [Fact]
    public void Run_QuotedCsvFieldWithCommaAndChineseText_RoundTrips()
    {
        using var t = new TempDir();
        const string id = "安置点,七号 \"东区\"";
        t.Write("in.csv",
            "settlement_id,name,county,residents,households,full_party_members,garden_area_m2\n" +
            "\"安置点,七号 \"\"东区\"\"\",\"幸福,家园\",大宁县,600,40,5,800\n" +
            "S-2,\"多行\n名称\",邵阳县,100,10,1,100\n");
        t.Run("run", "--rules", Repo.SettlementRules, "--input", "in.csv", "--out", "out.csv").ShouldExit(0).ShouldNotCrash();
        t.Run("run", "--rules", Repo.SettlementRules, "--input", "in.csv", "--out", "out.jsonl").ShouldExit(0).ShouldNotCrash();

        var csv = TestFiles.ParseCsv(t.Read("out.csv"));
        Assert.Equal(3, csv.Count);
        Assert.Equal(id, csv[1][0]);
        Assert.Equal(new[] { id, "独立党支部", "服务管理中心", "true", "true", "0" }, csv[1]);
        Assert.Equal("S-2", csv[2][0]);
        Assert.Equal("\"安置点,七号 \"\"东区\"\"\",独立党支部,服务管理中心,true,true,0", t.ReadLines("out.csv")[1]);

        var json = TestFiles.ParseJsonLines(t.Read("out.jsonl"));
        Assert.Equal(new[] { id, "S-2" }, json.Select(x => x.Id()));

        // and the CSV output, read back as input of a rule set keyed by the same column, keeps the id
        t.Write("keyed.yaml", """
            id: keyed
            name: keyed
            version: "1"
            subject:
              key: settlement_id
              fields:
                settlement_id: string
                party_organisation: string
            criteria:
              own_branch: party_organisation == '独立党支部'
            outcomes: [own_branch]
            """);
        t.Run("run", "--rules", "keyed.yaml", "--input", "out.csv", "--out", "again.jsonl").ShouldExit(0).ShouldNotCrash();
        Assert.Equal(new[] { id, "S-2" }, TestFiles.ParseJsonLines(t.Read("again.jsonl")).Select(x => x.Id()));
    }

    [Theory]
    [InlineData("settlements.csv")]
    [InlineData("cadre-months.jsonl")]
    public void Run_Utf8BomInTheInput_IsAccepted(string sample)
    {
        using var t = new TempDir();
        var name = "bom" + Path.GetExtension(sample);
        t.WriteBytes(name, new byte[] { 0xEF, 0xBB, 0xBF }.Concat(File.ReadAllBytes(Repo.Samples(sample))).ToArray());
        var rules = sample.StartsWith("settlements", StringComparison.Ordinal) ? Repo.SettlementRules : Repo.TenStarRules;
        t.Run("run", "--rules", rules, "--input", name, "--out", "with-bom.jsonl").ShouldExit(0).ShouldNotCrash();
        t.Run("run", "--rules", rules, "--input", Repo.Samples(sample), "--out", "without.jsonl").ShouldExit(0).ShouldNotCrash();
        Assert.Equal(t.Read("without.jsonl"), t.Read("with-bom.jsonl"));
        // the output itself has no BOM
        Assert.NotEqual(0xEF, File.ReadAllBytes(t["with-bom.jsonl"])[0]);
    }

    [Fact]
    public void Run_CrlfLineEndings_AreAccepted()
    {
        using var t = new TempDir();
        t.Write("crlf.csv", File.ReadAllText(Repo.Samples("settlements.csv")).ReplaceLineEndings("\r\n"));
        t.Write("crlf.jsonl", File.ReadAllText(Repo.Samples("cadre-months.jsonl")).ReplaceLineEndings("\r\n"));
        t.Run("run", "--rules", Repo.SettlementRules, "--input", "crlf.csv", "--out", "a.jsonl").ShouldExit(0).ShouldNotCrash();
        RunSettlements(t, "b.jsonl").ShouldExit(0);
        Assert.Equal(t.Read("b.jsonl"), t.Read("a.jsonl"));
        t.Run("run", "--rules", Repo.TenStarRules, "--input", "crlf.jsonl", "--out", "c.jsonl").ShouldExit(0).ShouldNotCrash();
        t.Run("run", "--rules", Repo.TenStarRules, "--input", Repo.Samples("cadre-months.jsonl"), "--out", "d.jsonl").ShouldExit(0);
        Assert.Equal(t.Read("d.jsonl"), t.Read("c.jsonl"));
    }

    [Fact]
    public void Run_BlankLinesInACsv_AreNotRecords()
    {
        using var t = new TempDir();
        var lines = File.ReadAllLines(Repo.Samples("settlements.csv"));
        t.Write("trailing.csv", string.Join("\n", lines) + "\n\n");
        t.Write("between.csv", string.Join("\n", lines.Take(10)) + "\n\n" + string.Join("\n", lines.Skip(10)) + "\n");
        RunSettlements(t, "clean.jsonl").ShouldExit(0);
        foreach (var name in new[] { "trailing", "between" })
        {
            var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", name + ".csv", "--out", name + ".jsonl").ShouldNotCrash();
            Assert.Equal("read 30, scored 30, rejected 0", Assert.Single(r.StderrLines));
            Assert.Equal(0, r.ExitCode);
            Assert.Equal(t.Read("clean.jsonl"), t.Read(name + ".jsonl"));
        }
    }

    [Fact]
    public void Run_HeaderOnlyCsv_Exit0_WritesJustTheHeader()
    {
        using var t = new TempDir();
        t.Write("header-only.csv", File.ReadLines(Repo.Samples("settlements.csv")).First() + "\n");
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", "header-only.csv", "--out", "out.csv").ShouldExit(0).ShouldNotCrash();
        Assert.Equal("read 0, scored 0, rejected 0", Assert.Single(r.StderrLines));
        Assert.Equal(new[] { SettlementHeader }, t.ReadLines("out.csv"));
    }

    [Fact]
    public void Run_EmptyCsv_Exit1_NamesTheFile_AndWritesNothing()
    {
        using var t = new TempDir();
        t.Write("empty.csv", "");
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", "empty.csv", "--out", "out.jsonl").ShouldExit(1).ShouldNotCrash();
        Assert.StartsWith("scoring: empty.csv: ", Assert.Single(r.StderrLines));
        Assert.Equal(new[] { "empty.csv" }, t.Files());
    }

    [Fact]
    public void Run_EmptyCsv_SaysAHeaderRowIsNeeded()
    {
        using var t = new TempDir();
        t.Write("empty.csv", "");
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", "empty.csv", "--out", "out.jsonl").ShouldExit(1).ShouldNotCrash();
        Assert.Equal("scoring: empty.csv: the file is empty (a header row is needed)", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Run_InputNotFound_Exit1_NamesIt()
    {
        using var t = new TempDir();
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", "missing.csv", "--out", "out.jsonl").ShouldExit(1).ShouldNotCrash();
        Assert.Equal("scoring: missing.csv: input file not found", Assert.Single(r.StderrLines));
        Assert.Empty(t.Files());
    }

    [Fact]
    public void Run_InputWithAnUnknownExtension_Exit1()
    {
        using var t = new TempDir();
        t.Write("data.txt", "x");
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", "data.txt").ShouldExit(1).ShouldNotCrash();
        Assert.Equal("scoring: data.txt: input must be .csv, .jsonl or .xlsx", Assert.Single(r.StderrLines)); // the list of formats grew with .xlsx (issue #13)
    }

    [Fact]
    public void Run_OutIntoAMissingDirectory_MakesIt()
    {
        // issue #10: --out makes its folder; this test was Run_OutIntoAMissingDirectory_Exit1_NamesIt, whose
        // intent (a folder that cannot be had is an error naming it, and nothing is left) is kept below
        using var t = new TempDir();
        var r = RunSettlements(t, Path.Combine("no-such-dir", "deeper", "out.jsonl")).ShouldExit(0).ShouldNotCrash();
        Assert.Equal("read 30, scored 30, rejected 0", Assert.Single(r.StderrLines));
        Assert.Equal(new[] { "out.jsonl" }, Directory.GetFiles(t["no-such-dir/deeper"]).Select(Path.GetFileName));
        RunSettlements(t, "flat.jsonl").ShouldExit(0);
        Assert.Equal(t.Read("flat.jsonl"), t.Read("no-such-dir/deeper/out.jsonl"));
    }

    [Fact]
    public void Run_OutIntoADirectoryThatCannotBeMade_Exit1_NamesIt_AndLeavesNothing()
    {
        using var t = new TempDir();
        t.Write("no-such-dir", "a file where the folder would go\n");
        var r = RunSettlements(t, Path.Combine("no-such-dir", "deeper", "out.jsonl")).ShouldExit(1).ShouldNotCrash();
        Assert.Contains("no-such-dir", Assert.Single(r.StderrLines));
        Assert.Contains("does not exist", r.Stderr);
        Assert.Equal(new[] { "no-such-dir" }, t.Files());
        Assert.Empty(Directory.GetDirectories(t.Path));
    }

    [Fact]
    public void Run_ThatFails_RemovesTheFolderItMadeForTheOutput()
    {
        using var t = new TempDir();
        t.Write("empty.csv", "");
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", "empty.csv", "--out", Path.Combine("made", "out.jsonl")).ShouldExit(1).ShouldNotCrash();
        Assert.Equal("scoring: empty.csv: the file is empty (a header row is needed)", Assert.Single(r.StderrLines));
        Assert.Empty(Directory.GetDirectories(t.Path));
    }

    [Fact]
    public void Run_InvalidRuleFile_Exit1_PrintsItsDiagnostics_AndWritesNothing()
    {
        using var t = new TempDir();
        t.CopyData(Path.Combine("validate", "type-error.yaml"));
        t.Write("in.csv", "id,n\nA,1\n");
        var r = t.Run("run", "--rules", "type-error.yaml", "--input", "in.csv", "--out", "out.jsonl").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(new[]
        {
            "type-error.yaml(10,10): error SCR0202: '+' cannot combine integer and text",
            "scoring: type-error.yaml: the rule file is invalid",
        }, r.StderrLines);
        Assert.Equal(new[] { "in.csv", "type-error.yaml" }, t.Files());
    }

    [Fact]
    public void Run_OutputOverwritesAnEarlierOutput()
    {
        using var t = new TempDir();
        t.Write("out.jsonl", "stale\nstale\n");
        RunSettlements(t, "out.jsonl").ShouldExit(0);
        Assert.Equal(30, TestFiles.ParseJsonLines(t.Read("out.jsonl")).Count);
        Assert.Equal(new[] { "out.jsonl" }, t.Files());
    }

    [Theory]
    [InlineData("data.csv", "data.csv")]
    [InlineData("data.csv", "./data.csv")]
    [InlineData("./sub/../data.csv", "data.csv")]
    [InlineData("data.jsonl", "data.jsonl")]
    public void Run_OutSameAsInput_IsRefused_Exit2_AndTheInputIsKept(string input, string output)
    {
        using var t = new TempDir();
        Directory.CreateDirectory(t["sub"]);
        bool csv = input.EndsWith(".csv", StringComparison.Ordinal);
        var name = Path.GetFileName(input);
        File.Copy(csv ? Repo.Samples("settlements.csv") : Repo.Samples("cadre-months.jsonl"), t[name]);
        var rules = csv ? Repo.SettlementRules : Repo.TenStarRules;
        var before = File.ReadAllBytes(t[name]);
        var r = t.Run("run", "--rules", rules, "--input", input, "--out", output).ShouldExit(2).ShouldNotCrash();
        Assert.Equal($"scoring: {output}: the output would overwrite the input; name another file", Assert.Single(r.StderrLines));
        Assert.Empty(r.Stdout);
        Assert.Equal(before, File.ReadAllBytes(t[name]));
        Assert.Equal(new[] { name }, t.Files());

        // also when written as an absolute path
        var a = t.Run("run", "--rules", rules, "--input", input, "--out", t[name]).ShouldExit(2).ShouldNotCrash();
        Assert.Equal($"scoring: {t[name]}: the output would overwrite the input; name another file", Assert.Single(a.StderrLines));
        Assert.Equal(before, File.ReadAllBytes(t[name]));
        Assert.Equal(new[] { name }, t.Files());
    }

    [Fact]
    public void Run_RejectsFileOfOutSameAsInput_IsRefused_AndTheInputIsKept()
    {
        using var t = new TempDir();
        // every record good: the input would be deleted as a stale rejects file
        File.Copy(Repo.Samples("cadre-months.jsonl"), t["out.jsonl.rejects.jsonl"]);
        var before = File.ReadAllBytes(t["out.jsonl.rejects.jsonl"]);
        var r = t.Run("run", "--rules", Repo.TenStarRules, "--input", "out.jsonl.rejects.jsonl", "--out", "out.jsonl").ShouldNotCrash();
        Assert.True(File.Exists(t["out.jsonl.rejects.jsonl"]), "the input was deleted\n" + r);
        Assert.Equal(before, File.ReadAllBytes(t["out.jsonl.rejects.jsonl"]));
        Assert.Equal(2, r.ExitCode);

        // some records rejected: the input would be replaced by the rejects
        using var u = new TempDir();
        u.Write("out.csv.rejects.jsonl", File.ReadLines(Repo.Samples("cadre-months.jsonl")).First() + "\n{\"cadre_id\": \"C-1\"}\n");
        var before2 = File.ReadAllBytes(u["out.csv.rejects.jsonl"]);
        var s = u.Run("run", "--rules", Repo.TenStarRules, "--input", "out.csv.rejects.jsonl", "--out", "out.csv").ShouldNotCrash();
        Assert.Equal(before2, File.ReadAllBytes(u["out.csv.rejects.jsonl"]));
        Assert.Equal(2, s.ExitCode);
    }

    [Fact]
    public void Run_OutSameFileAsInputThroughALink_IsRefused_AndTheInputIsKept()
    {
        using var t = new TempDir();
        File.Copy(Repo.Samples("settlements.csv"), t["data.csv"]);
        File.CreateSymbolicLink(t["link.csv"], "data.csv");
        var before = File.ReadAllBytes(t["data.csv"]);
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", "link.csv", "--out", "data.csv").ShouldNotCrash();
        Assert.Equal(before, File.ReadAllBytes(t["data.csv"]));
        Assert.Equal(2, r.ExitCode);
    }

    [Theory]
    [InlineData("out.jsonl")]
    [InlineData("out.csv")]
    public void Run_OutNamesAnExistingDirectory_IsAUsageError_Exit2_NotACrash_AndNoPartialFiles(string output)
    {
        using var t = new TempDir();
        Directory.CreateDirectory(t[output]);
        var r = RunSettlements(t, output).ShouldNotCrash().ShouldExit(2);
        Assert.Equal($"scoring: {output}: is a directory; --out names the output file", Assert.Single(r.StderrLines));
        Assert.Empty(r.Stdout);
        Assert.Empty(Directory.GetFiles(t.Path, "*", SearchOption.AllDirectories)); // no .partial, no rejects, nothing inside the directory
        Assert.Equal(new[] { t[output] }, Directory.GetDirectories(t.Path));
    }
}
