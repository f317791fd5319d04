using Scoring.Compilation;
using Scoring.Definitions.Rankings;
using Scoring.Primitives;
using Scoring.Runtime;

namespace Scoring;

/// <summary>
/// Scores a population in two passes: <see cref="Add(Record, bool)"/> evaluates each record and keeps
/// only what the population-level outcomes need (group, order keys, shares); <see cref="Complete"/>
/// then computes ranks, quota selections and pro-rata allocations within each group and fills them
/// into the evaluations. Rejected records take no part. Not thread-safe.
/// </summary>
public sealed class Population
{
    private readonly ScoringRun _run;
    private readonly List<(Evaluation Evaluation, RankingRow[] Rows)> _scored = new();
    private readonly RankingSymbol[] _rankings;
    private readonly Func<decimal, decimal, decimal>?[] _counts;
    private bool _completed;

    internal Population(ScoringRun run)
    {
        _run = run;
        _rankings = run.RuleSet.Bound.Rankings.ToArray();
        lock (run.RuleSet.Nodes)
            _counts = DeepStack.Run(() => _rankings.Select(r => r.Count is { } c ? ExpressionCompiler.CompileCount(c, run.RuleSet.Nodes) : null).ToArray());
    }

    /// <summary>Number of records scored so far.</summary>
    public int Count => _scored.Count;

    /// <summary>Evaluates a record read by <see cref="RecordReader"/> and adds it to the population when it is scored.</summary>
    public Evaluation Add(RecordResult read, bool explain = false)
    {
        ArgumentNullException.ThrowIfNull(read);
        var (e, rows) = Detached(read, explain);
        Accept(e, rows);
        return e;
    }

    /// <summary>Evaluates a record and adds it to the population when it is scored.</summary>
    public Evaluation Add(Record record, bool explain = false)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (e, rows) = Detached(record, explain);
        Accept(e, rows);
        return e;
    }

    /// <summary>Evaluates without adding (thread-safe); <see cref="Accept"/> adds the result, in input order.</summary>
    internal (Evaluation Evaluation, object? Rows) Detached(RecordResult read, bool explain) =>
        read.Record is null ? (_run.Evaluate(read, explain), null) : Detached(read.Record, explain);

    internal (Evaluation Evaluation, object? Rows) Detached(Record record, bool explain)
    {
        RankingRow[]? rows = null;
        var e = _run.Evaluate(record, explain, (f, _) => rows = Capture(f));
        return (e, rows);
    }

    internal void Accept(Evaluation e, object? rows)
    {
        if (_completed) throw new InvalidOperationException("the population is complete; start a new one");
        if (e.Succeeded && rows is RankingRow[] r) _scored.Add((e, r));
    }

    private RankingRow[] Capture(Frame f)
    {
        var rows = new RankingRow[_rankings.Length];
        for (int r = 0; r < _rankings.Length; r++) rows[r] = RankingPass.Capture(_rankings[r], f, _run.RuleSet.Text);
        return rows;
    }

    /// <summary>Computes the population-level outcomes and fills them into every scored evaluation, in the order added.</summary>
    public IReadOnlyList<Evaluation> Complete()
    {
        if (_completed) throw new InvalidOperationException("the population is already complete");
        _completed = true;
        for (int r = 0; r < _rankings.Length; r++)
        {
            var key = _rankings[r].Key;
            int index = r;
            var rows = _scored.Select(s => s.Rows[index]).ToArray();
            RankingPass.Complete(_rankings[r], rows, _counts[r], (i, value, note, sentence) =>
            {
                var e = _scored[i].Evaluation;
                e.SetOutcome(key, value);
                e.Explanation?.Replace(key, item => item with { Value = value, Notes = new[] { note }, Sentence = sentence });
            });
        }
        return _scored.Select(s => s.Evaluation).ToArray();
    }
}
