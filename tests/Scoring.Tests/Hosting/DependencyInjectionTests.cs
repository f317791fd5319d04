using Microsoft.Extensions.DependencyInjection;
using Scoring.Hosting;
using Scoring.Tests.Support;

namespace Scoring.Tests.Hosting;

public class DependencyInjectionTests
{
    [Fact]
    public void AddScoring_RulesDirectory_RegistersACatalogOfEveryRuleSet()
    {
        using var provider = new ServiceCollection()
            .AddScoring(o => o.AddRuleSetsFromDirectory(RepoPaths.RulesDir))
            .BuildServiceProvider();
        var catalog = provider.GetRequiredService<IScoringCatalog>();
        Assert.Same(catalog, provider.GetRequiredService<IScoringCatalog>());
        Assert.Contains(catalog.RuleSets, r => r.RuleSet.Id == "settlement-services");
        Assert.Contains(catalog.RuleSets, r => r.RuleSet.Id == "aid-eligibility");

        var rules = catalog.Get("settlement-services");
        var run = rules.CreateRun(new RunOptions()).GetValueOrThrow();
        var result = run.Evaluate(new Dictionary<string, object?>
        {
            ["settlement_id"] = "S-001", ["name"] = "幸福社区移民新区", ["county"] = "大宁县",
            ["residents"] = 4689, ["households"] = 1538, ["full_party_members"] = 35, ["garden_area_m2"] = 25000m,
        });
        Assert.Equal("独立党支部", result["party_organisation"].AsText);
        Assert.Equal(5760m, result["garden_shortfall_m2"].AsNumber);
    }

    [Fact]
    public void AddScoring_UnknownId_ThrowsNamingTheKnownOnes()
    {
        var catalog = new ScoringCatalog(new ScoringOptions().AddRuleSetFile(RepoPaths.Rule("settlement-services.yaml")));
        Assert.False(catalog.TryGet("nope", out _));
        var ex = Assert.Throws<KeyNotFoundException>(() => catalog.Get("nope"));
        Assert.Contains("settlement-services", ex.Message);
    }

    [Fact]
    public void AddScoring_InvalidRuleFile_FailsStartupWithEveryDiagnostic()
    {
        var dir = Directory.CreateTempSubdirectory("scoring-di-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "bad.yaml"), "id: bad\nname: b\nversion: \"1\"\nsubject: { key: id, fields: { id: string } }\nvalues: { v: nope + 1 }\noutcomes: [v, w]\n");
            File.Copy(RepoPaths.Rule("settlement-services.yaml"), Path.Combine(dir.FullName, "settlement-services.yaml"));
            using var provider = new ServiceCollection().AddScoring(o => o.AddRuleSetsFromDirectory(dir.FullName)).BuildServiceProvider();
            var ex = Assert.Throws<ScoringConfigurationException>(() => provider.GetRequiredService<IScoringCatalog>());
            Assert.Equal(2, ex.Diagnostics.Count(d => d.Severity == Diagnostics.Severity.Error));
            Assert.Contains("bad.yaml(5,14): error SCR0201: unknown name 'nope'", ex.Message);

            // configured to skip invalid files, the good ones are served and the problems kept
            var catalog = new ScoringCatalog(new ScoringOptions { SkipInvalidFiles = true }.AddRuleSetsFromDirectory(dir.FullName));
            Assert.Equal("settlement-services", Assert.Single(catalog.RuleSets).RuleSet.Id);
            Assert.Contains(catalog.Diagnostics, d => d.Code == "SCR0207");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
