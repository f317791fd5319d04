using System.Text;

namespace Scoring.Cli.Io;

/// <summary>A streaming RFC 4180 CSV reader: quoted fields, doubled quotes, line breaks inside quotes; reports the line each row starts on.</summary>
internal sealed class CsvReader
{
    private readonly TextReader _reader;
    private int _line = 1;
    private readonly StringBuilder _field = new();

    public CsvReader(TextReader reader) => _reader = reader;

    /// <summary>Line number (1-based) where the last row returned by <see cref="ReadRow"/> starts.</summary>
    public int RowLine { get; private set; }

    /// <summary>Reads the next row, or null at the end. Throws <see cref="FormatException"/> for an unclosed quote.</summary>
    public List<string>? ReadRow()
    {
        int c = _reader.Read();
        // skip blank lines between rows
        while (c == '\r' || c == '\n')
        {
            if (c == '\n') _line++;
            c = _reader.Read();
        }
        if (c == -1) return null;
        RowLine = _line;
        var row = new List<string>();
        _field.Clear();
        bool quoted = false, wasQuoted = false;
        while (true)
        {
            if (quoted)
            {
                if (c == -1) throw new FormatException($"line {RowLine}: a quoted field is not closed before the end of the file");
                if (c == '"')
                {
                    if (_reader.Peek() == '"') { _reader.Read(); _field.Append('"'); }
                    else quoted = false;
                }
                else
                {
                    if (c == '\n') _line++;
                    _field.Append((char)c);
                }
            }
            else if (c == '"' && _field.Length == 0 && !wasQuoted)
            {
                quoted = true;
                wasQuoted = true;
            }
            else if (c == ',')
            {
                row.Add(_field.ToString());
                _field.Clear();
                wasQuoted = false;
            }
            else if (c == '\r' || c == '\n' || c == -1)
            {
                if (c == '\r' && _reader.Peek() == '\n') _reader.Read();
                if (c != -1) _line++;
                row.Add(_field.ToString());
                return row;
            }
            else
            {
                _field.Append((char)c);
            }
            c = _reader.Read();
        }
    }
}

/// <summary>Writes CSV with RFC 4180 quoting.</summary>
internal sealed class CsvWriter
{
    private readonly TextWriter _writer;

    public CsvWriter(TextWriter writer) => _writer = writer;

    public void WriteRow(IReadOnlyList<string> fields)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) _writer.Write(',');
            var f = fields[i];
            if (f.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                _writer.Write('"');
                _writer.Write(f.Replace("\"", "\"\"", StringComparison.Ordinal));
                _writer.Write('"');
            }
            else
            {
                _writer.Write(f);
            }
        }
        _writer.Write('\n');
    }
}
