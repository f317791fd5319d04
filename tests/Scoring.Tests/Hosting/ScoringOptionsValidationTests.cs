using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scoring.Hosting;
using Scoring.Tests.Support;

namespace Scoring.Tests.Hosting;

public class ScoringOptionsValidationTests
{
    [Fact]
    public void StartupValidation_ReportsEveryOptionProblemAtOnce()
    {
        var missingA = Path.Combine(Path.GetTempPath(), "scoring-missing-" + Guid.NewGuid().ToString("N"));
        var missingB = Path.Combine(Path.GetTempPath(), "scoring-missing-" + Guid.NewGuid().ToString("N"), "x.yaml");
        using var provider = new ServiceCollection()
            .AddScoring(o =>
            {
                o.AddRuleSetsFromDirectory(missingA).AddRuleSetFile(missingB).AddRuleSetFile(" ");
                o.ReloadDebounce = TimeSpan.FromSeconds(-1);
            })
            .BuildServiceProvider();

        // what the host runs before it starts (ValidateOnStart)
        var startup = provider.GetRequiredService<IStartupValidator>();
        var ex = Assert.ThrowsAny<Exception>(() => startup.Validate());
        var validation = ex as OptionsValidationException ?? Assert.IsType<OptionsValidationException>(Assert.Single(((AggregateException)ex).InnerExceptions));
        Assert.Equal(4, validation.Failures.Count());
        Assert.Contains(missingA, validation.Message);
        Assert.Contains(missingB, validation.Message);
        Assert.Contains("rule path #3 is empty", validation.Message);
        Assert.Contains("ReloadDebounce", validation.Message);

        // without a host, resolving the catalog reports the same
        var again = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IScoringCatalog>());
        Assert.Equal(4, again.Failures.Count());
    }

    [Fact]
    public void NoPaths_IsReported()
    {
        var problems = ScoringOptionsValidator.Problems(new ScoringOptions());
        Assert.Contains("no rule files configured", Assert.Single(problems));
        Assert.Throws<OptionsValidationException>(() => new ScoringCatalog(new ScoringOptions()));
    }

    [Fact]
    public void ValidOptions_PassValidation()
    {
        var result = new ScoringOptionsValidator().Validate(null, new ScoringOptions().AddRuleSetsFromDirectory(RepoPaths.RulesDir));
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void InvalidRuleFiles_FailStartupWithEveryDiagnostic_AndAreLogged()
    {
        using var dir = new RuleDir();
        dir.Write("bad.yaml", "id: bad\nname: b\nversion: \"1\"\nsubject: { key: id, fields: { id: string } }\nvalues: { v: nope + 1 }\noutcomes: [v]\n");
        dir.Write("worse.yaml", "id: worse\nname: w\nversion: \"1\"\nsubject: { key: id, fields: { id: string } }\nvalues: { v: id * }\noutcomes: [v]\n");
        dir.Write("good.yaml", RuleDir.BonusRules("1", 2));
        var log = new ListLogger();
        using var provider = new ServiceCollection()
            .AddLogging(b => b.AddProvider(log))
            .AddScoring(o => o.AddRuleSetsFromDirectory(dir.Path))
            .BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate(); // the options themselves are fine

        // the hosted service is what loads the catalog when a host starts
        var startup = provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ScoringStartup>().Single();
        var ex = Assert.Throws<ScoringConfigurationException>(() => startup.StartAsync(CancellationToken.None).GetAwaiter().GetResult());
        Assert.Contains($"bad.yaml(5,14): error SCR0201: unknown name 'nope'", ex.Message);
        Assert.Contains("worse.yaml(5,", ex.Message);
        Assert.Equal(2, ex.Diagnostics.Select(d => d.Span.File).Distinct().Count());
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("bad.yaml(5,14): error SCR0201", StringComparison.Ordinal));
    }

    [Fact]
    public void SkipInvalidFiles_ServesTheGoodOnes_AndKeepsTheDiagnostics()
    {
        using var dir = new RuleDir();
        dir.Write("bad.yaml", "id: bad\nname: b\nversion: \"1\"\nsubject: { key: id, fields: { id: string } }\nvalues: { v: nope + 1 }\noutcomes: [v]\n");
        dir.Write("good.yaml", RuleDir.BonusRules("1", 2));
        using var provider = new ServiceCollection()
            .AddScoring(o => { o.AddRuleSetsFromDirectory(dir.Path); o.SkipInvalidFiles = true; })
            .BuildServiceProvider();
        var catalog = provider.GetRequiredService<IScoringCatalog>();
        Assert.Equal("bonus", Assert.Single(catalog.RuleSets).RuleSet.Id);
        Assert.Contains(catalog.Diagnostics, d => d.Code == "SCR0201" && d.Span.File.EndsWith("bad.yaml", StringComparison.Ordinal));
        Assert.Equal(1, catalog.Generation);
    }
}
