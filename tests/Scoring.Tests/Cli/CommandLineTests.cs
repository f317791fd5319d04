namespace Scoring.Tests.Cli;

/// <summary>The command line on System.CommandLine: per-command help, <c>--opt=value</c>, "did you mean", completion, isolation of in-process runs.</summary>
public sealed class CommandLineTests
{
    private static readonly string[] RunOptions = { "--rules", "--input", "--out", "--as-of", "--param", "--explain", "--threads", "--encoding", "--children" };

    [Fact]
    public void RunHelp_DescribesEveryOptionOfRun_AndNothingOfTheOtherCommands()
    {
        using var t = new TempDir();
        var r = t.Run("run", "--help").ShouldExit(0).ShouldNotCrash();
        Assert.StartsWith("scoring run — ", r.Stdout);
        var options = r.Stdout[r.Stdout.IndexOf("\noptions:\n", StringComparison.Ordinal)..];
        foreach (var o in RunOptions) Assert.Contains($"\n  {o} ", options);
        Assert.Contains("\n  -h, --help ", options);
        Assert.DoesNotContain("--id", r.Stdout);
        Assert.DoesNotContain("--match", r.Stdout);
        Assert.DoesNotContain("scoring validate", r.Stdout);
    }

    [Fact]
    public void ExplainHelp_HasIdAndMatch_ButNotTheOptionsOfRun()
    {
        using var t = new TempDir();
        var r = t.Run("explain", "-h").ShouldExit(0).ShouldNotCrash();
        Assert.Contains("\n  --id <id> ", r.Stdout);
        Assert.Contains("\n  --match field=value ", r.Stdout);
        foreach (var o in new[] { "--out", "--threads", "--explain" }) Assert.DoesNotContain($"\n  {o} ", r.Stdout);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("run")]
    [InlineData("explain")]
    public void HelpCommand_WithACommand_PrintsThatCommandsHelp(string command)
    {
        using var t = new TempDir();
        Assert.Equal(t.Run(command, "--help").ShouldExit(0).Stdout, t.Run("help", command).ShouldExit(0).Stdout);
    }

    [Fact]
    public void HelpCommand_AloneOrWithAnythingElse_PrintsTheGlobalHelp()
    {
        using var t = new TempDir();
        var top = t.Run("--help").ShouldExit(0);
        Assert.Equal(top.Stdout, t.Run("help").ShouldExit(0).Stdout);
        Assert.Equal(top.Stdout, t.Run("help", "frobnicate").ShouldExit(0).Stdout);
        Assert.Equal(top.Stdout, t.Run("-h").ShouldExit(0).Stdout);
        Assert.Contains("scoring <command> --help", top.Stdout);
    }

    [Fact]
    public void Version_AsOptionOrCommand_PrintsTheSameVersion()
    {
        using var t = new TempDir();
        var option = t.Run("--version").ShouldExit(0);
        Assert.Equal(option.Stdout, t.Run("version").ShouldExit(0).Stdout);
        Assert.Empty(option.Stderr);
    }

    [Fact]
    public void OptionEqualsValue_IsTheSameAsOptionSpaceValue()
    {
        using var t = new TempDir();
        t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--out", "spaced.csv", "--threads", "2").ShouldExit(0);
        var r = t.Run("run", $"--rules={Repo.SettlementRules}", $"--input={Repo.Samples("settlements.csv")}", "--out=equals.csv", "--threads=2").ShouldExit(0).ShouldNotCrash();
        Assert.Equal("read 30, scored 30, rejected 0", Assert.Single(r.StderrLines));
        Assert.Equal(t.Read("spaced.csv"), t.Read("equals.csv"));
        // a value that itself holds '=' or ':' keeps them
        var e = t.Run("explain", $"--rules={Repo.TenStarRules}", $"--input={Repo.Samples("cadre-months.csv")}", "--id=C-017", "--match=month=2023-05").ShouldExit(0).ShouldNotCrash();
        Assert.Contains("2023-05", e.Stdout);
    }

    [Fact]
    public void OptionEqualsBadValue_IsReportedAsForASpacedValue()
    {
        using var t = new TempDir();
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--threads=two").ShouldExit(2).ShouldNotCrash();
        Assert.Equal("scoring: --threads 'two' must be a whole number from 1 to 1024", Assert.Single(r.StderrLines));
    }

    [Theory]
    [InlineData("--rulez", "--rules")]
    [InlineData("--inptu", "--input")]
    [InlineData("--thread", "--threads")]
    [InlineData("-out", "--out")]
    [InlineData("--explian", "--explain")]
    public void MisspeltOption_IsNamed_WithTheOptionMeant(string typo, string meant)
    {
        using var t = new TempDir();
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), typo, "x").ShouldExit(2).ShouldNotCrash();
        Assert.Equal(new[] { $"scoring: unknown option '{typo}' for 'run'; see 'scoring --help'", $"scoring: did you mean '{meant}'?" }, r.StderrLines);
        Assert.Empty(t.Files());
    }

    [Fact]
    public void MisspeltOptionWithEqualsValue_IsComparedByItsName()
    {
        using var t = new TempDir();
        var r = t.Run("explain", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--idd=S-001").ShouldExit(2).ShouldNotCrash();
        Assert.Equal(new[] { "scoring: unknown option '--idd=S-001' for 'explain'; see 'scoring --help'", "scoring: did you mean '--id'?" }, r.StderrLines);
    }

    [Theory]
    [InlineData("valdate", "validate")]
    [InlineData("tset", "test")]
    [InlineData("runn", "run")]
    [InlineData("explian", "explain")]
    public void MisspeltCommand_IsNamed_WithTheCommandMeant(string typo, string meant)
    {
        using var t = new TempDir();
        var r = t.Run(typo, "rules").ShouldExit(2).ShouldNotCrash();
        Assert.Equal(new[] { $"scoring: unknown command '{typo}'; see 'scoring --help'", $"scoring: did you mean '{meant}'?" }, r.StderrLines);
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void Suggest_CompletesCommandsOptionsAndValues_ForDotnetSuggest()
    {
        using var t = new TempDir();
        string[] Complete(string line) => t.Run($"[suggest:{line.Length}]", line).ShouldExit(0).StdoutLines;
        var commands = Complete("scoring ");
        foreach (var c in new[] { "validate", "test", "run", "explain" }) Assert.Contains(c, commands);
        Assert.DoesNotContain("version", commands); // hidden: --version is the way in
        Assert.Equal(new[] { "explain" }, Complete("scoring exp"));
        var options = Complete("scoring run --");
        foreach (var o in RunOptions) Assert.Contains(o, options);
        Assert.DoesNotContain("--id", options);
        Assert.Equal(new[] { "gb18030", "utf-8" }, Complete("scoring run --encoding "));
    }

    [Fact]
    public async Task InProcessRuns_ResolveRelativePathsAgainstTheirOwnDirectory_InParallel()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        a.Write("in.csv", File.ReadAllText(Repo.Samples("settlements.csv")));
        b.Write("in.csv", string.Join("\n", File.ReadAllLines(Repo.Samples("settlements.csv")).Take(4)) + "\n");
        File.Copy(Repo.SettlementRules, a["r.yaml"]);
        File.Copy(Repo.SettlementRules, b["r.yaml"]);
        var runs = new[] { a, b, a, b }.Select(t => Task.Run(() => t.Run("run", "--rules", "r.yaml", "--input", "in.csv", "--out", Guid.NewGuid().ToString("N") + ".csv"))).ToArray();
        var results = await Task.WhenAll(runs);
        Assert.Equal("read 30, scored 30, rejected 0", Assert.Single(results[0].ShouldExit(0).StderrLines));
        Assert.Equal("read 3, scored 3, rejected 0", Assert.Single(results[1].ShouldExit(0).StderrLines));
        Assert.Equal("read 30, scored 30, rejected 0", Assert.Single(results[2].ShouldExit(0).StderrLines));
        Assert.Equal("read 3, scored 3, rejected 0", Assert.Single(results[3].ShouldExit(0).StderrLines));
    }

    [Fact]
    public void Diagnostics_NameTheRuleFileAsGiven_RelativeToTheRunsDirectory()
    {
        using var t = new TempDir();
        t.CopyData(Path.Combine("validate", "type-error.yaml"), Path.Combine("rules", "sub", "type-error.yaml"));
        var r = t.Run("validate", "rules").ShouldExit(1).ShouldNotCrash();
        var path = Path.Combine("rules", "sub", "type-error.yaml");
        Assert.Equal($"{path}(10,10): error SCR0202: '+' cannot combine integer and text", Assert.Single(r.StderrLines));
        Assert.Equal($"FAIL {path}: 1 error", Assert.Single(r.StdoutLines));
        var dotted = t.Run("validate", "./rules/").ShouldExit(1);
        Assert.StartsWith($"./rules/sub/type-error.yaml(10,10): ", Assert.Single(dotted.StderrLines));
    }

    [Fact]
    public void AnEmptyRuleFileName_IsAnError_NotACrash()
    {
        using var t = new TempDir();
        var v = t.Run("validate", "").ShouldExit(1).ShouldNotCrash();
        Assert.Equal("<input>(1,1): error SCR0008: cannot read the file: the name is empty", Assert.Single(v.StderrLines));
        var r = t.Run("run", "--rules", "", "--input", Repo.Samples("settlements.csv")).ShouldExit(1).ShouldNotCrash();
        Assert.Equal("scoring: : the rule file is invalid", r.StderrLines[^1]);
    }
}
