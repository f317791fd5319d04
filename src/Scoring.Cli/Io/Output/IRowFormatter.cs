using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>
/// Formats scored records on a worker thread, from their values alone, into that thread's pending rows; a
/// worker formats a whole chunk of records and takes them as one batch (bytes for a text format).
/// </summary>
internal interface IRowFormatter
{
    /// <summary>Drops any rows pending on this thread (left by a chunk that failed part-way).</summary>
    void BeginRows();

    /// <summary>Appends one record's row to this thread's pending rows: <paramref name="values"/> are the outcomes, then the values of the fields the run carries (<see cref="OutputOptions.Keep"/> first; a writer reads only those it shows).</summary>
    void Append(string? key, ReadOnlySpan<Value> values);

    /// <summary>The rows appended on this thread since the last call.</summary>
    object TakeRows();
}
