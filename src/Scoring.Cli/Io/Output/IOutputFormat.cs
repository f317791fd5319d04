namespace Scoring.Cli.Io;

/// <summary>
/// One output format of <c>scoring run --out</c>, chosen by the output's file extension (or, for formats
/// that are not files, its URI scheme). A new format is one class implementing this, listed in
/// <see cref="OutputFormats"/>; a format of text lines implements it with <see cref="LineLayout"/>.
/// </summary>
internal interface IOutputFormat
{
    /// <summary>The format's name in messages: <c>CSV</c>.</summary>
    string Name { get; }

    /// <summary>How an output of this format is written, for messages: <c>.csv</c>.</summary>
    string LocationHint { get; }

    /// <summary>Whether this format writes <paramref name="location"/> (as given on the command line).</summary>
    bool Accepts(string location);

    /// <summary>Whether an explanation (<c>--explain</c>) fits in the format.</summary>
    bool CarriesExplanations { get; }

    /// <summary>A writer of this format for one run, onto <paramref name="output"/> (which the caller owns), laid out as <paramref name="options"/> say.</summary>
    IResultWriter Create(Stream output, CompiledRuleSet rules, OutputOptions options);
}
