namespace Scoring.Tests.Cli;

/// <summary><c>--as-of</c> and <c>--param</c> of <c>run</c> and <c>explain</c>.</summary>
public sealed class AsOfAndParamsTests
{
    /// <summary>Copies Data/params.yaml (dated, keyed parameter 'standard'; value-less 'year') and its input, then runs.</summary>
    private static CliResult RunParams(TempDir t, params string[] more)
    {
        t.CopyData("params.yaml");
        t.CopyData("params-input.csv");
        return t.Run(new[] { "run", "--rules", "params.yaml", "--input", "params-input.csv" }.Concat(more).ToArray());
    }

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("2024-02-30")]
    [InlineData("2024/01/01")]
    [InlineData("01-02-2024")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void AsOf_NotADate_Exit2(string value)
    {
        using var t = new TempDir();
        foreach (var command in new[] { "run", "explain" })
        {
            var args = new List<string> { command, "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--as-of", value };
            if (command == "explain") args.AddRange(new[] { "--id", "S-001" });
            var r = t.Run(args.ToArray()).ShouldExit(2).ShouldNotCrash();
            Assert.Equal($"scoring: --as-of '{value}' is not a date YYYY-MM-DD", Assert.Single(r.StderrLines));
            Assert.Empty(r.Stdout);
        }
        Assert.Empty(t.Files());
    }

    [Fact]
    public void AsOf_WithoutAValue_Exit2()
    {
        using var t = new TempDir();
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--as-of").ShouldExit(2).ShouldNotCrash();
        Assert.Equal("scoring: --as-of needs a value", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void AsOf_BeforeTheRuleSetIsInEffect_Exit1_AndNoOutput()
    {
        using var t = new TempDir();
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--out", "out.jsonl", "--as-of", "2023-12-31")
            .ShouldExit(1).ShouldNotCrash();
        // an error about the run, not about a line of the rule file: no file(line,col) prefix
        Assert.Equal(new[]
        {
            "error SCR0304: rule set 'settlement-services' is in effect 2024-01-01…, not on 2023-12-31",
            "scoring: the run cannot start",
        }, r.StderrLines);
        Assert.Empty(r.Stdout);
        Assert.Empty(t.Files());

        t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--out", "out.jsonl", "--as-of", "2024-01-01").ShouldExit(0);
    }

    [Fact]
    public void AsOf_SelectsTheParameterValueInForce_PerKey()
    {
        using var t = new TempDir();
        // 大宁县: 510 from 2023-01-01, 530 from 2023-07-01; other counties 480
        var june = TestFiles.ParseJsonLines(RunParams(t, "--as-of", "2023-06-30", "--param", "year=2023").ShouldExit(0).ShouldNotCrash().Stdout);
        Assert.Equal(-10m, june[0].Outcome("gap").GetDecimal()); // 510 - 520
        Assert.False(june[0].Outcome("below").GetBoolean());
        Assert.Equal(10m, june[1].Outcome("gap").GetDecimal());  // 480 - 470
        Assert.Equal(2023m, june[0].Outcome("year_used").GetDecimal());

        var july = TestFiles.ParseJsonLines(RunParams(t, "--as-of", "2023-07-01", "--param", "year=2023").ShouldExit(0).Stdout);
        Assert.Equal(10m, july[0].Outcome("gap").GetDecimal()); // 530 - 520
        Assert.True(july[0].Outcome("below").GetBoolean());
    }

    [Fact]
    public void AsOf_Missing_WhenTheRulesUseDatedParameters_Exit1_NamesThem_AndSaysToGiveOne()
    {
        using var t = new TempDir();
        var r = RunParams(t, "--param", "year=2023").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(new[]
        {
            "error SCR0301: rule set 'params-demo' needs the as-of date (dated parameters standard) and none was given (--as-of YYYY-MM-DD)",
            "scoring: the run cannot start",
        }, r.StderrLines);
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void AsOf_NotNeeded_WhenTheRunGivesEveryDatedParameter()
    {
        using var t = new TempDir();
        // 'standard' is the only dated parameter; given by the run, no as-of date is needed
        var r = RunParams(t, "--param", "year=2023", "--param", "standard=500").ShouldExit(0).ShouldNotCrash();
        Assert.Equal("read 2, scored 2, rejected 0", Assert.Single(r.StderrLines));
        var res = TestFiles.ParseJsonLines(r.Stdout);
        Assert.Equal(new[] { -20m, 30m }, res.Select(x => x.Outcome("gap").GetDecimal())); // 500 − 520, 500 − 470

        // nor by a rule set without dates at all
        t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--out", "out.jsonl").ShouldExit(0);
    }

    [Fact]
    public void AsOf_Missing_WhenTheRulesReadAsOf_Exit1_ForRunAndExplain()
    {
        using var t = new TempDir();
        t.Write("asof.yaml", """
            id: asof-demo
            name: as-of
            version: "1"
            subject:
              key: id
              fields:
                id: string
                born: date
            values:
              age_now:
                label: 年龄
                expr: age(born, as_of)
            outcomes: [age_now]
            """);
        t.Write("in.csv", "id,born\nA,2000-05-01\n");
        const string message = "error SCR0301: rule set 'asof-demo' needs the as-of date (its rules read as_of) and none was given (--as-of YYYY-MM-DD)";
        var r = t.Run("run", "--rules", "asof.yaml", "--input", "in.csv", "--out", "out.jsonl").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(new[] { message, "scoring: the run cannot start" }, r.StderrLines);
        var e = t.Run("explain", "--rules", "asof.yaml", "--input", "in.csv", "--id", "A").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(new[] { message, "scoring: the run cannot start" }, e.StderrLines);
        Assert.Empty(e.Stdout);
        Assert.Equal(new[] { "asof.yaml", "in.csv" }, t.Files());

        t.Run("run", "--rules", "asof.yaml", "--input", "in.csv", "--out", "out.jsonl", "--as-of", "2024-04-30").ShouldExit(0);
        Assert.Equal(23m, TestFiles.ParseJsonLines(t.Read("out.jsonl")).Single().Outcome("age_now").GetDecimal());
    }

    [Fact]
    public void AsOf_BeforeEveryValueOfAParameter_Exit1_NamesTheParameter()
    {
        using var t = new TempDir();
        var r = RunParams(t, "--as-of", "2022-06-01", "--param", "year=2023").ShouldExit(1).ShouldNotCrash();
        Assert.Contains("params.yaml(13,3): error SCR0302: parameter 'standard' has no value in force on 2022-06-01; its earliest value is from 2023-01-01", r.StderrLines);
    }

    [Fact]
    public void AsOf_AfterTheRuleSetEnds_Exit1()
    {
        using var t = new TempDir();
        var r = RunParams(t, "--as-of", "2025-01-01", "--param", "year=2023").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(new[]
        {
            "error SCR0304: rule set 'params-demo' is in effect 2022-01-01…2024-12-31, not on 2025-01-01",
            "scoring: the run cannot start",
        }, r.StderrLines);
    }

    [Fact]
    public void Param_UnknownName_Exit1_NamesIt()
    {
        using var t = new TempDir();
        // a rule set without any parameter
        var r = t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--out", "out.jsonl", "--param", "x=1")
            .ShouldExit(1).ShouldNotCrash();
        Assert.Equal(new[] { "error SCR0305: rule set 'settlement-services' has no parameter 'x'", "scoring: the run cannot start" }, r.StderrLines);
        Assert.Empty(t.Files());

        var e = t.Run("explain", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--id", "S-001", "--param", "x=1")
            .ShouldExit(1).ShouldNotCrash();
        Assert.Equal(new[] { "error SCR0305: rule set 'settlement-services' has no parameter 'x'", "scoring: the run cannot start" }, e.StderrLines);
        Assert.Empty(e.Stdout);
    }

    [Fact]
    public void Param_SeveralUnknownNames_AllReported_WithDidYouMean()
    {
        using var t = new TempDir();
        var r = RunParams(t, "--as-of", "2023-07-01", "--param", "year=2023", "--param", "x=1", "--param", "standrd=1").ShouldExit(1).ShouldNotCrash();
        Assert.Contains("error SCR0305: rule set 'params-demo' has no parameter 'x'", r.StderrLines);
        Assert.Contains("error SCR0305: rule set 'params-demo' has no parameter 'standrd'; did you mean 'standard'?", r.StderrLines);
        Assert.Equal(3, r.StderrLines.Length);
        Assert.Equal("scoring: the run cannot start", r.StderrLines[^1]);
    }

    [Fact]
    public void Param_RequiredButNotGiven_Exit1_SaysHowToGiveIt()
    {
        using var t = new TempDir();
        var r = RunParams(t, "--as-of", "2023-07-01").ShouldExit(1).ShouldNotCrash();
        Assert.Contains("params.yaml(21,3): error SCR0303: parameter 'year' has no values in the rule set, so the run must give it one (--param year=VALUE)", r.StderrLines);
    }

    [Fact]
    public void Param_OverridesADatedParameter()
    {
        using var t = new TempDir();
        var res = TestFiles.ParseJsonLines(RunParams(t, "--as-of", "2023-07-01", "--param", "year=2023", "--param", "standard=600").ShouldExit(0).Stdout);
        Assert.Equal(new[] { 80m, 130m }, res.Select(x => x.Outcome("gap").GetDecimal()));
    }

    [Fact]
    public void Param_IntegerParameterGivenAFraction_Exit1()
    {
        using var t = new TempDir();
        var r = RunParams(t, "--as-of", "2023-07-01", "--param", "year=2023.5").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(new[] { "error SCR0305: parameter 'year' is an integer; 2023.5 is not", "scoring: the run cannot start" }, r.StderrLines);
    }

    [Theory]
    [InlineData("year=abc")]
    [InlineData("year")]
    [InlineData("=5")]
    [InlineData("year=1e3")]
    [InlineData("year=")]
    public void Param_NotNameEqualsNumber_Exit2(string value)
    {
        using var t = new TempDir();
        var r = RunParams(t, "--as-of", "2023-07-01", "--param", value).ShouldExit(2).ShouldNotCrash();
        Assert.Equal($"scoring: --param '{value}' must be name=number", Assert.Single(r.StderrLines));
    }
}
