using System.Text;

namespace Scoring.Tests.Cli;

/// <summary><c>scoring run --encoding utf-8|gb18030</c> and <c>--threads N</c>.</summary>
public sealed class RunEncodingAndThreadsTests
{
    private static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    /// <summary>True when <paramref name="bytes"/> decode as UTF-8 without error.</summary>
    private static bool IsValidUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>settlements.csv plus a row whose id has a character outside GBK (four bytes in GB18030), as UTF-8 text.</summary>
    private static string SettlementsWithRareCharacter() =>
        File.ReadAllText(Repo.Samples("settlements.csv")).TrimEnd('\n') + "\n安置点-𠮷,𠮷家园,大宁县,600,40,5,800\n";

    [Fact]
    public void Run_Gb18030Csv_WithEncodingGb18030_ScoresIdenticallyToTheUtf8File()
    {
        using var t = new TempDir();
        var text = SettlementsWithRareCharacter();
        t.Write("utf8.csv", text);
        var gb = Gb18030().GetBytes(text);
        t.WriteBytes("gb.csv", gb);
        // really another encoding: the Chinese text is not UTF-8
        Assert.NotEqual(Encoding.UTF8.GetBytes(text), gb);
        Assert.False(IsValidUtf8(gb));

        foreach (var ext in new[] { ".jsonl", ".csv" })
        {
            var a = t.Run("run", "--rules", Repo.SettlementRules, "--input", "utf8.csv", "--out", "from-utf8" + ext).ShouldExit(0).ShouldNotCrash();
            var b = t.Run("run", "--rules", Repo.SettlementRules, "--input", "gb.csv", "--out", "from-gb" + ext, "--encoding", "gb18030").ShouldExit(0).ShouldNotCrash();
            Assert.Equal("read 31, scored 31, rejected 0", Assert.Single(a.StderrLines));
            Assert.Equal("read 31, scored 31, rejected 0", Assert.Single(b.StderrLines));
            // the output is UTF-8 whatever the input's encoding
            Assert.Equal(File.ReadAllBytes(t["from-utf8" + ext]), File.ReadAllBytes(t["from-gb" + ext]));
        }
        var results = TestFiles.ParseJsonLines(t.Read("from-gb.jsonl"));
        Assert.Equal("独立党支部", results[0].Outcome("party_organisation").GetString());
        Assert.Equal("安置点-𠮷", results[^1].Id());

        // the name is not case-sensitive; utf-8 can be named too
        t.Run("run", "--rules", Repo.SettlementRules, "--input", "gb.csv", "--out", "upper.jsonl", "--encoding", "GB18030").ShouldExit(0);
        Assert.Equal(t.Read("from-utf8.jsonl"), t.Read("upper.jsonl"));
        t.Run("run", "--rules", Repo.SettlementRules, "--input", "utf8.csv", "--out", "named.jsonl", "--encoding", "utf-8").ShouldExit(0);
        Assert.Equal(t.Read("from-utf8.jsonl"), t.Read("named.jsonl"));
    }

    [Fact]
    public void Run_Gb18030Csv_WithoutEncoding_IsRefused_Exit1_NamingTheEncoding_AndWritesNothing()
    {
        using var t = new TempDir();
        t.WriteBytes("gb.csv", Gb18030().GetBytes(SettlementsWithRareCharacter()));
        foreach (var output in new[] { "out.jsonl", "out.csv" })
        {
            var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", "gb.csv", "--out", output).ShouldExit(1).ShouldNotCrash();
            var line = Assert.Single(r.StderrLines);
            Assert.StartsWith("scoring: gb.csv: ", line);
            Assert.Contains("not valid UTF-8", line);
            Assert.Contains("use --encoding to name the file's encoding", line);
            Assert.Equal(new[] { "gb.csv" }, t.Files());
        }
        var s = t.Run("run", "--rules", Repo.SettlementRules, "--input", "gb.csv").ShouldExit(1).ShouldNotCrash();
        Assert.Empty(s.Stdout);
    }

    [Fact]
    public void Run_Gb18030Jsonl_WithEncoding_ScoresIdentically_WithoutIt_EveryLineWithChineseIsRejectedByLine()
    {
        using var t = new TempDir();
        var lines = File.ReadAllLines(Repo.Samples("households.jsonl"));
        t.WriteBytes("gb.jsonl", Gb18030().GetBytes(string.Join("\n", lines) + "\n"));
        var rulesPath = Repo.Rules("civilized-household.yaml");

        t.Run("run", "--rules", rulesPath, "--input", Repo.Samples("households.jsonl"), "--out", "utf8.jsonl").ShouldExit(0).ShouldNotCrash();
        t.Run("run", "--rules", rulesPath, "--input", "gb.jsonl", "--out", "gb.jsonl.out.jsonl", "--encoding", "gb18030").ShouldExit(0).ShouldNotCrash();
        Assert.Equal(File.ReadAllBytes(t["utf8.jsonl"]), File.ReadAllBytes(t["gb.jsonl.out.jsonl"]));

        // read as UTF-8, each line holding Chinese text is rejected, naming its line
        var r = t.Run("run", "--rules", rulesPath, "--input", "gb.jsonl", "--out", "wrong.jsonl").ShouldNotCrash();
        var chinese = lines.Select((l, i) => (Line: i + 1L, Ascii: l.All(c => c < 128))).Where(x => !x.Ascii).Select(x => x.Line).ToArray();
        Assert.NotEmpty(chinese);
        var rejects = TestFiles.ParseJsonLines(t.Read("wrong.jsonl.rejects.jsonl"));
        Assert.Equal(chinese, rejects.Select(x => x.GetProperty("line").GetInt64()));
        Assert.All(rejects, x =>
        {
            Assert.Equal("SCR0507", x.GetProperty("code").GetString());
            Assert.Equal($"line {x.GetProperty("line").GetInt64()} is not valid UTF-8; use --encoding to name the file's encoding", x.GetProperty("reason").GetString());
        });
        Assert.Equal(3, r.ExitCode);
    }

    /// <summary>cadre-months.csv repeated to <paramref name="count"/> records with ids C-00001…; returns the sample row each came from.</summary>
    private static int[] WriteManyCadreMonths(TempDir t, string name, int count)
    {
        var sample = File.ReadAllLines(Repo.Samples("cadre-months.csv")).Where(l => l.Length > 0).ToArray();
        var source = new int[count];
        var sb = new StringBuilder(sample[0]).Append('\n');
        for (int i = 0; i < count; i++)
        {
            // a scrambled order of the sample rows, so neighbouring records differ
            source[i] = (int)((i * 7919L + 13) % (sample.Length - 1));
            var row = sample[1 + source[i]];
            sb.Append($"C-{i + 1:D5}").Append(row[row.IndexOf(',', StringComparison.Ordinal)..]).Append('\n');
        }
        t.Write(name, sb.ToString());
        return source;
    }

    [Fact]
    public void Run_Threads1And2AndMore_GiveByteIdenticalOutputs_InInputOrder()
    {
        using var t = new TempDir();
        const int count = 9_000; // more than two of the batch scorer's chunks (4 096 records)
        var source = WriteManyCadreMonths(t, "in.csv", count);

        foreach (var threads in new[] { "1", "2", "8" })
        {
            var r = t.Run("run", "--rules", Repo.TenStarRules, "--input", "in.csv", "--out", $"t{threads}.jsonl", "--threads", threads, "--explain").ShouldExit(0).ShouldNotCrash();
            Assert.Equal($"read {count}, scored {count}, rejected 0", Assert.Single(r.StderrLines));
            t.Run("run", "--rules", Repo.TenStarRules, "--input", "in.csv", "--out", $"t{threads}.csv", "--threads", threads).ShouldExit(0);
        }
        Assert.Equal(File.ReadAllBytes(t["t1.jsonl"]), File.ReadAllBytes(t["t2.jsonl"]));
        Assert.Equal(File.ReadAllBytes(t["t1.jsonl"]), File.ReadAllBytes(t["t8.jsonl"]));
        Assert.Equal(File.ReadAllBytes(t["t1.csv"]), File.ReadAllBytes(t["t2.csv"]));
        Assert.Equal(File.ReadAllBytes(t["t1.csv"]), File.ReadAllBytes(t["t8.csv"]));

        // in input order, and each record scored as its sample row is
        t.Run("run", "--rules", Repo.TenStarRules, "--input", Repo.Samples("cadre-months.csv"), "--out", "sample.jsonl", "--explain").ShouldExit(0);
        var expected = TestFiles.ParseJsonLines(t.Read("sample.jsonl"));
        var results = TestFiles.ParseJsonLines(t.Read("t2.jsonl"));
        Assert.Equal(Enumerable.Range(1, count).Select(i => $"C-{i:D5}"), results.Select(x => x.Id()));
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(expected[source[i]].GetProperty("outcomes").GetRawText(), results[i].GetProperty("outcomes").GetRawText());
            Assert.Equal(expected[source[i]].GetProperty("explanation").GetRawText(), results[i].GetProperty("explanation").GetRawText());
        }

        // to stdout too
        var s = t.Run("run", "--rules", Repo.TenStarRules, "--input", "in.csv", "--threads", "2", "--explain").ShouldExit(0);
        Assert.Equal(t.Read("t1.jsonl"), s.Stdout);
    }

    [Fact]
    public void Run_Threads_JsonlInput_SameOutputWhateverTheThreads()
    {
        using var t = new TempDir();
        var sample = File.ReadAllLines(Repo.Samples("cadre-months.jsonl")).Where(l => l.Length > 0).ToArray();
        var sb = new StringBuilder();
        for (int i = 0; i < 5_000; i++)
        {
            var o = System.Text.Json.Nodes.JsonNode.Parse(sample[(i * 31) % sample.Length])!.AsObject();
            o["cadre_id"] = $"J-{i:D5}";
            sb.Append(o.ToJsonString()).Append('\n');
        }
        t.Write("in.jsonl", sb.ToString());
        t.Run("run", "--rules", Repo.TenStarRules, "--input", "in.jsonl", "--out", "a.csv", "--threads", "1").ShouldExit(0).ShouldNotCrash();
        t.Run("run", "--rules", Repo.TenStarRules, "--input", "in.jsonl", "--out", "b.csv", "--threads", "2").ShouldExit(0).ShouldNotCrash();
        t.Run("run", "--rules", Repo.TenStarRules, "--input", "in.jsonl", "--out", "c.csv").ShouldExit(0).ShouldNotCrash(); // default: every processor
        Assert.Equal(File.ReadAllBytes(t["a.csv"]), File.ReadAllBytes(t["b.csv"]));
        Assert.Equal(File.ReadAllBytes(t["a.csv"]), File.ReadAllBytes(t["c.csv"]));
        Assert.Equal(Enumerable.Range(0, 5_000).Select(i => $"J-{i:D5}"), TestFiles.FirstColumn(t["a.csv"]));
    }
}
