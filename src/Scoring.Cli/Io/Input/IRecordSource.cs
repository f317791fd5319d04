using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>
/// The records of one opened input: read in order on one thread (<see cref="Items"/>), parsed on worker
/// threads (<see cref="Parse"/>, <see cref="ParseInto"/>).
/// </summary>
internal interface IRecordSource : IDisposable
{
    /// <summary>The raw records in input order. Throws <see cref="CliException"/> for a problem that stops the whole input.</summary>
    IEnumerable<InputItem> Items();

    /// <summary>Parses a raw record into a record of its own (thread-safe).</summary>
    RecordResult Parse(InputItem item);

    /// <summary>
    /// Parses a raw record for immediate evaluation (thread-safe), into <paramref name="scratch"/> when the
    /// format can (the caller reuses it for its next record). Returns null, with the reason, for a record
    /// that cannot be read.
    /// </summary>
    Record? ParseInto(InputItem item, Record scratch, out RecordResult? failure);

    /// <summary>Child rows that no record claimed (reported as rejects after the run: nothing is dropped silently).</summary>
    IEnumerable<(string File, long Line, string Key)> Orphans();

    /// <summary>Size of the input in bytes, for progress.</summary>
    long Length { get; }

    /// <summary>Bytes read so far, for progress.</summary>
    long Position { get; }
}
