namespace Scoring.Cli.Io;

/// <summary>The input formats, by file extension: one entry per format.</summary>
internal static class InputFormats
{
    public static readonly IReadOnlyList<IInputFormat> All = new IInputFormat[] { new CsvInput(), new JsonLinesInput(), new XlsxInput() };

    /// <summary>The format that reads <paramref name="location"/>, or null.</summary>
    public static IInputFormat? For(string location) => All.FirstOrDefault(f => f.Accepts(location));

    /// <summary>Opens the input in its format. Throws <see cref="CliException"/> when it is missing or no format reads it.</summary>
    public static IRecordSource Open(InputRequest request)
    {
        if (For(request.Path.Text) is { } format) return format.Open(request);
        request.RequireFile(); // a missing file is "not found", whatever its name
        throw new CliException($"{request.Path}: input must be {FormatNames.Join(All.Select(f => f.LocationHint))}");
    }
}
