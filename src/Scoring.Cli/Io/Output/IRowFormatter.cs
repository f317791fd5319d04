using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>
/// Formats scored records on a worker thread, from their outcome values alone, into that thread's pending
/// rows; a worker formats a whole chunk of records and takes them as one buffer.
/// </summary>
internal interface IRowFormatter
{
    /// <summary>Drops any rows pending on this thread (left by a chunk that failed part-way).</summary>
    void BeginRows();

    /// <summary>Appends one record's row to this thread's pending rows.</summary>
    void Append(string? key, ReadOnlySpan<Value> values);

    /// <summary>The rows appended on this thread since the last call.</summary>
    byte[] TakeRows();
}
