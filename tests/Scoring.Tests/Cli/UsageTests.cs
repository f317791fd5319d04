namespace Scoring.Tests.Cli;

/// <summary>Starting the tool, help, and usage errors (exit 2).</summary>
public sealed class UsageTests
{
    [Fact]
    public void ScoringDll_IsNextToTheTests_WithItsRuntimeConfig()
    {
        var dir = Path.GetDirectoryName(CliRunner.ScoringDll)!;
        Assert.True(File.Exists(Path.Combine(dir, "scoring.runtimeconfig.json")));
        Assert.True(File.Exists(Path.Combine(dir, "scoring.deps.json")));
    }

    [Fact]
    public void Help_ListsEveryCommandAndTheExitCodes_Exit0()
    {
        using var t = new TempDir();
        var r = t.Run("--help").ShouldExit(0).ShouldNotCrash();
        foreach (var cmd in new[] { "scoring validate", "scoring test", "scoring run", "scoring explain" })
            Assert.Contains(cmd, r.Stdout);
        Assert.Contains("exit codes: 0 success; 1", r.Stdout);
        Assert.Contains("2 usage error; 3 run completed but some records were rejected", r.Stdout);
    }

    [Theory]
    [InlineData("validate", "--help")]
    [InlineData("test", "-h")]
    [InlineData("run", "--help")]
    [InlineData("run", "-h")]
    [InlineData("explain", "--help")]
    public void CommandHelp_PrintsTheCommandsOwnHelp_Exit0(string command, string flag)
    {
        using var t = new TempDir();
        var top = t.Run("--help").ShouldExit(0);
        var r = t.Run(command, flag).ShouldExit(0).ShouldNotCrash();
        // issue #10: a command's --help is its own help now, not the global one (this assertion was Assert.Equal)
        Assert.NotEqual(top.Stdout, r.Stdout);
        Assert.Empty(r.Stderr);
        Assert.Contains($"scoring {command} ", r.Stdout);
        // the command's usage block of the global help, and no other command's
        foreach (var other in new[] { "validate", "test", "run", "explain" })
            Assert.Equal(other == command, r.Stdout.Contains($"\n  scoring {other} ", StringComparison.Ordinal));
        Assert.Contains("exit codes: 0 success; 1", r.Stdout);
    }

    [Fact]
    public void CommandHelp_AmongOtherOptions_PrintsTheHelp_AndDoesNothingElse()
    {
        using var t = new TempDir();
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--out", "out.jsonl", "--help").ShouldExit(0).ShouldNotCrash();
        Assert.Contains("scoring run --rules <file> --input <file.csv|file.jsonl>", r.Stdout);
        Assert.Empty(r.Stderr);
        Assert.Empty(t.Files());
    }

    [Fact]
    public void Help_DescribesTheRunAndExplainOptions()
    {
        using var t = new TempDir();
        var r = t.Run("--help").ShouldExit(0);
        foreach (var option in new[] { "--rules", "--input", "--out", "--as-of", "--param", "--explain", "--threads N", "--encoding utf-8|gb18030", "--id", "--match field=value" })
            Assert.Contains(option, r.Stdout);
    }

    [Fact]
    public void Version_PrintsAVersion_Exit0()
    {
        using var t = new TempDir();
        var r = t.Run("--version").ShouldExit(0);
        Assert.Matches(@"^\d+\.\d+\.\d+", r.Stdout.Trim());
    }

    [Fact]
    public void NoArguments_PrintsUsage_Exit2()
    {
        using var t = new TempDir();
        var r = t.Run().ShouldExit(2).ShouldNotCrash();
        Assert.Contains("usage:", r.Stdout + r.Stderr);
    }

    [Fact]
    public void UnknownCommand_Exit2_NamesIt()
    {
        using var t = new TempDir();
        var r = t.Run("frobnicate", "rules").ShouldExit(2).ShouldNotCrash();
        Assert.Equal("scoring: unknown command 'frobnicate'; see 'scoring --help'", Assert.Single(r.StderrLines));
        Assert.Empty(r.Stdout);
    }

    [Theory]
    [InlineData("validate", "--strict")]
    [InlineData("test", "--verbose")]
    public void UnknownOptionOfValidateOrTest_Exit2_NamesIt(string command, string option)
    {
        using var t = new TempDir();
        var r = t.Run(command, option, Repo.SettlementRules).ShouldExit(2).ShouldNotCrash();
        Assert.Equal($"scoring: unknown option '{option}'", Assert.Single(r.StderrLines));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("explain")]
    public void UnknownOptionOfRunOrExplain_Exit2_NamesIt(string command)
    {
        using var t = new TempDir();
        var r = t.Run(command, "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--id", "S-001", "--bogus")
            .ShouldExit(2).ShouldNotCrash();
        // explain has --id; run does not, so for run the first unknown option is --id
        var expected = command == "run" ? "--id" : "--bogus";
        Assert.Equal($"scoring: unknown option '{expected}' for '{command}'; see 'scoring --help'", Assert.Single(r.StderrLines));
        Assert.Empty(t.Files());
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("test")]
    public void ValidateOrTest_WithoutPaths_Exit2(string command)
    {
        using var t = new TempDir();
        var r = t.Run(command).ShouldExit(2).ShouldNotCrash();
        Assert.Equal("scoring: name at least one rule file or directory", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Run_WithoutRules_Exit2()
    {
        using var t = new TempDir();
        var r = t.Run("run", "--input", Repo.Samples("settlements.csv")).ShouldExit(2).ShouldNotCrash();
        Assert.Equal("scoring: run needs --rules <file>", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Run_WithoutInput_Exit2()
    {
        using var t = new TempDir();
        var r = t.Run("run", "--rules", Repo.SettlementRules).ShouldExit(2).ShouldNotCrash();
        Assert.Equal("scoring: run needs --input <file>", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Run_OptionWithoutItsValue_Exit2()
    {
        using var t = new TempDir();
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input").ShouldExit(2).ShouldNotCrash();
        Assert.Equal("scoring: --input needs a value", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Explain_WithoutId_Exit2()
    {
        using var t = new TempDir();
        var r = t.Run("explain", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv")).ShouldExit(2).ShouldNotCrash();
        Assert.Equal("scoring: explain needs --id <id>", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Run_OutputWithAnUnknownExtension_Exit2_AndNoFile()
    {
        using var t = new TempDir();
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--out", "out.txt")
            .ShouldExit(2).ShouldNotCrash();
        Assert.Contains("out.txt: output must be .csv, .jsonl or .xlsx", r.Stderr);
        Assert.Empty(t.Files());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1025")]
    [InlineData("two")]
    [InlineData("2.5")]
    public void Run_ThreadsNotAWholeNumberFrom1To1024_Exit2_AndNoFile(string value)
    {
        using var t = new TempDir();
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--out", "out.jsonl", "--threads", value)
            .ShouldExit(2).ShouldNotCrash();
        Assert.Equal($"scoring: --threads '{value}' must be a whole number from 1 to 1024", Assert.Single(r.StderrLines));
        Assert.Empty(t.Files());
    }

    [Fact]
    public void Explain_HasNoThreadsOption_Exit2()
    {
        using var t = new TempDir();
        var r = t.Run("explain", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--id", "S-001", "--threads", "2")
            .ShouldExit(2).ShouldNotCrash();
        Assert.Equal("scoring: unknown option '--threads' for 'explain'; see 'scoring --help'", Assert.Single(r.StderrLines));
    }

    [Theory]
    [InlineData("latin1")]
    [InlineData("utf-16")]
    [InlineData("")]
    public void Run_UnknownEncoding_Exit2_NamesIt_AndNoFile(string value)
    {
        using var t = new TempDir();
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--out", "out.jsonl", "--encoding", value)
            .ShouldExit(2).ShouldNotCrash();
        Assert.Equal($"scoring: unknown encoding '{value}'; use utf-8 or gb18030", Assert.Single(r.StderrLines));
        Assert.Empty(r.Stdout);
        Assert.Empty(t.Files());
    }
}
