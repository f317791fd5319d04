using System.Data.Common;
using System.Runtime.CompilerServices;
using Scoring.Runtime;

namespace Scoring;

/// <summary>
/// Scores whole populations: reads and evaluates records on several threads, chunk by chunk, and
/// yields the results in input order, so memory stays flat however many records there are. Every
/// input yields exactly one result (scored, or rejected with its reason). For rule sets with
/// population-level outcomes, the results are held until the end (only results, not the input),
/// then ranks, selections and allocations are filled in.
/// </summary>
public sealed class BatchScorer
{
    private readonly ScoringRun _run;

    /// <summary>Creates a batch scorer for a prepared run.</summary>
    public BatchScorer(ScoringRun run, BatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        _run = run;
        Options = options ?? new BatchOptions();
        if (Options.DegreeOfParallelism < 1) throw new ArgumentOutOfRangeException(nameof(options), "DegreeOfParallelism must be at least 1");
        if (Options.ChunkSize < 1) throw new ArgumentOutOfRangeException(nameof(options), "ChunkSize must be at least 1");
    }

    /// <summary>The options.</summary>
    public BatchOptions Options { get; }

    /// <summary>
    /// Scores raw inputs: <paramref name="read"/> turns one input and its 1-based number into a record
    /// (on a worker thread); the inputs are enumerated on one background thread (on the calling thread when the rule set has population outcomes).
    /// </summary>
    public IEnumerable<Scored<TInput>> Score<TInput>(IEnumerable<TInput> inputs, Func<TInput, long, RecordResult> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(read);
        return _run.HasPopulationOutcomes
            ? ScorePopulation(inputs, read, cancellationToken)
            : ScoreStreaming(inputs, read, cancellationToken);
    }

    /// <summary>Scores records given as .NET values (see <see cref="RecordReader.Read(IReadOnlyDictionary{string, object?}, long)"/>).</summary>
    public IEnumerable<Evaluation> Score(IEnumerable<IReadOnlyDictionary<string, object?>> records, CancellationToken cancellationToken = default) =>
        Score(records, (r, n) => _run.RuleSet.Reader.Read(r, n), cancellationToken).Select(s => s.Evaluation);

    /// <summary>Scores records already read.</summary>
    public IEnumerable<Evaluation> Score(IEnumerable<Record> records, CancellationToken cancellationToken = default) =>
        Score(records, (r, _) => RecordResultOf(r), cancellationToken).Select(s => s.Evaluation);

    /// <summary>Scores every row of an ADO.NET reader (SQLite, PostgreSQL, …); columns are matched to fields by name.</summary>
    public IEnumerable<Evaluation> Score(DbDataReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Score(Rows(reader), (row, n) => _run.RuleSet.Reader.Read((string name, out object? value) =>
        {
            if (row.TryGetValue(name, out value)) return true;
            value = null;
            return false;
        }, n), cancellationToken).Select(s => s.Evaluation);
    }

    /// <summary>Scores an asynchronous stream of records given as .NET values.</summary>
    public async IAsyncEnumerable<Evaluation> ScoreAsync(IAsyncEnumerable<IReadOnlyDictionary<string, object?>> records, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var chunk = new List<IReadOnlyDictionary<string, object?>>(Options.ChunkSize);
        var population = _run.HasPopulationOutcomes ? _run.BeginPopulation() : null;
        var held = new List<Evaluation>(); // with population outcomes, every result waits for the end
        long number = 0;
        await foreach (var r in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            chunk.Add(r);
            if (chunk.Count < Options.ChunkSize) continue;
            foreach (var e in Flush()) yield return e;
        }
        foreach (var e in Flush()) yield return e;
        if (population is null) yield break;
        population.Complete();
        foreach (var e in held) yield return e;

        IEnumerable<Evaluation> Flush()
        {
            var results = Process(chunk.ToArray(), (r, n) => _run.RuleSet.Reader.Read(r, n), number, population, cancellationToken);
            number += chunk.Count;
            chunk.Clear();
            if (population is null) return results.Select(x => x.Evaluation);
            foreach (var (e, rows) in results)
            {
                population.Accept(e, rows);
                held.Add(e);
            }
            return Array.Empty<Evaluation>();
        }
    }

    private static RecordResult RecordResultOf(Record r) => new(r, r.Key, Array.Empty<FieldError>(), r.Number);

    private static IEnumerable<Dictionary<string, object?>> Rows(DbDataReader reader)
    {
        var names = new string[reader.FieldCount];
        for (int i = 0; i < names.Length; i++) names[i] = reader.GetName(i);
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(names.Length, StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < names.Length; i++) row[names[i]] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            yield return row;
        }
    }

    private (Evaluation Evaluation, object? Rows)[] Process<TInput>(TInput[] items, Func<TInput, long, RecordResult> read, long firstNumber, Population? population, CancellationToken ct)
    {
        var results = new (Evaluation, object?)[items.Length];
        bool explain = Options.Explain;
        void One(int i)
        {
            var rr = read(items[i], firstNumber + i + 1);
            results[i] = population is null ? (_run.Evaluate(rr, explain), null) : population.Detached(rr, explain);
        }
        if (Options.DegreeOfParallelism == 1 || items.Length < 64)
        {
            for (int i = 0; i < items.Length; i++)
            {
                ct.ThrowIfCancellationRequested();
                One(i);
            }
        }
        else
        {
            Parallel.For(0, items.Length, new ParallelOptions { MaxDegreeOfParallelism = Options.DegreeOfParallelism, CancellationToken = ct }, One);
        }
        return results;
    }

    private IEnumerable<Scored<TInput>> ScoreStreaming<TInput>(IEnumerable<TInput> inputs, Func<TInput, long, RecordResult> read, CancellationToken ct)
    {
        bool explain = Options.Explain;
        return OrderedParallel.Map(inputs, (item, n) => new Scored<TInput>(item, _run.Evaluate(read(item, n), explain)),
            Options.DegreeOfParallelism, Options.ChunkSize, ct);
    }

    private IEnumerable<Scored<TInput>> ScorePopulation<TInput>(IEnumerable<TInput> inputs, Func<TInput, long, RecordResult> read, CancellationToken ct)
    {
        var population = _run.BeginPopulation();
        var all = new List<Scored<TInput>>();
        using var e = inputs.GetEnumerator();
        long number = 0;
        while (true)
        {
            var items = NextChunk(e);
            if (items.Length == 0) break;
            var results = Process(items, read, number, population, ct);
            number += items.Length;
            for (int i = 0; i < items.Length; i++)
            {
                population.Accept(results[i].Evaluation, results[i].Rows);
                all.Add(new Scored<TInput>(items[i], results[i].Evaluation));
            }
        }
        population.Complete();
        return all;
    }

    private T[] NextChunk<T>(IEnumerator<T> e)
    {
        var list = new List<T>(Options.ChunkSize);
        while (list.Count < Options.ChunkSize && e.MoveNext()) list.Add(e.Current);
        return list.ToArray();
    }
}
