namespace Scoring.Diagnostics;

/// <summary>
/// A range of source text: the file it came from and 1-based line and column of its first
/// and last character. Every node of the rule model carries one, so that every error can
/// point at the exact place a policy officer has to edit.
/// </summary>
public readonly record struct SourceSpan(string File, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>A span for values that were not read from any file (built in code).</summary>
    public static SourceSpan None { get; } = new("", 0, 0, 0, 0);

    /// <summary>True when this span points into a file.</summary>
    public bool IsKnown => Line > 0;

    /// <summary>A span of a single position.</summary>
    public static SourceSpan At(string file, int line, int column) => new(file, line, column, line, column);

    /// <summary>The span from the start of this one to the end of <paramref name="other"/>.</summary>
    public SourceSpan Through(SourceSpan other) =>
        !IsKnown ? other : !other.IsKnown ? this : new(File, Line, Column, other.EndLine, other.EndColumn);

    /// <summary>MSBuild-style location prefix: <c>file(line,col)</c>.</summary>
    public override string ToString() =>
        IsKnown ? $"{(File.Length == 0 ? "<input>" : File)}({Line},{Column})" : File;
}

/// <summary>
/// Maps character offsets inside a piece of text (an expression written in a YAML scalar,
/// say) back to line and column in the file that holds it.
/// </summary>
public class SourceOrigin
{
    /// <summary>Creates an origin for text that starts at <paramref name="line"/>, <paramref name="column"/> of <paramref name="file"/> and continues on the same line.</summary>
    public SourceOrigin(string file, int line, int column)
    {
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>An origin for text typed directly in code or on a command line.</summary>
    public static SourceOrigin Inline { get; } = new("", 1, 1);

    /// <summary>The file name used in diagnostics.</summary>
    public string File { get; }

    /// <summary>Line of the first character.</summary>
    public int Line { get; }

    /// <summary>Column of the first character.</summary>
    public int Column { get; }

    /// <summary>Line and column of the character at <paramref name="offset"/> in <paramref name="text"/>.</summary>
    public virtual (int Line, int Column) Map(string text, int offset)
    {
        int line = Line, col = Column;
        for (int i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n') { line++; col = 1; }
            else col++;
        }
        return (line, col);
    }

    /// <summary>The span of <paramref name="length"/> characters at <paramref name="offset"/>.</summary>
    public SourceSpan Span(string text, int offset, int length)
    {
        var (l1, c1) = Map(text, offset);
        var (l2, c2) = Map(text, Math.Max(offset, offset + length - 1));
        return new SourceSpan(File, l1, c1, l2, c2);
    }
}
