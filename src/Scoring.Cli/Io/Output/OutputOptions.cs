namespace Scoring.Cli.Io;

/// <summary>
/// How <c>run</c> lays out its results, whatever the format: which input fields are carried into each row
/// (<c>--keep</c>), whether headers are the rule set's labels (<c>--headers labels</c>), a byte order mark for
/// Excel (<c>--bom</c>), and whether text that a spreadsheet would take for a formula is neutralised.
/// </summary>
internal sealed record OutputOptions
{
    public static OutputOptions Default { get; } = new();

    /// <summary>Subject fields whose values every row carries before the outcomes, in order.</summary>
    public IReadOnlyList<string> Keep { get; init; } = Array.Empty<string>();

    /// <summary>Headers are labels (<c>低保·状态</c>) instead of keys (<c>dibao.status</c>).</summary>
    public bool LabelHeaders { get; init; }

    /// <summary>A UTF-8 byte order mark first (CSV), which Excel on Chinese Windows needs to read the text as UTF-8.</summary>
    public bool Bom { get; init; }

    /// <summary>
    /// Text that starts with = + - @, a tab or a carriage return is written with a leading apostrophe, so that a
    /// spreadsheet shows it instead of running it as a formula (numbers are written as numbers and stay so).
    /// Off (<c>--formulas keep</c>) for machine consumers that want the text as it is.
    /// </summary>
    public bool NeutraliseFormulas { get; init; } = true;

    /// <summary>Text a spreadsheet would take for a formula, made inert (see <see cref="NeutraliseFormulas"/>).</summary>
    public static string Inert(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
