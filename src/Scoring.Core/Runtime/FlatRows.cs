namespace Scoring.Runtime;

/// <summary>Where each schema field is in a flat row (see <see cref="RecordReader.MapColumns"/>).</summary>
internal sealed class ColumnMap
{
    internal ColumnMap(int[] index, int width)
    {
        Index = index;
        Width = width;
    }

    internal int[] Index { get; }

    /// <summary>Number of columns of the header.</summary>
    public int Width { get; }
}

/// <summary>The child rows of one record, as read from a flat file, with that file's column map.</summary>
/// <param name="Columns">Where each child field is in the rows.</param>
/// <param name="Rows">The rows, in file order.</param>
internal sealed record ChildRows(ColumnMap Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>What <see cref="RecordReader"/> reads a flat row through: field text as a span, and as a string when one exists already.</summary>
internal interface IFlatRow
{
    int Count { get; }
    ReadOnlySpan<char> Span(int i);
    string? String(int i);
}

internal readonly struct StringRow : IFlatRow
{
    private readonly IReadOnlyList<string> _row;
    public StringRow(IReadOnlyList<string> row) => _row = row;
    public int Count => _row.Count;
    public ReadOnlySpan<char> Span(int i) => _row[i];
    public string? String(int i) => _row[i];
}

/// <summary>
/// One flat row (a CSV record, say) held in a single string: field <c>i</c> is the text from
/// <c>ends[i - 1]</c> (0 for the first) to <c>ends[i]</c>. A reader thread can hand rows to workers
/// with two allocations per row instead of one string per field.
/// </summary>
internal readonly struct TextRow : IFlatRow
{
    private readonly string _text;
    private readonly int[] _ends;

    /// <summary>Creates a row over <paramref name="text"/> with the field ends <paramref name="ends"/> (non-decreasing, the last at most the text's length).</summary>
    /// <exception cref="ArgumentException">The ends do not fit the text.</exception>
    public TextRow(string text, int[] ends)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(ends);
        int previous = 0;
        foreach (var e in ends)
        {
            if (e < previous || e > text.Length) throw new ArgumentException($"field end {e} is out of order or beyond the text ({text.Length} characters)", nameof(ends));
            previous = e;
        }
        _text = text;
        _ends = ends;
    }

    /// <summary>Number of fields.</summary>
    public int Count => _ends?.Length ?? 0;

    /// <summary>The text of field <paramref name="i"/>.</summary>
    public ReadOnlySpan<char> this[int i] => Span(i);

    /// <inheritdoc cref="this[int]"/>
    public ReadOnlySpan<char> Span(int i)
    {
        int start = i == 0 ? 0 : _ends[i - 1];
        return _text.AsSpan(start, _ends[i] - start);
    }

    string? IFlatRow.String(int i) => null;
}
