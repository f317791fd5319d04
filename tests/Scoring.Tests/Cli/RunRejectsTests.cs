using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Scoring.Tests.Cli;

/// <summary><c>scoring run</c> with bad records: exit 3, the good ones still scored, <c>&lt;out&gt;.rejects.jsonl</c>, temp files.</summary>
public sealed partial class RunRejectsTests
{
    [GeneratedRegex(@"^read (\d+), scored (\d+), rejected (\d+)$")]
    private static partial Regex SummaryPattern();

    /// <summary>Parses the summary line and checks read = scored + rejected.</summary>
    private static (int Read, int Scored, int Rejected) Summary(CliResult r)
    {
        var line = Assert.Single(r.StderrLines, l => l.StartsWith("read ", StringComparison.Ordinal));
        var m = SummaryPattern().Match(line);
        Assert.True(m.Success, line);
        var (read, scored, rejected) = (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value));
        Assert.Equal(read, scored + rejected);
        return (read, scored, rejected);
    }

    private static void AssertNoPartialFiles(TempDir t) =>
        Assert.DoesNotContain(Directory.GetFiles(t.Path, "*", SearchOption.AllDirectories), f => f.EndsWith(".partial", StringComparison.Ordinal));

    /// <summary>One line of a rejects file: record, line, id, reason.</summary>
    private sealed record Reject(long Record, long Line, string? Id, string Code, string Reason);

    private static List<Reject> ReadRejects(string jsonl) =>
        TestFiles.ParseJsonLines(jsonl).Select(e =>
        {
            var id = e.GetProperty("id");
            return new Reject(e.GetProperty("record").GetInt64(), e.GetProperty("line").GetInt64(),
                id.ValueKind == JsonValueKind.Null ? null : id.GetString(), e.GetProperty("code").GetString()!, e.GetProperty("reason").GetString()!);
        }).ToList();

    [Fact]
    public void Run_CsvWithBadRows_Exit3_GoodRowsScored_RejectsNameTheField()
    {
        using var t = new TempDir();
        t.CopyData(Path.Combine("run", "bad-settlements.csv"), "in.csv");
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", "in.csv", "--out", "out.jsonl").ShouldExit(3).ShouldNotCrash();

        Assert.Equal((10, 3, 7), Summary(r));
        Assert.Contains("rejected records and their reasons: out.jsonl.rejects.jsonl", r.StderrLines);
        Assert.Equal(new[] { "out.jsonl", "out.jsonl.rejects.jsonl", "in.csv" }.Order(StringComparer.Ordinal), t.Files());

        var good = TestFiles.ParseJsonLines(t.Read("out.jsonl"));
        Assert.Equal(new[] { "S-101", "S-106", "S-110" }, good.Select(g => g.Id()));
        Assert.Equal(0.5m, good[2].Outcome("garden_shortfall_m2").GetDecimal());

        var rejects = ReadRejects(t.Read("out.jsonl.rejects.jsonl"));
        Assert.Equal(new[]
        {
            // record number, line = record number + 1 (the header), id, code
            (2L, 3L, "S-102", "SCR0501"),   // missing value
            (3L, 4L, "S-103", "SCR0502"),   // non-numeric
            (4L, 5L, "S-104", "SCR0507"),   // too few columns: a record-level problem
            (5L, 6L, "S-105", "SCR0502"),   // below min
            (7L, 8L, "S-107", "SCR0502"),   // a row with a quoted line break inside: it starts on line 8
            (8L, 9L, "S-108", "SCR0507"),   // too many columns; physically on line 10, but the line is counted by rows: the quoted line break above is not counted
            (9L, 10L, "S-109", "SCR0502"),  // exponent notation is not a number here (physically line 11)
        }, rejects.Select(x => (x.Record, x.Line, x.Id, x.Code)).Select(x => (x.Record, x.Line, x.Id!, x.Code)));
        Assert.StartsWith("residents: ", rejects[0].Reason);
        Assert.Contains("missing", rejects[0].Reason);
        Assert.StartsWith("residents: ", rejects[1].Reason);
        Assert.Contains("'many'", rejects[1].Reason);
        // record-level reasons are the message itself, with no "(record): " prefix
        Assert.Equal("row has 6 fields but the header has 7", rejects[2].Reason);
        Assert.StartsWith("full_party_members: ", rejects[3].Reason);
        Assert.Contains("minimum 0", rejects[3].Reason);
        Assert.StartsWith("households: ", rejects[4].Reason);
        Assert.Equal("row has 8 fields but the header has 7", rejects[5].Reason);
        Assert.StartsWith("garden_area_m2: ", rejects[6].Reason);
        Assert.All(rejects, x => Assert.DoesNotContain("(record)", x.Reason));
        Assert.All(TestFiles.ParseJsonLines(t.Read("out.jsonl.rejects.jsonl")), e => Assert.Equal("in.csv", e.GetProperty("file").GetString()));
        AssertNoPartialFiles(t);
    }

    /// <summary>The first record of the sample, as a JSON object to edit.</summary>
    private static JsonObject SampleCadreMonth() =>
        JsonNode.Parse(File.ReadLines(Repo.Samples("cadre-months.jsonl")).First())!.AsObject();

    private static string Line(Action<JsonObject> edit, string id)
    {
        var o = SampleCadreMonth();
        o["cadre_id"] = id;
        edit(o);
        return o.ToJsonString();
    }

    [Fact]
    public void Run_JsonlWithBadLines_Exit3_GoodLinesScored_RejectsHaveRecordLineIdAndReason()
    {
        using var t = new TempDir();
        var lines = new[]
        {
            Line(_ => { }, "C-901"),                                                   // 1 good
            "{\"cadre_id\": \"C-902\", \"team\": \"work_team\", \"month\": ",           // 2 invalid JSON
            "",                                                                          // 3 blank: skipped, not a record
            Line(o => o["skills_test_score"] = 101, "C-903"),                          // 4 above max 100
            Line(o => o.Remove("satisfaction_score"), "C-904"),                        // 5 missing field
            Line(o => o["days_on_post"] = "twenty", "C-905"),                          // 6 not a number
            Line(o => o["team"] = "township_leader", "C-906"),                         // 7 not one of the enum values
            "[1, 2, 3]",                                                                 // 8 not an object
            Line(o => o["satisfaction_score"] = 100.5m, "C-907"),                      // 9 decimal above max
            Line(o => o["month"] = "2023-13", "C-908"),                                // 10 not a month
            Line(_ => { }, "C-909"),                                                   // 11 good
        };
        t.Write("in.jsonl", string.Join("\n", lines) + "\n");
        var r = t.Run("run", "--rules", Repo.TenStarRules, "--input", "in.jsonl", "--out", "out.jsonl").ShouldExit(3).ShouldNotCrash();

        Assert.Equal((10, 2, 8), Summary(r));
        Assert.Equal(new[] { "C-901", "C-909" }, TestFiles.ParseJsonLines(t.Read("out.jsonl")).Select(x => x.Id()));
        var rejects = ReadRejects(t.Read("out.jsonl.rejects.jsonl"));
        // JSON Lines: the line is exact (the blank line 3 is not a record, so records and lines differ from there on)
        Assert.Equal(new (long, long, string?, string)[]
        {
            (2, 2, null, "SCR0507"), (3, 4, "C-903", "SCR0502"), (4, 5, "C-904", "SCR0501"), (5, 6, "C-905", "SCR0502"),
            (6, 7, "C-906", "SCR0502"), (7, 8, null, "SCR0507"), (8, 9, "C-907", "SCR0502"), (9, 10, "C-908", "SCR0502"),
        }, rejects.Select(x => (x.Record, x.Line, x.Id, x.Code)));
        // record-level problems: the reason is the message itself, with no "(record): " prefix
        Assert.StartsWith("invalid JSON: ", rejects[0].Reason);
        Assert.Equal("expected a JSON object, found array", rejects[5].Reason);
        Assert.All(rejects, x => Assert.DoesNotContain("(record)", x.Reason));
        Assert.StartsWith("skills_test_score: ", rejects[1].Reason);
        Assert.Contains("maximum 100", rejects[1].Reason);
        Assert.StartsWith("satisfaction_score: ", rejects[2].Reason);
        Assert.StartsWith("days_on_post: ", rejects[3].Reason);
        Assert.StartsWith("team: ", rejects[4].Reason);
        Assert.StartsWith("satisfaction_score: ", rejects[6].Reason);
        Assert.Contains("maximum 100", rejects[6].Reason);
        Assert.StartsWith("month: ", rejects[7].Reason);
        AssertNoPartialFiles(t);
    }

    [Fact]
    public void Run_CsvValueAboveMax_IsRejected_NotClamped()
    {
        using var t = new TempDir();
        var lines = File.ReadAllLines(Repo.Samples("cadre-months.csv"));
        var header = lines[0].Split(',');
        int skills = Array.IndexOf(header, "skills_test_score");
        var cells = lines[1].Split(',');
        cells[0] = "C-950";
        cells[skills] = "101";
        t.Write("in.csv", lines[0] + "\n" + lines[1] + "\n" + string.Join(",", cells) + "\n");
        var r = t.Run("run", "--rules", Repo.TenStarRules, "--input", "in.csv", "--out", "out.csv").ShouldExit(3).ShouldNotCrash();
        Assert.Equal((2, 1, 1), Summary(r));
        Assert.Equal(2, t.ReadLines("out.csv").Length); // header + the good row
        var reject = Assert.Single(ReadRejects(t.Read("out.csv.rejects.jsonl")));
        Assert.Equal((2L, 3L, "C-950"), (reject.Record, reject.Line, reject.Id));
        Assert.Equal("skills_test_score: 101 is above the maximum 100", reject.Reason);
    }

    [Fact]
    public void Run_JsonlLineNestedTenThousandDeep_IsRejected_NotACrash()
    {
        using var t = new TempDir();
        var deep = Line(_ => { }, "C-960").Replace("\"team\":\"village_cadre\"", "\"team\":" + new string('[', 10_000) + new string(']', 10_000), StringComparison.Ordinal);
        Assert.Contains(new string('[', 100), deep);
        t.Write("in.jsonl", Line(_ => { }, "C-959") + "\n" + deep + "\n");
        var r = t.Run("run", "--rules", Repo.TenStarRules, "--input", "in.jsonl", "--out", "out.jsonl").ShouldExit(3).ShouldNotCrash();
        Assert.Equal((2, 1, 1), Summary(r));
        var reject = Assert.Single(ReadRejects(t.Read("out.jsonl.rejects.jsonl")));
        Assert.Equal((2L, 2L, "SCR0507"), (reject.Record, reject.Line, reject.Code));
        Assert.StartsWith("invalid JSON: ", reject.Reason);
    }

    [Fact]
    public void Run_WithoutOut_BadRows_RejectsGoToStderr_ResultsToStdout()
    {
        using var t = new TempDir();
        t.CopyData(Path.Combine("run", "bad-settlements.csv"), "in.csv");
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", "in.csv").ShouldExit(3).ShouldNotCrash();
        Assert.Equal(new[] { "S-101", "S-106", "S-110" }, TestFiles.ParseJsonLines(r.Stdout).Select(x => x.Id()));
        Assert.Equal((10, 3, 7), Summary(r));
        var rejectLines = r.StderrLines.Where(l => l.StartsWith('{')).ToArray();
        Assert.Equal(new[] { "S-102", "S-103", "S-104", "S-105", "S-107", "S-108", "S-109" },
            ReadRejects(string.Join("\n", rejectLines)).Select(x => x.Id));
        Assert.Equal(new[] { "in.csv" }, t.Files());
    }

    [Fact]
    public void Run_HeaderLacksARequiredColumn_Exit1_NamesIt_AndCreatesNoOutput()
    {
        using var t = new TempDir();
        var lines = File.ReadAllLines(Repo.Samples("settlements.csv"));
        int col = Array.IndexOf(lines[0].Split(','), "residents");
        t.Write("in.csv", string.Join("\n", lines.Select(l => string.Join(",", l.Split(',').Where((_, i) => i != col)))) + "\n");
        Assert.DoesNotContain("residents", t.Read("in.csv"));

        foreach (var output in new[] { "out.jsonl", "out.csv" })
        {
            var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", "in.csv", "--out", output).ShouldExit(1).ShouldNotCrash();
            Assert.Equal("scoring: in.csv(1): the header lacks required field(s): residents", Assert.Single(r.StderrLines));
            Assert.Equal(new[] { "in.csv" }, t.Files());
        }
        // nor anything on stdout without --out
        var s = t.Run("run", "--rules", Repo.SettlementRules, "--input", "in.csv").ShouldExit(1);
        Assert.Empty(s.Stdout);
    }

    [Fact]
    public void Run_HeaderLacksSeveralColumns_NamesEachOfThem()
    {
        using var t = new TempDir();
        t.Write("in.csv", "settlement_id,name,county,households\nS-1,a,b,3\n");
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", "in.csv", "--out", "out.jsonl").ShouldExit(1).ShouldNotCrash();
        Assert.Equal("scoring: in.csv(1): the header lacks required field(s): residents, full_party_members, garden_area_m2", Assert.Single(r.StderrLines));
        Assert.Equal(new[] { "in.csv" }, t.Files());
    }

    [Fact]
    public void Run_CleanRerun_AfterARunWithRejects_RemovesTheStaleRejectsFile()
    {
        using var t = new TempDir();
        t.CopyData(Path.Combine("run", "bad-settlements.csv"), "in.csv");
        t.Run("run", "--rules", Repo.SettlementRules, "--input", "in.csv", "--out", "out.jsonl").ShouldExit(3);
        Assert.True(File.Exists(t["out.jsonl.rejects.jsonl"]));

        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--out", "out.jsonl").ShouldExit(0).ShouldNotCrash();
        Assert.Equal("read 30, scored 30, rejected 0", Assert.Single(r.StderrLines));
        Assert.False(File.Exists(t["out.jsonl.rejects.jsonl"]), "the rejects file of the earlier run is still there");
        Assert.Equal(new[] { "in.csv", "out.jsonl" }, t.Files());
        Assert.Equal(30, TestFiles.ParseJsonLines(t.Read("out.jsonl")).Count);
    }

    [Fact]
    public void Run_RerunWithOtherRejects_ReplacesTheRejectsFile()
    {
        using var t = new TempDir();
        t.CopyData(Path.Combine("run", "bad-settlements.csv"), "in.csv");
        t.Run("run", "--rules", Repo.SettlementRules, "--input", "in.csv", "--out", "out.csv").ShouldExit(3);
        t.Write("in2.csv", "settlement_id,name,county,residents,households,full_party_members,garden_area_m2\nS-1,a,b,x,1,1,1\n");
        t.Run("run", "--rules", Repo.SettlementRules, "--input", "in2.csv", "--out", "out.csv").ShouldExit(3);
        var reject = Assert.Single(ReadRejects(t.Read("out.csv.rejects.jsonl")));
        Assert.Equal("S-1", reject.Id);
        Assert.Single(t.ReadLines("out.csv")); // header only
    }

    [Fact]
    public void Run_NoPartialFilesAreLeftBehind_AfterSuccessRejectsOrFailure()
    {
        using var t = new TempDir();
        t.CopyData(Path.Combine("run", "bad-settlements.csv"), "bad.csv");
        t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--out", "a.jsonl").ShouldExit(0);
        t.Run("run", "--rules", Repo.SettlementRules, "--input", "bad.csv", "--out", "b.csv").ShouldExit(3);
        t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--out", "c.csv", "--explain").ShouldExit(2);
        t.Run("run", "--rules", Repo.SettlementRules, "--input", "bad.csv", "--out", "bad.csv").ShouldExit(2); // --out is the input
        // a run that stops part-way: the input is not valid UTF-8 near its end
        t.WriteBytes("broken.csv", File.ReadAllBytes(Repo.Samples("settlements.csv")).Concat(Encoding.ASCII.GetBytes("S-999,")).Concat(new byte[] { 0xFF, 0xFE }).Concat(Encoding.ASCII.GetBytes(",x,1,1,1,1\n")).ToArray());
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", "broken.csv", "--out", "d.jsonl").ShouldExit(1).ShouldNotCrash();
        Assert.Contains("broken.csv", r.Stderr);
        Assert.Contains("not valid UTF-8", r.Stderr);

        AssertNoPartialFiles(t);
        Assert.Equal(new[] { "a.jsonl", "b.csv", "b.csv.rejects.jsonl", "bad.csv", "broken.csv" }, t.Files());
    }

    [Fact]
    public void Run_InvalidUtf8InJsonl_RejectsJustThatLine_NamingItExactly_TheOtherLinesAreScored()
    {
        using var t = new TempDir();
        var sample = File.ReadAllLines(Repo.Samples("cadre-months.jsonl"));
        Assert.Equal(60, sample.Length);
        var bad = Encoding.ASCII.GetBytes("{\"cadre_id\": \"C-").Concat(new byte[] { 0xFF }).Concat(Encoding.ASCII.GetBytes("\"}")).ToArray();
        // the bad line as line 6 and as line 63 (after a blank line 62)
        var bytes = new List<byte>();
        for (int i = 0; i < 5; i++) bytes.AddRange(Encoding.UTF8.GetBytes(sample[i] + "\n"));
        bytes.AddRange(bad.Append((byte)'\n'));
        for (int i = 5; i < 60; i++) bytes.AddRange(Encoding.UTF8.GetBytes(sample[i] + "\n"));
        bytes.Add((byte)'\n');
        bytes.AddRange(bad.Append((byte)'\n'));
        t.WriteBytes("broken.jsonl", bytes.ToArray());

        var r = t.Run("run", "--rules", Repo.TenStarRules, "--input", "broken.jsonl", "--out", "out.jsonl").ShouldExit(3).ShouldNotCrash();
        Assert.Equal((62, 60, 2), Summary(r));
        var rejects = ReadRejects(t.Read("out.jsonl.rejects.jsonl"));
        Assert.Equal(new (long, long, string?, string, string)[]
        {
            (6, 6, null, "SCR0507", "line 6 is not valid UTF-8; use --encoding to name the file's encoding"),
            (62, 63, null, "SCR0507", "line 63 is not valid UTF-8; use --encoding to name the file's encoding"),
        }, rejects.Select(x => (x.Record, x.Line, x.Id, x.Code, x.Reason)));

        // the 60 good lines are scored exactly as in the clean file
        t.Run("run", "--rules", Repo.TenStarRules, "--input", Repo.Samples("cadre-months.jsonl"), "--out", "clean.jsonl").ShouldExit(0);
        Assert.Equal(t.Read("clean.jsonl"), t.Read("out.jsonl"));
        AssertNoPartialFiles(t);
    }

    [GeneratedRegex(@"^scoring: big\.csv: the file is not valid UTF-8 after record (\d+) \(near line (\d+)\); use --encoding to name the file's encoding$")]
    private static partial Regex CsvEncodingErrorPattern();

    [Fact]
    public void Run_InvalidUtf8DeepInALargeCsv_StopsTheRun_Exit1_NamingItsExactLine_AndWritesNothing()
    {
        using var t = new TempDir();
        var sample = File.ReadAllLines(Repo.Samples("settlements.csv"));
        var rows = sample.Skip(1).Where(l => l.Length > 0).ToArray();
        const int total = 30_000, badRecord = 20_000; // the bad row is line 20 001, far past the first read buffer
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(sample[0] + "\n"));
        var text = new List<string> { sample[0] };
        for (int i = 1; i <= total; i++)
        {
            if (i == badRecord)
            {
                bytes.AddRange(Encoding.ASCII.GetBytes("X-BAD,"));
                bytes.AddRange(new byte[] { 0xFF, 0xFE });
                bytes.AddRange(Encoding.ASCII.GetBytes(",x,1,1,1,1\n"));
                text.Add("X-BAD,??,x,1,1,1,1");
                continue;
            }
            var row = $"X-{i}," + rows[i % rows.Length].Split(',', 2)[1];
            bytes.AddRange(Encoding.UTF8.GetBytes(row + "\n"));
            text.Add(row);
        }
        t.WriteBytes("big.csv", bytes.ToArray());

        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", "big.csv", "--out", "out.jsonl").ShouldExit(1).ShouldNotCrash();
        // the encoding is checked before the run starts, so the message names the exact line
        Assert.Equal($"scoring: big.csv: line {badRecord + 1} is not valid UTF-8; use --encoding to name the file's encoding", Assert.Single(r.StderrLines));
        _ = text;
        // the run stopped: nothing is written, no partial files
        Assert.Equal(new[] { "big.csv" }, t.Files());
    }

    [Fact]
    public void Run_CsvHeaderNotValidUtf8_Exit1_SaysSo_AndWritesNothing()
    {
        using var t = new TempDir();
        var sample = File.ReadAllBytes(Repo.Samples("settlements.csv"));
        t.WriteBytes("in.csv", new byte[] { 0xFF }.Concat(sample).ToArray());
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", "in.csv", "--out", "out.jsonl").ShouldExit(1).ShouldNotCrash();
        Assert.Equal("scoring: in.csv: the header is not valid UTF-8; use --encoding to name the file's encoding", Assert.Single(r.StderrLines));
        Assert.Equal(new[] { "in.csv" }, t.Files());
    }

    [Fact]
    public void Run_InvalidUtf8EarlyInACsv_NamesALineNearIt_NotTheHeader()
    {
        using var t = new TempDir();
        var sample = File.ReadAllBytes(Repo.Samples("settlements.csv"));
        int lines = File.ReadAllLines(Repo.Samples("settlements.csv")).Length; // 31
        t.WriteBytes("broken.csv", sample.Concat(Encoding.ASCII.GetBytes("S-999,")).Concat(new byte[] { 0xFF, 0xFE }).Concat(Encoding.ASCII.GetBytes(",x,1,1,1,1\n")).ToArray());
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", "broken.csv", "--out", "d.jsonl").ShouldExit(1).ShouldNotCrash();
        Assert.DoesNotContain("header", r.Stderr);
        Assert.Contains($"line {lines + 1}", r.Stderr);

        var head = File.ReadAllLines(Repo.Samples("settlements.csv")).Take(3);
        t.WriteBytes("early.csv", Encoding.UTF8.GetBytes(string.Join("\n", head) + "\nS-998,").Concat(new byte[] { 0xFF }).Concat(Encoding.ASCII.GetBytes(",x,1,1,1,1\n")).ToArray());
        var e = t.Run("run", "--rules", Repo.SettlementRules, "--input", "early.csv", "--out", "f.jsonl").ShouldExit(1).ShouldNotCrash();
        Assert.DoesNotContain("header", e.Stderr);
        Assert.Contains("line 4", e.Stderr);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("4")]
    public void Run_LargeCsvWithBadRowsSpreadThroughIt_EveryRecordIsAccountedFor_InInputOrder(string threads)
    {
        using var t = new TempDir();
        var sample = File.ReadAllLines(Repo.Samples("cadre-months.csv")).Where(l => l.Length > 0).ToArray();
        var header = sample[0].Split(',');
        int skills = Array.IndexOf(header, "skills_test_score"), days = Array.IndexOf(header, "days_on_post");
        const int total = 10_000; // more than two of the batch scorer's chunks of 4 096
        var lines = new List<string> { sample[0] };
        var good = new List<string>();
        var bad = new List<(long Record, string Id, string Code)>();
        for (int i = 1; i <= total; i++)
        {
            var cells = sample[1 + i % (sample.Length - 1)].Split(',');
            cells[0] = $"C-{i:D5}";
            if (i % 97 != 0)
            {
                good.Add(cells[0]);
                lines.Add(string.Join(",", cells));
                continue;
            }
            string code;
            switch (i / 97 % 5)
            {
                case 0: cells[skills] = ""; code = "SCR0501"; break;                                  // missing value
                case 1: cells[days] = "many"; code = "SCR0502"; break;                                // not a number
                case 2: cells = cells[..^1]; code = "SCR0507"; break;                                 // a field too few
                case 3: cells = cells.Append("extra").ToArray(); code = "SCR0507"; break;             // a field too many
                default: cells[skills] = "101"; code = "SCR0502"; break;                              // above the maximum
            }
            bad.Add((i, cells[0], code));
            lines.Add(string.Join(",", cells));
        }
        t.Write("in.csv", string.Join("\n", lines) + "\n");

        var r = t.Run("run", "--rules", Repo.TenStarRules, "--input", "in.csv", "--out", "out.jsonl", "--threads", threads).ShouldExit(3).ShouldNotCrash();
        Assert.Equal((total, total - bad.Count, bad.Count), Summary(r));
        Assert.Equal(good, TestFiles.ParseJsonLines(t.Read("out.jsonl")).Select(x => x.Id()));
        var rejects = ReadRejects(t.Read("out.jsonl.rejects.jsonl"));
        Assert.Equal(bad.Select(b => (b.Record, b.Record + 1, (string?)b.Id, b.Code)), rejects.Select(x => (x.Record, x.Line, x.Id, x.Code)));
        AssertNoPartialFiles(t);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("4")]
    public void Run_LargeJsonlWithBadLinesSpreadThroughIt_EveryRecordIsAccountedFor_WithItsExactLine(string threads)
    {
        using var t = new TempDir();
        var sample = File.ReadAllLines(Repo.Samples("cadre-months.jsonl")).Where(l => l.Length > 0).ToArray();
        const int total = 10_000;
        var bytes = new List<byte>();
        var good = new List<string>();
        var bad = new List<(long Record, long Line, string? Id, string Code)>();
        long line = 0;
        for (int i = 1; i <= total; i++)
        {
            if (i % 500 == 0)
            {
                bytes.Add((byte)'\n'); // a blank line: not a record
                line++;
            }
            line++;
            var o = JsonNode.Parse(sample[i % sample.Length])!.AsObject();
            var id = $"C-{i:D5}";
            o["cadre_id"] = id;
            byte[] text;
            if (i % 89 != 0)
            {
                good.Add(id);
                text = Encoding.UTF8.GetBytes(o.ToJsonString());
            }
            else
            {
                switch (i / 89 % 5)
                {
                    case 0: text = Encoding.UTF8.GetBytes(o.ToJsonString()[..^1]); bad.Add((i, line, null, "SCR0507")); break;   // invalid JSON
                    case 1: text = Encoding.ASCII.GetBytes("{\"cadre_id\": \"").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.ASCII.GetBytes("\"}")).ToArray();
                        bad.Add((i, line, null, "SCR0507")); break;                                                              // invalid UTF-8
                    case 2: o.Remove("month"); text = Encoding.UTF8.GetBytes(o.ToJsonString()); bad.Add((i, line, id, "SCR0501")); break;
                    case 3: o["skills_test_score"] = 101; text = Encoding.UTF8.GetBytes(o.ToJsonString()); bad.Add((i, line, id, "SCR0502")); break;
                    default: text = Encoding.ASCII.GetBytes("[1, 2]"); bad.Add((i, line, null, "SCR0507")); break;              // not an object
                }
            }
            bytes.AddRange(text);
            bytes.Add((byte)'\n');
        }
        t.WriteBytes("in.jsonl", bytes.ToArray());

        var r = t.Run("run", "--rules", Repo.TenStarRules, "--input", "in.jsonl", "--out", "out.csv", "--threads", threads).ShouldExit(3).ShouldNotCrash();
        Assert.Equal((total, total - bad.Count, bad.Count), Summary(r));
        Assert.Equal(good, TestFiles.FirstColumn(t["out.csv"]));
        var rejects = ReadRejects(t.Read("out.csv.rejects.jsonl"));
        Assert.Equal(bad, rejects.Select(x => (x.Record, x.Line, x.Id, x.Code)));
        AssertNoPartialFiles(t);
    }
}
