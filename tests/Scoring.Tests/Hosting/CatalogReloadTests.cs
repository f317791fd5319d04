using System.Collections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Scoring.Hosting;

namespace Scoring.Tests.Hosting;

public class CatalogReloadTests
{
    private static readonly Dictionary<string, object?> Record = new() { ["id"] = "A-1", ["points"] = 10 };

    private static ServiceProvider Host(RuleDir dir, ListLogger log, bool reload = true) =>
        new ServiceCollection()
            .AddLogging(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Trace))
            .AddScoring(o =>
            {
                o.AddRuleSetsFromDirectory(dir.Path);
                o.ReloadOnChange = reload;
                o.ReloadDebounce = TimeSpan.FromMilliseconds(50);
            })
            .BuildServiceProvider();

    [Fact]
    public async Task EditedRuleFile_NewVersionIsServed()
    {
        using var dir = new RuleDir();
        dir.Write("bonus.yaml", RuleDir.BonusRules("1", 2));
        var log = new ListLogger();
        using var provider = Host(dir, log);
        var engine = provider.GetRequiredService<IScoringEngine>();
        var catalog = engine.Catalog;
        Assert.Equal(1, catalog.Generation);
        Assert.Equal(20m, engine.Evaluate("bonus", Record).Evaluation!["total"].AsNumber);
        var token = catalog.GetReloadToken();
        Assert.False(token.HasChanged);

        var reloaded = Reloads.WaitFor(catalog, r => r.Changed);
        dir.Write("bonus.yaml", RuleDir.BonusRules("2", 3));
        var reload = await reloaded();

        Assert.True(reload.Succeeded, string.Join("\n", reload.Errors));
        Assert.Equal(2, reload.Generation);
        Assert.Equal(2, catalog.Generation);
        Assert.True(token.HasChanged);
        var result = engine.Evaluate("bonus", Record);
        Assert.Equal("2", result.RuleSet!.RuleSet.Version);
        Assert.Equal(30m, result.Evaluation!["total"].AsNumber);
        Assert.Contains(log.Entries, e => e.Message.Contains("reloaded rule files: generation 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadEdit_KeepsTheLastGoodVersion_AndLogsItsDiagnostics()
    {
        using var dir = new RuleDir();
        dir.Write("bonus.yaml", RuleDir.BonusRules("1", 2));
        var log = new ListLogger();
        using var provider = Host(dir, log);
        var engine = provider.GetRequiredService<IScoringEngine>();
        var catalog = engine.Catalog;

        var failed = Reloads.WaitFor(catalog, r => !r.Succeeded);
        dir.Write("bonus.yaml", RuleDir.BonusRules("2", 3).Replace("points * 3", "pointz * 3", StringComparison.Ordinal));
        var reload = await failed();

        Assert.False(reload.Changed);
        Assert.Equal(1, reload.Generation);
        Assert.Equal(1, catalog.Generation);
        Assert.Equal(dir["bonus.yaml"], Assert.Single(reload.KeptLastGood));
        var error = Assert.Single(reload.Errors);
        Assert.Equal("SCR0201", error.Code);
        Assert.Contains("pointz", error.Message);
        Assert.Same(reload, catalog.LastReload);
        // still served: version 1
        var result = engine.Evaluate("bonus", Record);
        Assert.Equal("1", result.RuleSet!.RuleSet.Version);
        Assert.Equal(20m, result.Evaluation!["total"].AsNumber);
        // the diagnostic as file(line,col), at error level, and a warning that the last good version stays
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Message.StartsWith(dir["bonus.yaml"] + "(", StringComparison.Ordinal) && e.Message.Contains("error SCR0201", StringComparison.Ordinal));
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("last good version stays in service", StringComparison.Ordinal));

        // fixing the file puts the new version in service
        var fixedUp = Reloads.WaitFor(catalog, r => r.Changed);
        dir.Write("bonus.yaml", RuleDir.BonusRules("3", 4));
        Assert.Equal(2, (await fixedUp()).Generation);
        Assert.Equal(40m, engine.Evaluate("bonus", Record).Evaluation!["total"].AsNumber);
    }

    [Fact]
    public async Task AddedAndRemovedFiles_AreServedAndWithdrawn()
    {
        using var dir = new RuleDir();
        dir.Write("bonus.yaml", RuleDir.BonusRules("1", 2));
        using var provider = Host(dir, new ListLogger());
        var catalog = provider.GetRequiredService<IScoringCatalog>();

        var added = Reloads.WaitFor(catalog, r => catalog.TryGet("bonus", out _, "7"));
        File.WriteAllText(dir["sub-bonus-7.yaml"], RuleDir.BonusRules("7", 7)); // a plain write, not a rename
        await added();
        Assert.Equal("7", catalog.Get("bonus").RuleSet.Version); // the newest version by version text
        Assert.Equal(2, catalog.RuleSets.Count);

        var removed = Reloads.WaitFor(catalog, r => !catalog.TryGet("bonus", out _, "7"));
        File.Delete(dir["sub-bonus-7.yaml"]);
        await removed();
        Assert.Equal("1", Assert.Single(catalog.RuleSets).RuleSet.Version);
    }

    [Fact]
    public async Task EditedTestsFile_OfARuleFile_TriggersAReloadOfIt()
    {
        using var dir = new RuleDir();
        dir.Write("bonus.yaml", RuleDir.BonusRules("1", 2) + "\ntests_file: bonus.tests.yaml\n");
        dir.Write("bonus.tests.yaml", "- name: ten\n  input: { id: A, points: 10 }\n  expect: { total: 20 }\n");
        using var provider = Host(dir, new ListLogger());
        var catalog = provider.GetRequiredService<IScoringCatalog>();

        // a tests file that names an outcome the rule set does not have makes the rule file invalid
        var failed = Reloads.WaitFor(catalog, r => !r.Succeeded);
        dir.Write("bonus.tests.yaml", "- name: ten\n  input: { id: A, points: 10 }\n  expect: { totl: 20 }\n");
        var reload = await failed();
        Assert.Contains(reload.Errors, d => d.Message.Contains("totl", StringComparison.Ordinal));
        Assert.Equal(1, catalog.Generation);
        Assert.Equal("1", catalog.Get("bonus").RuleSet.Version);
    }

    [Fact]
    public async Task EvaluationInFlight_FinishesOnTheVersionItStartedWith()
    {
        using var dir = new RuleDir();
        dir.Write("bonus.yaml", RuleDir.BonusRules("1", 2));
        using var provider = Host(dir, new ListLogger());
        var engine = provider.GetRequiredService<IScoringEngine>();
        var catalog = engine.Catalog;

        // the record blocks while it is being read, i.e. after the engine has taken the rule set
        using var reading = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var record = new BlockingRecord(Record, reading, release);
        var inFlight = Task.Run(() => engine.Evaluate("bonus", record));
        Assert.True(await reading.WaitAsync(Reloads.Timeout), "the evaluation never started reading the record");

        var reloaded = Reloads.WaitFor(catalog, r => r.Changed);
        dir.Write("bonus.yaml", RuleDir.BonusRules("2", 3));
        await reloaded();
        Assert.Equal("2", catalog.Get("bonus").RuleSet.Version);

        release.Release();
        var result = await inFlight.WaitAsync(Reloads.Timeout);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("1", result.RuleSet!.RuleSet.Version);
        Assert.Equal(20m, result.Evaluation!["total"].AsNumber);
        Assert.Equal(30m, engine.Evaluate("bonus", Record).Evaluation!["total"].AsNumber);
    }

    [Fact]
    public void Reload_WithNothingChanged_KeepsTheGenerationAndTheCompiledRuleSets()
    {
        using var dir = new RuleDir();
        dir.Write("bonus.yaml", RuleDir.BonusRules("1", 2));
        using var catalog = new ScoringCatalog(new ScoringOptions().AddRuleSetsFromDirectory(dir.Path));
        var before = catalog.Get("bonus");
        var fired = 0;
        using var subscription = ChangeToken.OnChange(catalog.GetReloadToken, () => Interlocked.Increment(ref fired));

        var reload = catalog.Reload();
        Assert.True(reload.Succeeded);
        Assert.False(reload.Changed);
        Assert.Equal(1, catalog.Generation);
        Assert.Same(before, catalog.Get("bonus"));
        Assert.Equal(1, fired);

        // a manual reload after an edit (no watcher configured) swaps the new version in
        dir.Write("bonus.yaml", RuleDir.BonusRules("2", 3));
        reload = catalog.Reload();
        Assert.True(reload.Changed);
        Assert.Equal(2, catalog.Generation);
        Assert.Equal("2", catalog.Get("bonus").RuleSet.Version);
        Assert.Equal(2, fired);
    }

    [Fact]
    public void Reload_WhenTheConfiguredFolderVanished_KeepsEverythingInService()
    {
        var dir = new RuleDir();
        dir.Write("bonus.yaml", RuleDir.BonusRules("1", 2));
        var log = new ListLogger();
        using var catalog = new ScoringCatalog(new ScoringOptions().AddRuleSetsFromDirectory(dir.Path), log);
        dir.Dispose();

        var reload = catalog.Reload();
        Assert.False(reload.Succeeded);
        Assert.Equal(1, catalog.Generation);
        Assert.Equal("1", catalog.Get("bonus").RuleSet.Version);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void SaveBurst_IsDebounced_IntoOneReload_AfterTheQuietPeriod()
    {
        using var dir = new RuleDir();
        dir.Write("bonus.yaml", RuleDir.BonusRules("1", 2));
        var time = new ManualTime();
        // no file watcher: the test plays the file events itself, so none arrives at an unknown moment
        var options = new ScoringOptions { ReloadOnChange = false, ReloadDebounce = TimeSpan.FromSeconds(1) }.AddRuleSetsFromDirectory(dir.Path);
        using var catalog = new ScoringCatalog(options, null, new ScoringMetrics(null), ownsMetrics: true, time);
        var reloads = new List<ScoringReload>();
        catalog.Reloaded += (_, e) => reloads.Add(e.Reload);

        // an editor's burst: file events 0.9 s apart keep restarting the quiet period
        dir.Write("bonus.yaml", RuleDir.BonusRules("2", 3));
        for (int i = 0; i < 4; i++)
        {
            catalog.ScheduleReload();
            time.Advance(TimeSpan.FromMilliseconds(900));
        }
        Assert.Empty(reloads);
        Assert.Equal("1", catalog.Get("bonus").RuleSet.Version);

        time.Advance(TimeSpan.FromMilliseconds(100)); // one full second of quiet after the last event
        var reload = Assert.Single(reloads);
        Assert.True(reload.Changed);
        Assert.Equal("2", catalog.Get("bonus").RuleSet.Version);

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Single(reloads);
    }

    /// <summary>A record whose first field read blocks until the test releases it.</summary>
    private sealed class BlockingRecord(IReadOnlyDictionary<string, object?> inner, SemaphoreSlim reading, SemaphoreSlim release) : IReadOnlyDictionary<string, object?>
    {
        private int _blocked;

        private void Block()
        {
            if (Interlocked.Exchange(ref _blocked, 1) != 0) return;
            reading.Release();
            if (!release.Wait(Reloads.Timeout)) throw new TimeoutException("never released");
        }

        public object? this[string key] { get { Block(); return inner[key]; } }
        public IEnumerable<string> Keys { get { Block(); return inner.Keys; } }
        public IEnumerable<object?> Values { get { Block(); return inner.Values; } }
        public int Count { get { Block(); return inner.Count; } }
        public bool ContainsKey(string key) { Block(); return inner.ContainsKey(key); }
        public bool TryGetValue(string key, out object? value) { Block(); return inner.TryGetValue(key, out value); }
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() { Block(); return inner.GetEnumerator(); }
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
