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
    void WriteRows(byte[] rows);

    /// <summary>Writes one evaluation (on the writer thread).</summary>
    void Write(Evaluation evaluation);

    /// <summary>Flushes what is buffered; the run then closes and renames the output.</summary>
    void Finish();
}
