using Scoring.Compilation;
using Scoring.Runtime;

namespace Scoring;

/// <summary>
/// The full explanation of one record's outcomes: every definition in evaluation order. It holds a copy of
/// every value the evaluation computed; the items are built from it on first access (thread-safe), then kept.
/// </summary>
public sealed class Explanation
{
    private readonly object _gate = new();
    private List<ExplanationItem>? _items;
    private ScoringRun? _run;
    private Frame? _frame;
    private Record? _record;
    private List<(string Key, Func<ExplanationItem, ExplanationItem> Update)>? _pending;

    internal Explanation(string? key, ScoringRun run, Frame frame, Record record)
    {
        Key = key;
        _run = run;
        _frame = frame;
        _record = record;
    }

    internal void Replace(string key, Func<ExplanationItem, ExplanationItem> update)
    {
        lock (_gate)
        {
            if (_items is null) (_pending ??= new()).Add((key, update));
            else Apply(_items, key, update);
        }
    }

    private static void Apply(List<ExplanationItem> items, string key, Func<ExplanationItem, ExplanationItem> update)
    {
        for (int i = 0; i < items.Count; i++)
            if (items[i].Key == key) items[i] = update(items[i]);
    }

    /// <summary>The record's key.</summary>
    public string? Key { get; }

    /// <summary>One item per definition, in evaluation order.</summary>
    public IReadOnlyList<ExplanationItem> Items
    {
        get
        {
            if (Volatile.Read(ref _items) is { } ready) return ready;
            lock (_gate)
            {
                if (_items is null)
                {
                    var items = _run!.BuildItems(_frame!, _record!);
                    if (_pending is not null)
                        foreach (var (k, u) in _pending) Apply(items, k, u);
                    _pending = null;
                    _run = null; _frame = null; _record = null;
                    Volatile.Write(ref _items, items);
                }
                return _items;
            }
        }
    }
}
