using Scoring.Rules;
using Scoring.Tests.Support;

namespace Scoring.Tests.Rules;

/// <summary>Every rules/*.yaml loads without diagnostics and passes its own YAML test cases.</summary>
public class ShippedRuleFilesTests
{
    private static string[] Names() =>
        RuleFileLoader.FindRuleFiles(new[] { RepoPaths.RulesDir }).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> RuleFiles() => new(Names());

    private static RuleFile Load(string fileName) => RuleFileLoader.Load(RepoPaths.Rule(fileName));

    [Fact]
    public void RulesFolder_ContainsTheShippedRuleFiles()
    {
        var names = Names();
        Assert.Contains("settlement-services.yaml", names);
        Assert.Contains("ten-star-cadre-monthly.yaml", names);
    }

    [Theory]
    [MemberData(nameof(RuleFiles))]
    public void Load_ShippedRuleFile_HasNoDiagnostics(string fileName)
    {
        var file = Load(fileName);
        Assert.Empty(file.Diagnostics.Select(d => d.ToString()));
        Assert.True(file.Succeeded);
        Assert.NotEmpty(file.RuleSet!.Outcomes);
    }

    [Theory]
    [MemberData(nameof(RuleFiles))]
    public void Test_ShippedRuleFile_PassesItsOwnTestCases(string fileName)
    {
        var file = Load(fileName);
        Assert.True(file.Succeeded, string.Join("\n", file.Diagnostics));
        Assert.NotEmpty(file.Tests);
        var results = TestRunner.Run(file, CompiledRuleSet.Compile(file.RuleSet!));
        Assert.Equal(file.Tests.Count, results.Count);
        var failures = results.Where(r => !r.Passed).Select(r => $"{r.Test.Name}: {string.Join("; ", r.Failures)}").ToArray();
        Assert.Empty(failures);
    }

    [Fact]
    public void TestRunner_WrongExpectation_IsReportedAsAFailure()
    {
        // the runner used above must be able to fail: a test case with a wrong expectation
        var yaml = File.ReadAllText(RepoPaths.Rule("settlement-services.yaml"))
            .Replace("garden_shortfall_m2: 5760          # 20 × 1538 − 25000", "garden_shortfall_m2: 5761");
        var file = RuleFileLoader.LoadText(yaml, "settlement-services.yaml");
        var results = TestRunner.Run(file, CompiledRuleSet.Compile(file.RuleSet!));
        var failed = Assert.Single(results, r => !r.Passed);
        Assert.Equal("garden_shortfall_m2: expected 5761, actual 5760", Assert.Single(failed.Failures));
    }

    [Fact]
    public void TestRunner_ExpectedErrorThatDoesNotHappen_IsReportedAsAFailure()
    {
        var yaml = File.ReadAllText(RepoPaths.Rule("settlement-services.yaml"))
            .Replace("expect_error: residents\n", "expect_error: nonexistent_field\n");
        var file = RuleFileLoader.LoadText(yaml, "settlement-services.yaml");
        var results = TestRunner.Run(file, CompiledRuleSet.Compile(file.RuleSet!));
        var failed = results.Where(r => !r.Passed).ToArray();
        Assert.NotEmpty(failed);
        Assert.All(failed, f => Assert.StartsWith("expected an error mentioning 'nonexistent_field', got: SCR05", f.Failures[0]));
    }

    [Fact]
    public void Settlement_PolicyExample_GivesTheDocumentedOutcomes()
    {
        var run = TestRules.Run(File.ReadAllText(RepoPaths.Rule("settlement-services.yaml")), new DateOnly(2024, 6, 1));
        var e = run.Evaluate(new Dictionary<string, object?>
        {
            ["settlement_id"] = "S-001", ["name"] = "幸福社区移民新区", ["county"] = "大宁县",
            ["residents"] = 4689, ["households"] = 1538, ["full_party_members"] = 35, ["garden_area_m2"] = 25000m,
        });
        Assert.Equal(
            "party_organisation=独立党支部, service_centre=一站式服务中心, five_connections_required=true, garden_ok=false, garden_shortfall_m2=5760",
            string.Join(", ", e.Outcomes.Select(o => $"{o.Key}={o.Value}")));
    }

    [Fact]
    public void TenStar_PolicyExample_GivesEightStars()
    {
        var run = TestRules.Run(File.ReadAllText(RepoPaths.Rule("ten-star-cadre-monthly.yaml")), new DateOnly(2023, 6, 1));
        var e = run.Evaluate(new Dictionary<string, object?>
        {
            ["cadre_id"] = "C-017", ["team"] = "first_secretary", ["month"] = "2023-05", ["days_on_post"] = 21, ["required_days"] = 22,
            ["leave_approved"] = true, ["skills_test_score"] = 85, ["tasks_assigned"] = 10, ["tasks_completed"] = 9,
            ["households_assigned"] = 30, ["households_visited"] = 30, ["hardships_reported"] = 5, ["hardships_resolved"] = 4,
            ["households_income_up"] = 29, ["satisfaction_score"] = 91.5m, ["policy_sessions"] = 1, ["jobs_or_industry_linked"] = 0,
            ["log_complete"] = true, ["discipline_violation"] = false,
        });
        Assert.Equal(8m, e["stars"].AsNumber);
        Assert.False(e["policy"].AsBoolean);
        Assert.False(e["employment"].AsBoolean);
    }
}
