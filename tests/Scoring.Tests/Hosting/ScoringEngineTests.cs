using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scoring.Hosting;
using Scoring.Tests.Support;

namespace Scoring.Tests.Hosting;

public class ScoringEngineTests : IDisposable
{
    private readonly ServiceProvider _provider = new ServiceCollection()
        .AddScoring(o => o.AddRuleSetsFromDirectory(RepoPaths.RulesDir))
        .BuildServiceProvider();

    private IScoringEngine Engine => _provider.GetRequiredService<IScoringEngine>();

    public void Dispose() => _provider.Dispose();

    private static JsonElement WorkedExampleH77()
    {
        var line = File.ReadLines(Path.Combine(RepoPaths.Root, "samples", "aid-households.jsonl")).First(l => l.Contains("\"H-77\"", StringComparison.Ordinal));
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    [Fact]
    public void Evaluate_WorkedExample_GivesThePolicyNumbers_AndExplains()
    {
        var result = Engine.Evaluate("aid-eligibility", WorkedExampleH77(), new ScoringRequest { AsOf = new DateOnly(2023, 8, 15), Explain = true });
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(ScoringStatus.Scored, result.Status);
        Assert.Equal("aid-eligibility", result.RuleSet!.RuleSet.Id);
        var e = result.Evaluation!;
        Assert.Equal("H-77", e.Key);
        Assert.Equal(470m, e["dibao"]["amount"].AsNumber);
        Assert.Equal("eligible_missing_documents", e["dibao"]["status"].AsText);
        Assert.Equal(6360m, e["temporary_relief"]["amount"].AsNumber);
        Assert.Equal(7350m, e["medical_aid"]["amount"].AsNumber);
        Assert.Equal("included", e["monitoring"]["status"].AsText);
        Assert.NotNull(e.Explanation);
        Assert.Contains(e.Explanation!.Items, i => i.Key == "dibao" && i.IsOutcome);
        Assert.Contains("470", result.FormatExplanation());
    }

    [Fact]
    public void Evaluate_Dictionary_UsesTheNewestVersion_OrTheOneAskedFor()
    {
        var record = new Dictionary<string, object?>
        {
            ["settlement_id"] = "S-001", ["name"] = "幸福社区移民新区", ["county"] = "大宁县",
            ["residents"] = 4689, ["households"] = 1538, ["full_party_members"] = 35, ["garden_area_m2"] = 25000m,
        };
        var result = Engine.Evaluate("settlement-services", record);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("独立党支部", result.Evaluation!["party_organisation"].AsText);
        Assert.Null(result.Evaluation.Explanation);
        Assert.Null(result.FormatExplanation());

        var version = result.RuleSet!.RuleSet.Version;
        Assert.True(Engine.Evaluate("settlement-services", record, new ScoringRequest { Version = version }).Succeeded);
        var wrong = Engine.Evaluate("settlement-services", record, new ScoringRequest { Version = version + "-nope" });
        Assert.Equal(ScoringStatus.UnknownRuleSet, wrong.Status);
        Assert.Contains("version", wrong.Message);
    }

    [Fact]
    public void Evaluate_UnknownRuleSet_IsReportedNotThrown()
    {
        var result = Engine.Evaluate("no-such-rules", JsonDocument.Parse("{}").RootElement);
        Assert.Equal(ScoringStatus.UnknownRuleSet, result.Status);
        Assert.Null(result.RuleSet);
        Assert.Contains("no-such-rules", result.Message);
    }

    [Fact]
    public void Evaluate_BadFields_AreRejectedNamingEachField()
    {
        using var doc = JsonDocument.Parse("""{"settlement_id":"S-9","name":"x","county":"大宁县","residents":"many","households":10,"garden_area_m2":1}""");
        var result = Engine.Evaluate("settlement-services", doc.RootElement);
        Assert.Equal(ScoringStatus.Rejected, result.Status);
        Assert.Contains(result.FieldErrors, f => f.Field == "residents");
        Assert.Contains(result.FieldErrors, f => f.Field == "full_party_members" && f.Message.Contains("missing", StringComparison.Ordinal));
        Assert.False(result.Evaluation!.Succeeded);
    }

    [Fact]
    public void Evaluate_WithoutTheAsOfDateItNeeds_IsAnInvalidRequest()
    {
        var result = Engine.Evaluate("aid-eligibility", WorkedExampleH77());
        Assert.Equal(ScoringStatus.InvalidRequest, result.Status);
        Assert.Contains("as-of", result.Message);
        Assert.NotEmpty(result.RequestErrors);

        var unknownParam = Engine.Evaluate("aid-eligibility", WorkedExampleH77(), new ScoringRequest
        {
            AsOf = new DateOnly(2023, 8, 15),
            Parameters = new Dictionary<string, decimal> { ["no_such_param"] = 1 },
        });
        Assert.Equal(ScoringStatus.InvalidRequest, unknownParam.Status);
        Assert.Contains("no_such_param", unknownParam.Message);
    }

    [Fact]
    public void Engine_IsASingletonOverTheRegisteredCatalog()
    {
        Assert.Same(Engine, _provider.GetRequiredService<IScoringEngine>());
        Assert.Same(_provider.GetRequiredService<IScoringCatalog>(), Engine.Catalog);
        Assert.Same(_provider.GetRequiredService<ScoringCatalog>(), Engine.Catalog);
    }
}
