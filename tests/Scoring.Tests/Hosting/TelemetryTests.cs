using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scoring.Hosting;
using Scoring.Tests.Support;

namespace Scoring.Tests.Hosting;

public class TelemetryTests
{
    private static readonly Dictionary<string, object?> Good = new() { ["id"] = "A-1", ["points"] = 10 };
    private static readonly Dictionary<string, object?> Bad = new() { ["id"] = "A-2", ["points"] = "lots" };

    [Fact]
    public void Metrics_CountEvaluationsAndRejections_AndTimeCompilation_OnTheHostsMeterFactory()
    {
        using var dir = new RuleDir();
        dir.Write("bonus.yaml", RuleDir.BonusRules("1", 2));
        dir.Write("settlement-services.yaml", File.ReadAllText(RepoPaths.Rule("settlement-services.yaml")));
        using var provider = new ServiceCollection()
            .AddMetrics()
            .AddScoring(o => o.AddRuleSetsFromDirectory(dir.Path))
            .BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();

        var longs = new ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        var doubles = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // only this provider's meter: other tests run in parallel
            if (instrument.Meter.Name == ScoringTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, factory)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => longs.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => doubles.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.Start();

        var engine = provider.GetRequiredService<IScoringEngine>(); // loads and compiles both files
        Assert.True(engine.Evaluate("bonus", Good).Succeeded);
        Assert.True(engine.Evaluate("bonus", Good).Succeeded);
        Assert.Equal(ScoringStatus.Rejected, engine.Evaluate("bonus", Bad).Status);

        var compiles = doubles.Where(m => m.Instrument == ScoringTelemetry.CompileDurationHistogram).ToList();
        Assert.Equal(new[] { "bonus", "settlement-services" }, compiles.Select(c => (string)c.Tags[ScoringTelemetry.RuleSetTag]!).Order(StringComparer.Ordinal));
        Assert.All(compiles, c => Assert.True(c.Value >= 0));

        var evaluations = longs.Where(m => m.Instrument == ScoringTelemetry.EvaluationsCounter).ToList();
        Assert.Equal(3, evaluations.Sum(m => m.Value));
        Assert.Equal(2, evaluations.Where(m => (string?)m.Tags["scoring.status"] == "scored").Sum(m => m.Value));
        Assert.All(evaluations, m => Assert.Equal("bonus", m.Tags[ScoringTelemetry.RuleSetTag]));
        var rejected = Assert.Single(longs, m => m.Instrument == ScoringTelemetry.RejectedCounter);
        Assert.Equal(1, rejected.Value);
        Assert.Equal("SCR0502", rejected.Tags["scoring.error.code"]);

        provider.GetRequiredService<ScoringCatalog>().Reload();
        var reload = Assert.Single(longs, m => m.Instrument == ScoringTelemetry.ReloadsCounter);
        Assert.Equal("succeeded", reload.Tags["scoring.reload.result"]);
    }

    [Fact]
    public void Activities_ForLoadReloadAndEachEvaluation()
    {
        using var dir = new RuleDir();
        dir.Write("bonus.yaml", RuleDir.BonusRules("1", 2));
        using var testSource = new ActivitySource("Scoring.Tests.Telemetry");
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ScoringTelemetry.Name || s.Name == testSource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        ActivityTraceId trace;
        using (var root = testSource.StartActivity("test")!)
        {
            trace = root.TraceId;
            using var provider = new ServiceCollection().AddScoring(o => o.AddRuleSetsFromDirectory(dir.Path)).BuildServiceProvider();
            var engine = provider.GetRequiredService<IScoringEngine>();
            engine.Evaluate("bonus", Good);
            engine.Evaluate("bonus", Bad);
            engine.Evaluate("nope", Good);
            provider.GetRequiredService<ScoringCatalog>().Reload();
        }

        // only this test's trace: other tests run in parallel
        var mine = stopped.Where(a => a.TraceId == trace && a.Source.Name == ScoringTelemetry.Name).ToList();
        Assert.Single(mine, a => a.OperationName == ScoringTelemetry.LoadActivity);
        Assert.Single(mine, a => a.OperationName == ScoringTelemetry.ReloadActivity);
        var evaluations = mine.Where(a => a.OperationName == ScoringTelemetry.EvaluateActivity).ToList();
        Assert.Equal(3, evaluations.Count);
        Assert.Equal(ActivityStatusCode.Unset, evaluations[0].Status);
        Assert.Equal("1", evaluations[0].GetTagItem(ScoringTelemetry.VersionTag));
        Assert.Equal("A-1", evaluations[0].GetTagItem("scoring.record.key"));
        Assert.Equal(ActivityStatusCode.Error, evaluations[1].Status);
        Assert.Equal("SCR0502", evaluations[1].GetTagItem("scoring.error.code"));
        Assert.Equal(ActivityStatusCode.Error, evaluations[2].Status);
        Assert.Equal("nope", evaluations[2].GetTagItem(ScoringTelemetry.RuleSetTag));
    }

    [Fact]
    public void Logging_LoadSummaryAndEachRuleSet()
    {
        using var dir = new RuleDir();
        dir.Write("bonus.yaml", RuleDir.BonusRules("1", 2));
        var log = new ListLogger();
        using var provider = new ServiceCollection()
            .AddLogging(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Trace))
            .AddScoring(o => o.AddRuleSetsFromDirectory(dir.Path))
            .BuildServiceProvider();
        provider.GetRequiredService<IScoringCatalog>();
        Assert.Contains(log.Entries, e => e.Category == typeof(ScoringCatalog).FullName && e.Level == LogLevel.Information
            && e.Message.Contains("loaded 1 rule sets from 1 rule files", StringComparison.Ordinal));
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("rule set bonus version 1 compiled from " + dir["bonus.yaml"], StringComparison.Ordinal));
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var t in tags) d[t.Key] = t.Value;
        return d;
    }
}
