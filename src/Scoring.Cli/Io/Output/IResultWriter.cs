using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>
/// Writes the scored records of one run, in input order: <see cref="WriteHeader"/>, then rows, then
/// <see cref="Finish"/>. Rows come either already formatted by <see cref="Rows"/> on the worker threads
/// (the fast path: outcome values only) or as whole evaluations (with explanations, or after
/// population-level outcomes). Where the bytes go, and their renaming into place, is the caller's.
/// </summary>
internal interface IResultWriter
{
    void WriteHeader();

    /// <summary>Formats rows on the worker threads (thread-safe); what one thread gathered is written by <see cref="WriteRows"/>.</summary>
    IRowFormatter Rows { get; }

    /// <summary>Writes rows that <see cref="Rows"/> formatted (on the writer thread).</summary>
    void WriteRows(object rows);

    /// <summary>Writes one evaluation (on the writer thread), with the values of the kept fields (<see cref="OutputOptions.Keep"/>).</summary>
    void Write(Evaluation evaluation, ReadOnlySpan<Value> kept);

    /// <summary>Flushes what is buffered; the run then closes and renames the output.</summary>
    void Finish();
}

/// <summary>What also takes the rejected records of a run, besides the rejects file (an .xlsx output's rejects sheet, the run report).</summary>
internal interface IRejectSink
{
    void Reject(long number, long line, string? key, string code, string reason);
}
