using System.Text;
using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>
/// A CSV file of child records joined to the input by a key column (as exported from a database
/// table). It is read once, grouped by key in file order; each input record claims its group.
/// Memory grows with this file, not with the input.
/// </summary>
internal sealed class ChildFile
{
    private readonly ChildJoin _join;
    private readonly RecordReader _reader;
    private readonly Encoding _encoding;
    private ChildTable? _table;

    private ChildFile(ChildJoin join, RecordReader reader, Encoding encoding)
    {
        _join = join;
        _reader = reader;
        _encoding = encoding;
    }

    /// <summary>Checks a <c>--children</c> join against the rule set and the file system (nothing is read yet).</summary>
    public static ChildFile Open(ChildJoin join, RecordReader reader, Encoding encoding)
    {
        if (!reader.CollectionNames.Contains(join.Collection))
            throw new CliException($"--children {join.Collection}=…: the rule set has no collection '{join.Collection}' (it has: {(reader.CollectionNames.Count == 0 ? "none" : string.Join(", ", reader.CollectionNames))})", Cli.Usage);
        if (!System.IO.File.Exists(join.File.Full)) throw new CliException($"{join.File}: child file for '{join.Collection}' not found");
        if (!CsvInput.IsCsv(join.File.Text)) throw new CliException($"{join.File}: a child file must be .csv", Cli.Usage);
        return new ChildFile(join, reader, encoding);
    }

    public string Collection => _join.Collection;

    /// <summary>The file as the user named it.</summary>
    public string File => _join.File.Text;

    public void Load()
    {
        using var text = new StreamReader(_join.File.Full, _encoding, TextEncodings.SkipsUtf8Bom(_encoding), 1 << 16);
        Sylvan.Data.Csv.CsvDataReader csv;
        try
        {
            csv = Sylvan.Data.Csv.CsvDataReader.Create(text, new Sylvan.Data.Csv.CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = 1 << 16 });
        }
        catch (Exception ex) when (ex is DecoderFallbackException or Sylvan.Data.Csv.CsvFormatException or InvalidDataException)
        {
            throw new CliException($"{File}: {ex.Message}");
        }
        using (csv)
        {
            int n = csv.FieldCount;
            var header = Enumerable.Range(0, n).Select(i => csv.GetName(i).Trim().TrimStart('\uFEFF')).ToArray();
            var created = ChildTable.Create(_reader, Collection, header, _join.KeyColumn);
            if (created.Value is not { } table)
                throw new CliException(string.Join(Environment.NewLine, created.Diagnostics.Select(d => $"{File}(1): {d.Message}")));
            while (true)
            {
                bool more;
                try { more = csv.Read(); }
                catch (DecoderFallbackException) { throw new CliException($"{File}: the file is not valid {(_encoding is UTF8Encoding ? "UTF-8" : _encoding.WebName)}; use --encoding"); }
                if (!more) break;
                int count = csv.RowFieldCount;
                if (count <= 1 && n > 1 && csv.GetFieldSpan(0).IsWhiteSpace()) continue;
                long line = csv.RowNumber + 1;
                if (count != n) throw new CliException($"{File}({line}): row has {count} fields but the header has {n}");
                var row = new string[n];
                for (int i = 0; i < n; i++) row[i] = csv.GetString(i);
                table.Add(row, line);
            }
            _table = table;
        }
    }

    /// <summary>The child rows of the record with <paramref name="key"/> (none when the file has no rows for it). Thread-safe.</summary>
    public ChildRows Claim(string key) => _table!.Claim(key);

    public IEnumerable<(long Line, string Key)> Orphans() => _table?.Unclaimed() ?? Array.Empty<(long, string)>();
}
