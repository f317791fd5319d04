using Scoring.Cli.Io;
using Scoring.Runtime;

namespace Scoring.Cli.Running;

/// <summary>
/// Scores every record of an input in input order, on every worker thread, and counts them: each record is
/// either written to the results or to the rejects with its reason.
/// </summary>
internal sealed class RecordLoop
{
    private readonly ScoringRun _run;
    private readonly CompiledRuleSet _compiled;
    private readonly IRecordSource _input;
    private readonly string _inputName;
    private readonly IResultWriter _results;
    private readonly RejectWriter _rejects;
    private readonly Progress _progress;

    [ThreadStatic] private static Value[]? _values;
    [ThreadStatic] private static Record? _scratch; // the record a worker reads each row into

    private readonly string[] _kept;

    public RecordLoop(ScoringRun run, CompiledRuleSet compiled, IRecordSource input, string inputName, IResultWriter results, RejectWriter rejects, Progress progress,
        IReadOnlyList<string>? kept = null)
    {
        _kept = kept?.ToArray() ?? Array.Empty<string>();
        _run = run;
        _compiled = compiled;
        _input = input;
        _inputName = inputName;
        _results = results;
        _rejects = rejects;
        _progress = progress;
    }

    public long Read { get; private set; }
    public long Scored { get; private set; }
    public long Rejected { get; private set; }

    public void Run(int threads, bool explain, CancellationToken cancel)
    {
        if (!_run.HasPopulationOutcomes && !explain) FormatOnWorkers(threads, cancel);
        else ScoreInBatches(threads, explain, cancel);
    }

    private void Reject(InputItem item, Evaluation e)
    {
        var err = e.Error!;
        _rejects.Write(_inputName, item.Number, item.Line, e.Key ?? item.Key, err.Code, err.Span.IsKnown ? $"{err.Message} ({err.Span})" : err.Message);
    }

    /// <summary>The fast path: parse, evaluate and format on the workers; this thread only reads and writes bytes.</summary>
    private void FormatOnWorkers(int threads, CancellationToken cancel)
    {
        var rows = _results.Rows;
        int kept = _kept.Length;
        int width = kept + _compiled.Outcomes.Count;
        var chunks = OrderedParallel.MapChunks(_input.Items(), (items, _) =>
        {
            // a whole chunk on one worker: its rows go into one buffer; rejected records are kept aside
            List<(InputItem Item, Evaluation Rejected)>? rejectedHere = null;
            var values = _values ??= new Value[Math.Max(width, 1)];
            if (values.Length < width) values = _values = new Value[width];
            rows.BeginRows();
            var scratch = _scratch is { } sc && ReferenceEquals(sc.Layout, _compiled.Bound.Subject) ? sc : _scratch = _compiled.Reader.NewRecord();
            foreach (var item in items)
            {
                var record = _input.ParseInto(item, scratch, out var failure);
                if (record is null)
                {
                    (rejectedHere ??= new()).Add((item, _run.Evaluate(failure!)));
                    continue;
                }
                if (_run.EvaluateInto(record, values.AsSpan(0, width - kept)) is { } error) (rejectedHere ??= new()).Add((item, Evaluation.Rejected(record.Key, record.Number, error)));
                else
                {
                    for (int k = 0; k < kept; k++) values[width - kept + k] = record.Get(_kept[k]);
                    rows.Append(record.Key, values.AsSpan(0, width));
                }
            }
            return new Chunk(items.Length, rows.TakeRows(), rejectedHere);
        }, threads, 256, cancel);
        foreach (var chunk in chunks)
        {
            Read += chunk.Count;
            _results.WriteRows(chunk.Rows);
            int rejectedHere = chunk.Rejected?.Count ?? 0;
            Scored += chunk.Count - rejectedHere;
            Rejected += rejectedHere;
            if (chunk.Rejected is { } rs)
                foreach (var (item, r) in rs) Reject(item, r);
            _progress.Report(Read, _input.Position);
        }
    }

    /// <summary>With explanations or population-level outcomes (ranks, selections): whole evaluations, written on this thread.</summary>
    private void ScoreInBatches(int threads, bool explain, CancellationToken cancel)
    {
        var batch = new BatchScorer(_run, new BatchOptions { DegreeOfParallelism = threads, Explain = explain });
        // the kept fields are read from the record on the worker that parses it, and travel with the item
        Func<InputItem, long, RecordResult> parse = _kept.Length == 0 ? (item, _) => _input.Parse(item) : (item, _) =>
        {
            var parsed = _input.Parse(item);
            if (parsed.Record is { } r) item.Kept = _kept.Select(r.Get).ToArray();
            return parsed;
        };
        foreach (var (item, e) in batch.Score(_input.Items(), parse, cancel))
        {
            Read++;
            if (e.Error is not null)
            {
                Rejected++;
                Reject(item, e);
            }
            else
            {
                Scored++;
                _results.Write(e, item.Kept);
            }
            if ((Read & 1023) == 0) _progress.Report(Read, _input.Position);
        }
    }

    /// <summary>A chunk of records scored on one worker: their rows in one buffer, and the rejected ones.</summary>
    private sealed record Chunk(int Count, object Rows, List<(InputItem Item, Evaluation Rejected)>? Rejected);
}
