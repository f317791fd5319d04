using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Tests.Support;

namespace Scoring.Tests.Engine;

public class ParameterTests
{
    private const string Yaml = """
        id: params
        name: params
        version: "1"
        effective: { from: 2022-01-01, to: 2030-12-31 }
        subject:
          key: id
          fields:
            id: string
            county: string
            income: decimal
        parameters:
          std:
            type: decimal
            key: county
            values:
              - { from: 2023-01-01, key: 大宁县, value: 510 }
              - { from: 2023-07-01, key: 大宁县, value: 530 }
              - { from: 2023-01-01, value: 480 }
              - { from: 2024-01-01, value: 490 }
          factor:
            type: integer
            values:
              - { from: 2023-03-01, value: 2 }
          year:
            type: integer
          unused:
            type: decimal
        values:
          gap: std - income
          doubled: gap * factor
        outcomes: [gap, doubled]

        """;

    private static BuildResult<ScoringRun> CreateRun(DateOnly? asOf, params (string, decimal)[] parameters) =>
        TestRules.Compile(Yaml).CreateRun(new RunOptions
        {
            AsOf = asOf,
            Parameters = parameters.ToDictionary(p => p.Item1, p => p.Item2),
        });

    private static decimal Gap(BuildResult<ScoringRun> run, string county = "大宁县", decimal income = 0)
    {
        Assert.True(run.Succeeded, string.Join("; ", run.Diagnostics));
        var e = run.Value!.Evaluate(new Dictionary<string, object?> { ["id"] = "P", ["county"] = county, ["income"] = income });
        Assert.True(e.Succeeded, e.Error?.ToString());
        return e["gap"].AsNumber;
    }

    [Theory]
    [InlineData("2023-03-01", 510)]
    [InlineData("2023-06-30", 510)]   // the day before the next value
    [InlineData("2023-07-01", 530)]   // on its 'from' date
    [InlineData("2026-01-01", 530)]
    public void Parameter_KeyedValue_IsTheLatestNotAfterAsOf(string asOf, int expected)
    {
        Assert.Equal(expected, Gap(CreateRun(DateOnly.Parse(asOf))));
    }

    [Theory]
    [InlineData("2023-03-01", 480)]
    [InlineData("2023-12-31", 480)]
    [InlineData("2024-01-01", 490)]
    public void Parameter_OtherKey_UsesTheFallback(string asOf, int expected)
    {
        Assert.Equal(expected, Gap(CreateRun(DateOnly.Parse(asOf)), county: "古浪县"));
    }

    [Fact]
    public void Parameter_KeyMatchIsExact()
    {
        Assert.Equal(480m, Gap(CreateRun(new DateOnly(2023, 8, 1)), county: "大宁"));
    }

    [Fact]
    public void Parameter_InExpression_CombinesWithOtherParameters()
    {
        var run = CreateRun(new DateOnly(2023, 8, 1));
        var e = run.Value!.Evaluate(new Dictionary<string, object?> { ["id"] = "P", ["county"] = "大宁县", ["income"] = 30m });
        Assert.Equal(500m, e["gap"].AsNumber);
        Assert.Equal(1000m, e["doubled"].AsNumber);
    }

    [Fact]
    public void CreateRun_AsOfBeforeEveryValue_ReportsSCR0302NamingTheParameter()
    {
        var run = CreateRun(new DateOnly(2022, 12, 31));
        Assert.False(run.Succeeded);
        Assert.Equal(new[]
        {
            "test.yaml(12,3): error SCR0302: parameter 'std' has no value in force on 2022-12-31; its earliest value is from 2023-01-01",
            "test.yaml(20,3): error SCR0302: parameter 'factor' has no value in force on 2022-12-31; its earliest value is from 2023-03-01",
        }, run.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void CreateRun_AsOfBeforeTheOnlyValueOfSecondParameter_ReportsThatParameter()
    {
        var run = CreateRun(new DateOnly(2023, 2, 1));
        var d = Assert.Single(run.Diagnostics);
        Assert.Equal("test.yaml(20,3): error SCR0302: parameter 'factor' has no value in force on 2023-02-01; its earliest value is from 2023-03-01", d.ToString());
    }

    [Fact]
    public void CreateRun_OverrideOfParameter_ReplacesDatedValues()
    {
        Assert.Equal(999m, Gap(CreateRun(new DateOnly(2023, 8, 1), ("std", 999m))));
    }

    [Fact]
    public void CreateRun_OverrideOfParameter_AppliesEvenBeforeEveryDatedValue()
    {
        Assert.Equal(700m, Gap(CreateRun(new DateOnly(2022, 6, 1), ("std", 700m), ("factor", 1m))));
    }

    [Fact]
    public void CreateRun_NonIntegerOverrideOfIntegerParameter_ReportsSCR0305()
    {
        var run = CreateRun(new DateOnly(2023, 8, 1), ("factor", 1.5m));
        var d = Assert.Single(run.Diagnostics);
        Assert.Equal(DiagnosticCodes.InvalidParameter, d.Code);
        Assert.Equal("parameter 'factor' is an integer; 1.5 is not", d.Message);
    }

    [Fact]
    public void CreateRun_OverrideOfUnknownParameter_ReportsSCR0305WithSuggestion()
    {
        var run = CreateRun(new DateOnly(2023, 8, 1), ("factr", 2m));
        var d = Assert.Single(run.Diagnostics);
        Assert.Equal(DiagnosticCodes.InvalidParameter, d.Code);
        Assert.Equal("rule set 'params' has no parameter 'factr'; did you mean 'factor'?", d.Message);
    }

    [Fact]
    public void CreateRun_WithoutAsOfWhenDatedParametersAreUsed_ReportsSCR0301()
    {
        var run = CreateRun(null);
        var d = Assert.Single(run.Diagnostics);
        Assert.Equal(DiagnosticCodes.AsOfRequired, d.Code);
        Assert.StartsWith("rule set 'params' needs the as-of date (dated parameters ", d.Message);
        Assert.EndsWith("and none was given", d.Message);
        Assert.DoesNotContain("--", d.Message); // a library message: the command line adds its own hint
    }

    [Fact]
    public void CreateRun_WithoutAsOfWhenExpressionsUseAsOf_ReportsSCR0301()
    {
        var run = TestRules.Compile(Sandbox.Yaml("age(d, as_of)")).CreateRun(new RunOptions());
        Assert.Equal(DiagnosticCodes.AsOfRequired, Assert.Single(run.Diagnostics).Code);
    }

    [Fact]
    public void CreateRun_WithoutAsOfWhenNothingNeedsIt_Succeeds()
    {
        var run = TestRules.Compile(Sandbox.Yaml("x + 1")).CreateRun(new RunOptions());
        Assert.True(run.Succeeded);
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void CreateRun_AsOfOutsideEffectiveRange_ReportsSCR0304()
    {
        var run = CreateRun(new DateOnly(2031, 1, 1));
        Assert.Contains(run.Diagnostics, d => d.Code == DiagnosticCodes.NotInEffect &&
            d.Message == "rule set 'params' is in effect 2022-01-01…2030-12-31, not on 2031-01-01");
    }

    [Fact]
    public void CreateRun_UsedParameterWithoutValues_ReportsSCR0303()
    {
        var yaml = Yaml.Replace("doubled: gap * factor", "doubled: gap * factor * year");
        var run = TestRules.Compile(yaml).CreateRun(new RunOptions { AsOf = new DateOnly(2023, 8, 1) });
        var d = Assert.Single(run.Diagnostics);
        Assert.Equal(DiagnosticCodes.ParameterMissing, d.Code);
        Assert.Equal("parameter 'year' has no values in the rule set, so the run must give it one", d.Message);
        var given = TestRules.Compile(yaml).CreateRun(new RunOptions { AsOf = new DateOnly(2023, 8, 1), Parameters = new Dictionary<string, decimal> { ["year"] = 2023 } });
        Assert.True(given.Succeeded);
    }

    [Fact]
    public void CreateRun_UnusedParameterWithoutValues_IsNotRequired()
    {
        Assert.True(CreateRun(new DateOnly(2023, 8, 1)).Succeeded);
    }

    [Fact]
    public void Evaluate_KeyedParameterWithoutFallbackForUnknownKey_RejectsTheRecord()
    {
        var yaml = Yaml.Replace("      - { from: 2023-01-01, value: 480 }\n      - { from: 2024-01-01, value: 490 }\n", "");
        var run = TestRules.Compile(yaml).CreateRun(new RunOptions { AsOf = new DateOnly(2023, 8, 1) });
        Assert.True(run.Succeeded, string.Join("; ", run.Diagnostics));
        var ok = run.Value!.Evaluate(new Dictionary<string, object?> { ["id"] = "P1", ["county"] = "大宁县", ["income"] = 0m });
        Assert.Equal(530m, ok["gap"].AsNumber);
        var e = run.Value!.Evaluate(new Dictionary<string, object?> { ["id"] = "P2", ["county"] = "古浪县", ["income"] = 0m });
        Assert.Equal(DiagnosticCodes.ParameterNotInForce, e.Error!.Code);
        Assert.Equal("parameter 'std' has no value for county '古浪县' on 2023-08-01 and no fallback", e.Error.Message);
    }

    [Fact]
    public void Load_ParameterValueForKeyWithoutKeyField_ReportsSCR0004()
    {
        var yaml = Yaml.Replace("    key: county\n", "");
        var codes = TestRules.Codes(yaml);
        Assert.Equal(new[] { "SCR0004", "SCR0004" }, codes);
    }

    [Fact]
    public void Load_TwoValuesFromTheSameDay_ReportsSCR0005()
    {
        var yaml = Yaml.Replace("      - { from: 2024-01-01, value: 490 }", "      - { from: 2023-01-01, value: 490 }");
        var d = Assert.Single(TestRules.Load(yaml).Diagnostics);
        Assert.Equal("test.yaml(19,9): error SCR0005: parameter 'std' has two values from 2023-01-01", d.ToString());
    }
}
