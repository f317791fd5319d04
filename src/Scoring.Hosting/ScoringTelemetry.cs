using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Scoring.Hosting;

/// <summary>
/// The names under which Scoring reports metrics (<see cref="System.Diagnostics.Metrics"/>) and traces
/// (<see cref="ActivitySource"/>): subscribe to the meter and the activity source named <see cref="Name"/>.
/// </summary>
public static class ScoringTelemetry
{
    /// <summary>The name of the meter and of the activity source: <c>Scoring</c>.</summary>
    public const string Name = "Scoring";

    /// <summary>Counter: records evaluated through <see cref="IScoringEngine"/>, tagged with the rule set and <c>scoring.status</c> (<c>scored</c> or <c>rejected</c>).</summary>
    public const string EvaluationsCounter = "scoring.evaluations";

    /// <summary>Counter: records rejected (invalid or missing fields, division by zero, failed checks…), tagged with the rule set and <c>scoring.error.code</c>.</summary>
    public const string RejectedCounter = "scoring.evaluations.rejected";

    /// <summary>Histogram, seconds: time to compile one rule set, tagged with the rule set.</summary>
    public const string CompileDurationHistogram = "scoring.compile.duration";

    /// <summary>Counter: reloads of the catalog after a change, tagged with <c>scoring.reload.result</c> (<c>succeeded</c> or <c>failed</c>).</summary>
    public const string ReloadsCounter = "scoring.reloads";

    /// <summary>Activity: one evaluation through <see cref="IScoringEngine"/>.</summary>
    public const string EvaluateActivity = "scoring.evaluate";

    /// <summary>Activity: the first load of the rule files.</summary>
    public const string LoadActivity = "scoring.load";

    /// <summary>Activity: a reload after a change.</summary>
    public const string ReloadActivity = "scoring.reload";

    /// <summary>Tag: the rule set id.</summary>
    public const string RuleSetTag = "scoring.ruleset";

    /// <summary>Tag: the rule set version.</summary>
    public const string VersionTag = "scoring.ruleset.version";

    internal static readonly ActivitySource Source = new(Name, typeof(ScoringTelemetry).Assembly.GetName().Version?.ToString());
}

/// <summary>The instruments, on a meter from <see cref="IMeterFactory"/> when the host has one, else on a meter of their own.</summary>
internal sealed class ScoringMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    public ScoringMetrics(IMeterFactory? factory)
    {
        if (factory is not null)
        {
            _meter = factory.Create(new MeterOptions(ScoringTelemetry.Name));
        }
        else
        {
            _meter = new Meter(ScoringTelemetry.Name);
            _ownsMeter = true;
        }
        Evaluations = _meter.CreateCounter<long>(ScoringTelemetry.EvaluationsCounter, "{record}", "Records evaluated");
        Rejected = _meter.CreateCounter<long>(ScoringTelemetry.RejectedCounter, "{record}", "Records rejected with an error");
        CompileDuration = _meter.CreateHistogram<double>(ScoringTelemetry.CompileDurationHistogram, "s", "Time to compile a rule set");
        Reloads = _meter.CreateCounter<long>(ScoringTelemetry.ReloadsCounter, "{reload}", "Reloads of the rule files after a change");
    }

    public Counter<long> Evaluations { get; }
    public Counter<long> Rejected { get; }
    public Histogram<double> CompileDuration { get; }
    public Counter<long> Reloads { get; }

    public void Dispose()
    {
        if (_ownsMeter) _meter.Dispose();
    }
}
