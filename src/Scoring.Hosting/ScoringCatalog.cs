using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using Scoring.Diagnostics;
using Scoring.Rules;

namespace Scoring.Hosting;

/// <summary>
/// A thread-safe catalog of compiled rule sets, looked up by id (and optionally version). When the
/// rule files are reloaded the whole catalog is replaced in one step: a caller that took a rule set
/// keeps using that version, the next lookup sees the new one.
/// </summary>
public interface IScoringCatalog
{
    /// <summary>Every rule set in the catalog.</summary>
    IReadOnlyList<CompiledRuleSet> RuleSets { get; }

    /// <summary>The rule set with <paramref name="id"/> (and <paramref name="version"/> when given; without one, the newest by effective date, then by version text).</summary>
    /// <exception cref="KeyNotFoundException">No such rule set.</exception>
    CompiledRuleSet Get(string id, string? version = null);

    /// <summary>Looks up a rule set without throwing.</summary>
    bool TryGet(string id, [MaybeNullWhen(false)] out CompiledRuleSet ruleSet, string? version = null);

    /// <summary>Diagnostics of every rule file as last loaded (including invalid files that were skipped or whose last good version is kept).</summary>
    IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Starts at 1 with the first load and goes up by one each time a reload changes the rule sets served; a reload that changes nothing (or only fails) leaves it.</summary>
    long Generation { get; }

    /// <summary>The outcome of the latest reload, or null before the first reload.</summary>
    ScoringReload? LastReload { get; }

    /// <summary>Raised after every reload (successful or not), on the thread that reloaded.</summary>
    event EventHandler<ScoringReloadedEventArgs>? Reloaded;

    /// <summary>A change token that fires after the next reload (successful or not); use with <see cref="ChangeToken.OnChange(Func{IChangeToken}, Action)"/>.</summary>
    IChangeToken GetReloadToken();
}

/// <summary>What one reload of the rule files did.</summary>
/// <param name="Generation">The catalog's generation after the reload.</param>
/// <param name="Changed">True when the reload changed the rule sets served (and so the generation).</param>
/// <param name="Succeeded">True when every rule file loaded without errors.</param>
/// <param name="Errors">The errors found, each as <c>file(line,col): error SCRxxxx: message</c>.</param>
/// <param name="KeptLastGood">Rule files that failed and whose last good version stays in service.</param>
public sealed record ScoringReload(long Generation, bool Changed, bool Succeeded, IReadOnlyList<Diagnostic> Errors, IReadOnlyList<string> KeptLastGood);

/// <summary>Tells <see cref="IScoringCatalog.Reloaded"/> handlers what a reload did.</summary>
public sealed class ScoringReloadedEventArgs : EventArgs
{
    /// <summary>Creates the event arguments.</summary>
    public ScoringReloadedEventArgs(ScoringReload reload) => Reload = reload ?? throw new ArgumentNullException(nameof(reload));

    /// <summary>What the reload did.</summary>
    public ScoringReload Reload { get; }
}

/// <summary>
/// The default <see cref="IScoringCatalog"/>: loads and compiles every configured rule file and, with
/// <see cref="ScoringOptions.ReloadOnChange"/>, watches them and swaps in a new immutable snapshot
/// after each change (debounced), keeping the last good version of a file that stopped loading.
/// </summary>
public sealed partial class ScoringCatalog : IScoringCatalog, IDisposable
{
    private readonly ScoringOptions _options;
    private readonly ILogger _logger;
    private readonly ScoringMetrics _metrics;
    private readonly bool _ownsMetrics;
    private readonly object _reloadGate = new();
    private readonly List<FileSystemWatcher> _watchers = new();
    private readonly ITimer _debounce;
    private Snapshot _snapshot;
    private CancellationTokenSource _reloadCts = new();
    private ScoringReload? _lastReload;
    private bool _disposed;

    /// <summary>
    /// Validates the options (throwing <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> that lists every problem),
    /// then loads the configured files; throws <see cref="ScoringConfigurationException"/> listing every diagnostic unless invalid files are skipped.
    /// </summary>
    /// <param name="options">The files and reload settings.</param>
    /// <param name="logger">Where load and reload summaries and every diagnostic are logged; none when null.</param>
    /// <param name="meterFactory">Creates the <c>Scoring</c> meter; without one the catalog makes a meter of its own.</param>
    public ScoringCatalog(ScoringOptions options, ILogger? logger = null, IMeterFactory? meterFactory = null)
        : this(options, logger, new ScoringMetrics(meterFactory), ownsMetrics: true)
    {
    }

    internal ScoringCatalog(ScoringOptions options, ILogger? logger, ScoringMetrics metrics, bool ownsMetrics, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics;
        _ownsMetrics = ownsMetrics;
        try
        {
            ScoringOptionsValidator.ThrowIfInvalid(options);
            using var activity = ScoringTelemetry.Source.StartActivity(ScoringTelemetry.LoadActivity);
            var started = Stopwatch.GetTimestamp();
            var load = Load(Snapshot.Empty, out var errors, out _);
            if (errors.Count > 0 && !options.SkipInvalidFiles)
            {
                activity?.SetStatus(ActivityStatusCode.Error, $"{errors.Count} errors");
                throw new ScoringConfigurationException(load.Diagnostics);
            }
            _snapshot = load with { Generation = 1 };
            activity?.SetTag("scoring.rulesets", _snapshot.All.Count);
            LogLoaded(_logger, _snapshot.All.Count, _snapshot.Files.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds, errors.Count);
            // reloads belong to no caller: without this the timer would carry the constructor's
            // execution context, and every reload would be traced as a child of the first load
            using (ExecutionContext.SuppressFlow())
            {
                _debounce = (time ?? TimeProvider.System).CreateTimer(_ => ReloadFromWatcher(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                if (options.ReloadOnChange) Watch();
            }
        }
        catch
        {
            if (_ownsMetrics) _metrics.Dispose();
            foreach (var w in _watchers) w.Dispose();
            _debounce?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<Diagnostic> Diagnostics => Volatile.Read(ref _snapshot).Diagnostics;

    /// <inheritdoc />
    public IReadOnlyList<CompiledRuleSet> RuleSets => Volatile.Read(ref _snapshot).All;

    /// <inheritdoc />
    public long Generation => Volatile.Read(ref _snapshot).Generation;

    /// <inheritdoc />
    public ScoringReload? LastReload => Volatile.Read(ref _lastReload);

    /// <inheritdoc />
    public event EventHandler<ScoringReloadedEventArgs>? Reloaded;

    /// <inheritdoc />
    public IChangeToken GetReloadToken() => new CancellationChangeToken(Volatile.Read(ref _reloadCts).Token);

    /// <inheritdoc />
    public CompiledRuleSet Get(string id, string? version = null)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        return snapshot.TryGet(id, version, out var rs) ? rs
            : throw new KeyNotFoundException($"no rule set '{id}'{(version is null ? "" : " version " + version)}; known: {string.Join(", ", snapshot.ById.Keys.Order(StringComparer.Ordinal))}");
    }

    /// <inheritdoc />
    public bool TryGet(string id, [MaybeNullWhen(false)] out CompiledRuleSet ruleSet, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Volatile.Read(ref _snapshot).TryGet(id, version, out ruleSet);
    }

    /// <summary>
    /// Loads every rule file again now and swaps in the result: changed files are compiled, unchanged ones
    /// keep their compiled rule set, a file that fails keeps its last good version. Never throws for bad
    /// rule files; the errors are logged and returned. Called by the file watcher after a change.
    /// </summary>
    public ScoringReload Reload()
    {
        lock (_reloadGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var activity = ScoringTelemetry.Source.StartActivity(ScoringTelemetry.ReloadActivity);
            var previous = _snapshot;
            ScoringReload result;
            var missing = _options.Paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
            if (missing.Count > 0)
            {
                // a configured folder that vanished (a deployment in progress?) takes nothing out of service
                var errors = missing.Select(p => new Diagnostic(Severity.Error, DiagnosticCodes.FileNotFound, $"rule path '{p}' does not exist; every rule set stays as it was", SourceSpan.At(p, 1, 1))).ToList();
                foreach (var d in errors) LogDiagnostic(d);
                result = new ScoringReload(previous.Generation, false, false, errors, previous.Files.Where(f => f.Compiled is not null).Select(f => f.Path).ToArray());
            }
            else
            {
                var next = Load(previous, out var errors, out var kept);
                bool changed = !next.ServesSameAs(previous);
                next = next with { Generation = previous.Generation + (changed ? 1 : 0) };
                Volatile.Write(ref _snapshot, next);
                result = new ScoringReload(next.Generation, changed, errors.Count == 0, errors, kept);
                foreach (var path in kept) LogKeptLastGood(_logger, path);
                LogReloaded(_logger, next.Generation, changed, next.All.Count, errors.Count);
            }
            activity?.SetTag("scoring.generation", result.Generation);
            if (!result.Succeeded) activity?.SetStatus(ActivityStatusCode.Error, $"{result.Errors.Count} errors");
            _metrics.Reloads.Add(1, new KeyValuePair<string, object?>("scoring.reload.result", result.Succeeded ? "succeeded" : "failed"));
            Volatile.Write(ref _lastReload, result);
            try
            {
                Reloaded?.Invoke(this, new ScoringReloadedEventArgs(result));
            }
            catch (Exception ex)
            {
                LogHandlerFailed(_logger, ex);
            }
            // not disposed: tokens already handed out must stay usable (as with configuration reload tokens)
            var cts = Interlocked.Exchange(ref _reloadCts, new CancellationTokenSource());
            try
            {
                cts.Cancel();
            }
            catch (AggregateException ex)
            {
                LogHandlerFailed(_logger, ex);
            }
            return result;
        }
    }

    /// <summary>Stops watching the rule files.</summary>
    public void Dispose()
    {
        lock (_reloadGate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var w in _watchers) w.Dispose();
            _debounce.Dispose();
            if (_ownsMetrics) _metrics.Dispose();
        }
    }

    private void Watch()
    {
        foreach (var p in _options.Paths.Distinct(StringComparer.Ordinal))
        {
            bool dir = Directory.Exists(p);
            var folder = dir ? Path.GetFullPath(p) : Path.GetDirectoryName(Path.GetFullPath(p))!;
            // all files: rule files import other files and name their tests_file, which may not be *.yaml
            var w = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = dir,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            w.Changed += OnFileEvent;
            w.Created += OnFileEvent;
            w.Deleted += OnFileEvent;
            w.Renamed += OnFileEvent;
            w.Error += (_, e) => { LogWatcherError(_logger, folder, e.GetException()); ScheduleReload(); };
            try
            {
                w.EnableRaisingEvents = true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                // e.g. the system's limit of inotify instances: the rule sets are served all the same
                LogWatchFailed(_logger, folder, ex);
                w.Dispose();
                continue;
            }
            _watchers.Add(w);
            LogWatching(_logger, folder);
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e) => ScheduleReload();

    /// <summary>Called for every file event: (re)starts the quiet period after which the reload runs.</summary>
    internal void ScheduleReload()
    {
        // every event restarts the quiet period: an editor's save burst causes one reload
        try { _debounce.Change(_options.ReloadDebounce, Timeout.InfiniteTimeSpan); }
        catch (ObjectDisposedException) { }
    }

    private void ReloadFromWatcher()
    {
        try
        {
            if (Volatile.Read(ref _disposed)) return;
            Reload();
        }
        catch (ObjectDisposedException)
        {
        }
        catch (Exception ex)
        {
            // the timer thread must never die; the last good rule sets stay in service
            LogReloadCrashed(_logger, ex);
        }
    }

    /// <summary>Loads every configured file, reusing the previous entry of a file whose content (and related files) did not change.</summary>
    private Snapshot Load(Snapshot previous, out List<Diagnostic> errors, out List<string> keptLastGood)
    {
        errors = new List<Diagnostic>();
        keptLastGood = new List<string>();
        var entries = new List<FileEntry>();
        var before = previous.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var path in RuleFileLoader.FindRuleFiles(_options.Paths.Where(p => File.Exists(p) || Directory.Exists(p))).Distinct(StringComparer.Ordinal))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            bool readAnything = false;
            var file = RuleFileLoader.Load(path, (p, text) =>
            {
                readAnything = true;
                hash.AppendData(Encoding.UTF8.GetBytes(p + "\0" + (text ?? "\u0001missing") + "\0"));
            });
            string? fingerprint = readAnything ? Convert.ToHexString(hash.GetHashAndReset()) : null;
            before.TryGetValue(path, out var old);
            if (old is not null && fingerprint is not null && old.Fingerprint == fingerprint)
            {
                entries.Add(old); // unchanged: same compiled rule set, no new diagnostics to log
                errors.AddRange(old.Diagnostics.Where(d => d.Severity == Severity.Error));
                if (old.Stale) keptLastGood.Add(path);
                continue;
            }
            foreach (var d in file.Diagnostics) LogDiagnostic(d);
            if (file.Succeeded)
            {
                var started = Stopwatch.GetTimestamp();
                var compiled = CompiledRuleSet.Compile(file.RuleSet!);
                var rs = compiled.RuleSet;
                _metrics.CompileDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                    new KeyValuePair<string, object?>(ScoringTelemetry.RuleSetTag, rs.Id), new KeyValuePair<string, object?>(ScoringTelemetry.VersionTag, rs.Version));
                LogRuleSetLoaded(_logger, rs.Id, rs.Version, path);
                entries.Add(new FileEntry(path, fingerprint, compiled, file.Diagnostics, Stale: false));
            }
            else
            {
                var fileErrors = file.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
                errors.AddRange(fileErrors);
                var lastGood = old?.Compiled;
                if (lastGood is not null) keptLastGood.Add(path);
                LogFileFailed(_logger, path, fileErrors.Count, lastGood is not null);
                entries.Add(new FileEntry(path, fingerprint, lastGood, file.Diagnostics, Stale: lastGood is not null));
            }
        }
        var built = Snapshot.Build(entries);
        foreach (var d in built.Diagnostics.Skip(entries.Sum(e => e.Diagnostics.Count)))
        {
            errors.Add(d);
            LogDiagnostic(d);
        }
        return built;
    }

    private void LogDiagnostic(Diagnostic d)
    {
        if (d.Severity == Severity.Error) LogError(_logger, d.ToString());
        else LogWarning(_logger, d.ToString());
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Scoring: loaded {RuleSetCount} rule sets from {FileCount} rule files in {ElapsedMs:0} ms ({ErrorCount} errors)")]
    private static partial void LogLoaded(ILogger logger, int ruleSetCount, int fileCount, double elapsedMs, int errorCount);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Scoring: rule set {RuleSetId} version {Version} compiled from {Path}")]
    private static partial void LogRuleSetLoaded(ILogger logger, string ruleSetId, string version, string path);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "{Diagnostic}")]
    private static partial void LogError(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Diagnostic}")]
    private static partial void LogWarning(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Scoring: rule file {Path} has {ErrorCount} errors (last good version kept in service: {KeptLastGood})")]
    private static partial void LogFileFailed(ILogger logger, string path, int errorCount, bool keptLastGood);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Scoring: {Path} failed to reload; its last good version stays in service")]
    private static partial void LogKeptLastGood(ILogger logger, string path);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Scoring: reloaded rule files: generation {Generation} (changed: {Changed}), {RuleSetCount} rule sets, {ErrorCount} errors")]
    private static partial void LogReloaded(ILogger logger, long generation, bool changed, int ruleSetCount, int errorCount);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "Scoring: reload failed; the last good rule sets stay in service")]
    private static partial void LogReloadCrashed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Scoring: watching {Folder} for rule file changes")]
    private static partial void LogWatching(ILogger logger, string folder);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Scoring: file watcher on {Folder} failed; reloading everything")]
    private static partial void LogWatcherError(ILogger logger, string folder, Exception exception);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "Scoring: cannot watch {Folder} for changes; its rule files will not be reloaded")]
    private static partial void LogWatchFailed(ILogger logger, string folder, Exception exception);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Scoring: a Reloaded handler threw")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);

    /// <summary>One rule file as last loaded: its content fingerprint, the rule set in service (fresh or last good) and its diagnostics.</summary>
    private sealed record FileEntry(string Path, string? Fingerprint, CompiledRuleSet? Compiled, IReadOnlyList<Diagnostic> Diagnostics, bool Stale);

    /// <summary>An immutable view of the catalog, replaced as a whole on reload.</summary>
    private sealed record Snapshot(long Generation, IReadOnlyList<FileEntry> Files, IReadOnlyDictionary<string, CompiledRuleSet[]> ById,
        IReadOnlyList<CompiledRuleSet> All, IReadOnlyList<Diagnostic> Diagnostics)
    {
        public static readonly Snapshot Empty = new(0, Array.Empty<FileEntry>(), new Dictionary<string, CompiledRuleSet[]>(), Array.Empty<CompiledRuleSet>(), Array.Empty<Diagnostic>());

        public static Snapshot Build(IReadOnlyList<FileEntry> files)
        {
            var diagnostics = files.SelectMany(f => f.Diagnostics).ToList();
            var byId = new Dictionary<string, List<CompiledRuleSet>>(StringComparer.Ordinal);
            var all = new List<CompiledRuleSet>();
            foreach (var f in files)
            {
                if (f.Compiled is not { } compiled) continue;
                var rs = compiled.RuleSet;
                if (!byId.TryGetValue(rs.Id, out var list)) byId[rs.Id] = list = new List<CompiledRuleSet>();
                if (list.Any(c => c.RuleSet.Version == rs.Version))
                {
                    diagnostics.Add(new Diagnostic(Severity.Error, DiagnosticCodes.DuplicateName, $"rule set '{rs.Id}' version {rs.Version} is defined twice", rs.Span));
                    continue;
                }
                list.Add(compiled);
                all.Add(compiled);
            }
            // newest first: by effective date, then by version text
            var ordered = byId.ToDictionary(kv => kv.Key, kv => kv.Value
                .OrderByDescending(c => c.RuleSet.EffectiveFrom ?? DateOnly.MinValue).ThenByDescending(c => c.RuleSet.Version, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
            return new Snapshot(0, files, ordered, all, diagnostics);
        }

        public bool TryGet(string id, string? version, [NotNullWhen(true)] out CompiledRuleSet? ruleSet)
        {
            ruleSet = null;
            if (!ById.TryGetValue(id, out var list)) return false;
            ruleSet = version is null ? list[0] : list.FirstOrDefault(c => c.RuleSet.Version == version);
            return ruleSet is not null;
        }

        /// <summary>True when both serve exactly the same compiled rule sets.</summary>
        public bool ServesSameAs(Snapshot other) =>
            All.Count == other.All.Count && All.Zip(other.All).All(p => ReferenceEquals(p.First, p.Second));
    }
}
