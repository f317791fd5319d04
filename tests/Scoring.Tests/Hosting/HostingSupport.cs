using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Scoring.Hosting;

namespace Scoring.Tests.Hosting;

/// <summary>One log entry captured by <see cref="ListLogger"/>.</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message);

/// <summary>A logger (and logger provider) that keeps every entry, for assertions.</summary>
public sealed class ListLogger : ILogger, ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly string _category;

    public ListLogger(string category = "test") => _category = category;

    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new LogEntry(_category, logLevel, eventId, formatter(state, exception)));

    public ILogger CreateLogger(string categoryName) => new Forward(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Forward(ListLogger owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception)));
    }
}

/// <summary>Waits for catalog reloads by event, with a generous timeout that fails the test rather than hanging it (no fixed sleeps).</summary>
public static class Reloads
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Starts waiting (subscribe before changing files) for the first reload that satisfies <paramref name="until"/>.</summary>
    public static Func<Task<ScoringReload>> WaitFor(IScoringCatalog catalog, Func<ScoringReload, bool> until)
    {
        var tcs = new TaskCompletionSource<ScoringReload>(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new ConcurrentQueue<ScoringReload>();
        EventHandler<ScoringReloadedEventArgs> handler = (_, e) =>
        {
            seen.Enqueue(e.Reload);
            if (until(e.Reload)) tcs.TrySetResult(e.Reload);
        };
        catalog.Reloaded += handler;
        return async () =>
        {
            try
            {
                return await tcs.Task.WaitAsync(Timeout);
            }
            catch (TimeoutException)
            {
                throw new Xunit.Sdk.XunitException($"no matching reload within {Timeout.TotalSeconds}s; reloads seen: {string.Join(" | ", seen)}; generation {catalog.Generation}");
            }
            finally
            {
                catalog.Reloaded -= handler;
            }
        };
    }
}

/// <summary>A temporary folder of rule files for one test.</summary>
public sealed class RuleDir : IDisposable
{
    public RuleDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "scoring-host-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        // write to a side file and rename over the target, as editors do: the watcher never sees half a file
        var target = this[name];
        var temp = target + ".tmp~";
        File.WriteAllText(temp, text);
        File.Move(temp, target, overwrite: true);
        return target;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A small valid rule set <c>bonus</c> whose outcome <c>total</c> is <c>points * factor</c>.</summary>
    public static string BonusRules(string version, int factor) => $$"""
        id: bonus
        name: 奖励
        version: "{{version}}"
        subject:
          key: id
          fields:
            id: string
            points: integer
        values:
          total: points * {{factor}}
        outcomes: [total]
        """;
}

/// <summary>A clock that moves only when the test says so; its timers fire, on the test's thread, when their time comes.</summary>
public sealed class ManualTime : TimeProvider
{
    private readonly List<ManualTimer> _timers = new();
    private DateTimeOffset _now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var t = new ManualTimer(this, callback, state);
        lock (_timers) _timers.Add(t);
        t.Change(dueTime, period);
        return t;
    }

    /// <summary>Moves the clock on and fires every timer that comes due.</summary>
    public void Advance(TimeSpan by)
    {
        _now += by;
        List<ManualTimer> due;
        lock (_timers) due = _timers.Where(t => t.DueAt is { } at && at <= _now).ToList();
        foreach (var t in due) t.Fire();
    }

    private sealed class ManualTimer(ManualTime owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (period != Timeout.InfiniteTimeSpan) throw new NotSupportedException("periodic timers are not needed here");
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
            return true;
        }

        public void Fire()
        {
            DueAt = null;
            callback(state);
        }

        public void Dispose()
        {
            DueAt = null;
            lock (owner._timers) owner._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
