namespace Scoring.Cli.Io;

/// <summary>
/// One input format of <c>scoring run</c> and <c>explain</c>, chosen by the input's file extension (or,
/// for formats that are not files, its URI scheme). A new format is one class implementing this,
/// listed in <see cref="InputFormats"/>.
/// </summary>
internal interface IInputFormat
{
    /// <summary>How an input of this format is written, for messages: <c>.csv</c>.</summary>
    string LocationHint { get; }

    /// <summary>Whether this format reads <paramref name="location"/> (as given on the command line).</summary>
    bool Accepts(string location);

    /// <summary>Opens the input. Throws <see cref="CliException"/> for an input that cannot be read at all.</summary>
    IRecordSource Open(InputRequest request);
}
