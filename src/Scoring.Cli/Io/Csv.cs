namespace Scoring.Cli.Io;

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
