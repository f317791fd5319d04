using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>
/// One raw input record, as its source read it on the reading thread: a row of text fields (a CSV row, one
/// string for the whole row), one text document (a JSON line), or the error that made it unreadable; with
/// its record number and line for the rejects. It is parsed later, on a worker, by the source that made it.
/// </summary>
internal sealed class InputItem
{
    private readonly int _keyIndex;
    private string? _key;

    public InputItem(long number, long line, TextRow? row, string? text, string? error, string? key, int keyIndex = -1)
    {
        Number = number;
        Line = line;
        Row = row;
        Text = text;
        Error = error;
        _key = key;
        _keyIndex = keyIndex;
    }

    public long Number { get; }
    public long Line { get; }
    public TextRow? Row { get; }
    public string? Text { get; }
    public string? Error { get; }

    /// <summary>The values of the fields a run carries into its output (<c>--keep</c>), set when the record is parsed.</summary>
    public Value[] Kept { get; set; } = Array.Empty<Value>();

    /// <summary>The key column's text (made on first use: most records never need it as a string here).</summary>
    public string? Key => _key ??= Row is { } row && _keyIndex >= 0 && _keyIndex < row.Count ? row[_keyIndex].ToString() : null;
}
