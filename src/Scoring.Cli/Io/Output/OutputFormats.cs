namespace Scoring.Cli.Io;

/// <summary>The output formats, by file extension: one entry per format.</summary>
internal static class OutputFormats
{
    private static readonly JsonLinesOutput JsonLines = new();

    public static readonly IReadOnlyList<IOutputFormat> All = new IOutputFormat[] { new CsvOutput(), JsonLines, new XlsxOutput() };

    /// <summary>What <c>run</c> writes to stdout when there is no <c>--out</c>.</summary>
    public static IOutputFormat Standard => JsonLines;

    /// <summary>The format that writes <paramref name="location"/>, or null.</summary>
    public static IOutputFormat? For(string location) => All.FirstOrDefault(f => f.Accepts(location));

    /// <summary>Stops unless some format writes <paramref name="out"/>.</summary>
    public static IOutputFormat Require(UserPath @out) =>
        For(@out.Text) ?? throw new CliException($"{@out}: output must be {FormatNames.Join(All.Select(f => f.LocationHint))}", Cli.Usage);

    /// <summary>Stops when <c>--explain</c> asks for explanations that <paramref name="format"/> cannot carry.</summary>
    public static void RequireExplanations(IOutputFormat format)
    {
        if (format.CarriesExplanations) return;
        var carriers = FormatNames.Join(All.Where(f => f.CarriesExplanations).Select(f => $"{f.Name} output (--out file{f.LocationHint})"));
        throw new CliException($"--explain needs {carriers}: an explanation does not fit in {format.Name} columns", Cli.Usage);
    }
}
