using System.Buffers;
using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>
/// How a format of text lines (CSV, JSON Lines) lays out the records of one run as UTF-8, newline
/// included. Thread-safe: rows are formatted on the worker threads. <see cref="LineWriter"/> does the rest.
/// </summary>
internal abstract class LineLayout
{
    /// <summary>The header line, if the format has one.</summary>
    public virtual void WriteHeader(IBufferWriter<byte> to) { }

    /// <summary>One record's line from its key, the kept fields' values and the outcome values (the fast path).</summary>
    public abstract void WriteRow(IBufferWriter<byte> to, string? key, ReadOnlySpan<Value> values);

    /// <summary>One record's line from its evaluation, with its explanation when it has one; the same bytes as <see cref="WriteRow(IBufferWriter{byte}, string?, ReadOnlySpan{Value})"/> otherwise.</summary>
    public abstract void WriteRow(IBufferWriter<byte> to, Evaluation evaluation, ReadOnlySpan<Value> kept);

    /// <summary>The outcome values of <paramref name="evaluation"/>, then the carried fields' values (the layout of the fast path's rows).</summary>
    protected static Value[] Values(Evaluation evaluation, ReadOnlySpan<Value> kept)
    {
        int n = evaluation.Outcomes.Count;
        var values = new Value[n + kept.Length];
        for (int i = 0; i < n; i++) values[i] = evaluation.Outcomes[i].Value;
        kept.CopyTo(values.AsSpan(n));
        return values;
    }
}
