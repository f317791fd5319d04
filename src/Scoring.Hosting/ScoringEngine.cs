using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Scoring.Diagnostics;
using Scoring.Runtime;

namespace Scoring.Hosting;

/// <summary>
/// Evaluates and explains records against the rule sets of an <see cref="IScoringCatalog"/>. Each call
/// takes the rule set from the catalog once, so an evaluation that is running when the rule files are
/// reloaded finishes on the version it started with. Thread-safe.
/// </summary>
public interface IScoringEngine
{
    /// <summary>The catalog the rule sets come from.</summary>
    IScoringCatalog Catalog { get; }

    /// <summary>Evaluates one record given as a JSON object (as in a JSON Lines input file).</summary>
    ScoringResult Evaluate(string ruleSetId, JsonElement record, ScoringRequest? request = null);

    /// <summary>Evaluates one record given as .NET values (child collections as lists of dictionaries).</summary>
    ScoringResult Evaluate(string ruleSetId, IReadOnlyDictionary<string, object?> record, ScoringRequest? request = null);
}

/// <summary>How to evaluate: which version, on which date, with which parameters, explained or not.</summary>
public sealed record ScoringRequest
{
    /// <summary>The rule set version; null for the newest.</summary>
    public string? Version { get; init; }

    /// <summary>The date the rules are applied on (ages, dated parameters); required by rule sets that use either.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Parameter values that override the rule set's dated values.</summary>
    public IReadOnlyDictionary<string, decimal> Parameters { get; init; } = ImmutableDictionary<string, decimal>.Empty;

    /// <summary>When true, the result carries the full explanation of every outcome.</summary>
    public bool Explain { get; init; }
}

/// <summary>How an evaluation through <see cref="IScoringEngine"/> ended.</summary>
public enum ScoringStatus
{
    /// <summary>The record was scored; <see cref="ScoringResult.Evaluation"/> has its outcomes.</summary>
    Scored,

    /// <summary>The record was rejected: a missing or invalid field (see <see cref="ScoringResult.FieldErrors"/>), or an evaluation error such as a division by zero (see <see cref="Evaluation.Error"/>).</summary>
    Rejected,

    /// <summary>The request cannot run: the as-of date or a parameter is missing or invalid (see <see cref="ScoringResult.RequestErrors"/>).</summary>
    InvalidRequest,

    /// <summary>The catalog has no such rule set (or no such version).</summary>
    UnknownRuleSet,
}

/// <summary>The result of one evaluation through <see cref="IScoringEngine"/>.</summary>
public sealed class ScoringResult
{
    internal ScoringResult(ScoringStatus status, CompiledRuleSet? ruleSet, Evaluation? evaluation, IReadOnlyList<FieldError> fieldErrors,
        IReadOnlyList<Diagnostic> requestErrors, string message)
    {
        Status = status;
        RuleSet = ruleSet;
        Evaluation = evaluation;
        FieldErrors = fieldErrors;
        RequestErrors = requestErrors;
        Message = message;
    }

    /// <summary>How it ended.</summary>
    public ScoringStatus Status { get; }

    /// <summary>True when the record was scored.</summary>
    public bool Succeeded => Status == ScoringStatus.Scored;

    /// <summary>The exact rule set (id and version) that evaluated the record; null for an unknown rule set.</summary>
    public CompiledRuleSet? RuleSet { get; }

    /// <summary>The evaluation: outcomes (and explanation when asked for) or the error that rejected the record; null when the request could not run.</summary>
    public Evaluation? Evaluation { get; }

    /// <summary>For a record rejected while reading it: each missing or invalid field (nested fields as <c>members[2].age</c>) with what is wrong.</summary>
    public IReadOnlyList<FieldError> FieldErrors { get; }

    /// <summary>For <see cref="ScoringStatus.InvalidRequest"/>: the problems with the as-of date or parameters.</summary>
    public IReadOnlyList<Diagnostic> RequestErrors { get; }

    /// <summary>One line for people: what was scored, or what went wrong.</summary>
    public string Message { get; }

    /// <summary>The explanation as text with the rule set's labels, fit for a notice board; null unless the record was scored with <see cref="ScoringRequest.Explain"/>.</summary>
    public string? FormatExplanation() =>
        Evaluation is { Explanation: not null } e && RuleSet is { } rs ? ExplanationFormatter.Format(e, rs) : null;
}

/// <summary>The default <see cref="IScoringEngine"/>, with an activity per evaluation and counters of evaluations and rejections.</summary>
public sealed class ScoringEngine : IScoringEngine, IDisposable
{
    private const int MaxCachedRunsPerRuleSet = 64;
    private readonly ScoringMetrics _metrics;
    private readonly bool _ownsMetrics;
    private readonly ConditionalWeakTable<CompiledRuleSet, ConcurrentDictionary<DateOnly, ScoringRun>> _runs = new();

    /// <summary>Creates an engine over <paramref name="catalog"/>.</summary>
    /// <param name="catalog">Where the rule sets come from.</param>
    /// <param name="meterFactory">Creates the <c>Scoring</c> meter; without one the engine makes a meter of its own.</param>
    public ScoringEngine(IScoringCatalog catalog, IMeterFactory? meterFactory = null)
        : this(catalog, new ScoringMetrics(meterFactory), ownsMetrics: true)
    {
    }

    internal ScoringEngine(IScoringCatalog catalog, ScoringMetrics metrics, bool ownsMetrics)
    {
        Catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _metrics = metrics;
        _ownsMetrics = ownsMetrics;
    }

    /// <inheritdoc />
    public IScoringCatalog Catalog { get; }

    /// <inheritdoc />
    public ScoringResult Evaluate(string ruleSetId, JsonElement record, ScoringRequest? request = null) =>
        Evaluate(ruleSetId, request, (reader, r) => reader.Read(r), record);

    /// <inheritdoc />
    public ScoringResult Evaluate(string ruleSetId, IReadOnlyDictionary<string, object?> record, ScoringRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Evaluate(ruleSetId, request, (reader, r) => reader.Read(r), record);
    }

    private ScoringResult Evaluate<T>(string ruleSetId, ScoringRequest? request, Func<RecordReader, T, RecordResult> read, T record)
    {
        ArgumentNullException.ThrowIfNull(ruleSetId);
        request ??= new ScoringRequest();
        using var activity = ScoringTelemetry.Source.StartActivity(ScoringTelemetry.EvaluateActivity);
        activity?.SetTag(ScoringTelemetry.RuleSetTag, ruleSetId);
        // the one lookup: a reload after this line does not change the version this evaluation uses
        if (!Catalog.TryGet(ruleSetId, out var rules, request.Version))
        {
            var message = $"no rule set '{ruleSetId}'{(request.Version is null ? "" : " version " + request.Version)}";
            activity?.SetStatus(ActivityStatusCode.Error, message);
            return new ScoringResult(ScoringStatus.UnknownRuleSet, null, null, Array.Empty<FieldError>(), Array.Empty<Diagnostic>(), message);
        }
        var rs = rules.RuleSet;
        activity?.SetTag(ScoringTelemetry.VersionTag, rs.Version);
        var tags = new TagList { { ScoringTelemetry.RuleSetTag, rs.Id }, { ScoringTelemetry.VersionTag, rs.Version } };

        var run = GetRun(rules, request, out var requestErrors);
        if (run is null)
        {
            var message = string.Join("; ", requestErrors.Select(d => d.Message));
            activity?.SetStatus(ActivityStatusCode.Error, message);
            return new ScoringResult(ScoringStatus.InvalidRequest, rules, null, Array.Empty<FieldError>(), requestErrors, message);
        }

        var readResult = read(rules.Reader, record);
        activity?.SetTag("scoring.record.key", readResult.Key);
        var evaluation = run.Evaluate(readResult, request.Explain);
        if (evaluation.Error is { } error)
        {
            tags.Add("scoring.status", "rejected");
            _metrics.Evaluations.Add(1, tags);
            var rejectTags = new TagList { { ScoringTelemetry.RuleSetTag, rs.Id }, { ScoringTelemetry.VersionTag, rs.Version }, { "scoring.error.code", error.Code } };
            _metrics.Rejected.Add(1, rejectTags);
            activity?.SetStatus(ActivityStatusCode.Error, error.Message);
            activity?.SetTag("scoring.error.code", error.Code);
            return new ScoringResult(ScoringStatus.Rejected, rules, evaluation, readResult.Record is null ? readResult.Errors : Array.Empty<FieldError>(),
                Array.Empty<Diagnostic>(), $"record{(evaluation.Key is null ? "" : " " + evaluation.Key)} rejected: {error}");
        }
        tags.Add("scoring.status", "scored");
        _metrics.Evaluations.Add(1, tags);
        return new ScoringResult(ScoringStatus.Scored, rules, evaluation, Array.Empty<FieldError>(), Array.Empty<Diagnostic>(),
            $"record {evaluation.Key} scored with {rs.Id} version {rs.Version}");
    }

    /// <summary>A run for the request; runs without parameters are kept per rule set and as-of date (they are thread-safe and reusable).</summary>
    private ScoringRun? GetRun(CompiledRuleSet rules, ScoringRequest request, out IReadOnlyList<Diagnostic> errors)
    {
        errors = Array.Empty<Diagnostic>();
        bool cacheable = request.Parameters.Count == 0;
        var key = request.AsOf ?? DateOnly.MinValue; // MinValue stands for "no as-of date"
        var cache = cacheable ? _runs.GetValue(rules, static _ => new ConcurrentDictionary<DateOnly, ScoringRun>()) : null;
        if (cache is not null && cache.TryGetValue(key, out var cached)) return cached;
        var built = rules.CreateRun(new RunOptions { AsOf = request.AsOf, Parameters = request.Parameters });
        if (built.Value is not { } run)
        {
            errors = built.Diagnostics.Where(d => d.Severity == Severity.Error).ToArray();
            return null;
        }
        if (cache is not null && cache.Count < MaxCachedRunsPerRuleSet) run = cache.GetOrAdd(key, run);
        return run;
    }

    /// <summary>Releases the meter when the engine made its own.</summary>
    public void Dispose()
    {
        if (_ownsMetrics) _metrics.Dispose();
    }
}
