namespace Scoring.Cli.Io;

/// <summary>
/// The extension checks that <c>Synth/</c> calls by their old name. Only Synth uses them: the synthetic-data
/// generator leaves the tool, and this file goes with it.
/// </summary>
internal static class InputFile
{
    public static bool IsCsv(string path) => CsvInput.IsCsv(path);

    public static bool IsJsonLines(string path) => JsonLinesInput.IsJsonLines(path);
}
