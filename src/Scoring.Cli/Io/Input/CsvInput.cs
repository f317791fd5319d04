using System.Text;
using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>
/// CSV input (Sylvan.Data.Csv; UTF-8 or GB18030): a header row naming the fields, one record a row.
/// Child records come from other CSV files joined by key (<c>--children</c>): a flat row cannot carry them.
/// </summary>
internal sealed class CsvInput : IInputFormat
{
    public string LocationHint => ".csv";

    public bool Accepts(string location) => IsCsv(location);

    public static bool IsCsv(string location) => FormatNames.HasExtension(location, ".csv");

    public IRecordSource Open(InputRequest request)
    {
        request.RequireFile();
        var reader = request.Reader;
        var children = request.Children.Select(c => ChildFile.Open(c, reader, request.Encoding)).ToList();
        var unjoined = reader.CollectionNames.Where(c => !children.Any(x => x.Collection == c)).ToList();
        if (unjoined.Count > 0)
            throw new CliException($"{request.Path}: this rule set reads child records ({string.Join(", ", unjoined)}), which a flat CSV file cannot carry; use JSON Lines input, or join them from CSV files with --children {unjoined[0]}=FILE.csv:KEY_COLUMN");
        return new Source(request, children);
    }

    /// <summary>Reads the rows on one thread, each row as one string; the fields are parsed on the workers.</summary>
    private sealed class Source : FileSource, IRecordSource
    {
        private readonly RecordReader _reader;
        private readonly Encoding _encoding;
        private readonly List<ChildFile> _children;
        private ColumnMap? _map;

        public Source(InputRequest request, List<ChildFile> children) : base(request.Path)
        {
            _reader = request.Reader;
            _encoding = request.Encoding;
            _children = children;
        }

        public IEnumerable<(string File, long Line, string Key)> Orphans() =>
            _children.SelectMany(c => c.Orphans().Select(o => (c.File, o.Line, o.Key)));

        public RecordResult Parse(InputItem item) =>
            item.Error is not null ? RecordResult.Invalid(item.Key, item.Number, item.Error) : _reader.Read(item.Row!.Value, _map!, ClaimChildren(item), item.Number);

        public Record? ParseInto(InputItem item, Record scratch, out RecordResult? failure)
        {
            if (item.Error is null) return _reader.TryReadInto(item.Row!.Value, _map!, ClaimChildren(item), item.Number, scratch, out failure) ? scratch : null;
            failure = Parse(item);
            return null;
        }

        /// <summary>The child rows of each joined collection that belong to <paramref name="item"/>; null when nothing is joined.</summary>
        private Dictionary<string, ChildRows>? ClaimChildren(InputItem item)
        {
            if (_children.Count == 0) return null;
            var key = item.Key ?? "";
            var rows = new Dictionary<string, ChildRows>(StringComparer.Ordinal);
            foreach (var c in _children) rows[c.Collection] = c.Claim(key);
            return rows;
        }

        private string EncodingName => TextEncodings.NameOf(_encoding);

        /// <summary>Names the first line that is not valid in the encoding (the reader decodes whole buffers and cannot say where they are).</summary>
        private void ThrowAtTheInvalidLine()
        {
            if (InvalidLineFinder.Find(Path.Full, _encoding) is { } line)
                throw new CliException(line == 1
                    ? $"{Path}: the header is not valid {EncodingName}; use --encoding to name the file's encoding"
                    : $"{Path}: line {line} is not valid {EncodingName}; use --encoding to name the file's encoding");
        }

        public IEnumerable<InputItem> Items()
        {
            if (Length == 0) throw new CliException($"{Path}: the file is empty (a header row is needed)");
            foreach (var c in _children) c.Load();
            using var text = new StreamReader(OpenFile(), _encoding, detectEncodingFromByteOrderMarks: TextEncodings.SkipsUtf8Bom(_encoding), 1 << 16);
            Sylvan.Data.Csv.CsvDataReader csv;
            try
            {
                csv = Sylvan.Data.Csv.CsvDataReader.Create(text, new Sylvan.Data.Csv.CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = 1 << 16 });
            }
            catch (DecoderFallbackException)
            {
                ThrowAtTheInvalidLine();
                // the reader decodes a whole 64 KiB buffer at once, so the bad bytes may be anywhere in it
                throw new CliException($"{Path}: the file is not valid {EncodingName} within its first 64 KiB; use --encoding to name the file's encoding");
            }
            catch (Exception ex) when (ex is Sylvan.Data.Csv.CsvFormatException or InvalidDataException)
            {
                throw new CliException($"{Path}: {ex.Message}");
            }
            using (csv)
            {
                int n = csv.FieldCount;
                if (n == 0) throw new CliException($"{Path}: the file is empty (a header row is needed)");
                var columns = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int i = 0; i < n; i++)
                {
                    var name = csv.GetName(i).Trim().TrimStart('\uFEFF');
                    if (name.Length == 0) throw new CliException($"{Path}(1,{i + 1}): column {i + 1} of the header has no name");
                    if (!columns.TryAdd(name, i)) throw new CliException($"{Path}(1): column '{name}' appears twice in the header");
                }
                var missing = _reader.RequiredFieldNames.Where(f => !columns.ContainsKey(f)).ToList();
                if (missing.Count > 0)
                    throw new CliException($"{Path}(1): the header lacks required field(s): {string.Join(", ", missing)}");
                var header = new string[n];
                foreach (var (name, i) in columns) header[i] = name;
                _map = _reader.MapColumns(header);
                bool hasKey = columns.TryGetValue(_reader.KeyField, out var keyIndex);
                long number = 0;
                while (true)
                {
                    bool more;
                    try
                    {
                        more = csv.Read();
                    }
                    catch (DecoderFallbackException)
                    {
                        ThrowAtTheInvalidLine();
                        throw new CliException($"{Path}: the file is not valid {EncodingName} after record {number} (near line {number + 2}); use --encoding to name the file's encoding");
                    }
                    catch (Exception ex) when (ex is Sylvan.Data.Csv.CsvFormatException or InvalidDataException)
                    {
                        throw new CliException($"{Path}: record {number + 1}: {ex.Message}");
                    }
                    if (!more) yield break;
                    int count = csv.RowFieldCount;
                    if (count <= 1 && n > 1 && csv.GetFieldSpan(0).IsWhiteSpace()) continue; // a blank line is not a record
                    number++;
                    long line = csv.RowNumber + 1; // the header is line 1 (a quoted field spanning lines shifts this)
                    if (count != n)
                    {
                        yield return new InputItem(number, line, null, null, $"row has {count} fields but the header has {n}",
                            hasKey && keyIndex < count ? csv.GetString(keyIndex) : null);
                        continue;
                    }
                    // the whole row in one string: two allocations per row here, strings per field only for text fields on the workers
                    var ends = new int[n];
                    int total = 0;
                    for (int i = 0; i < n; i++) ends[i] = total += csv.GetFieldSpan(i).Length;
                    var rowText = string.Create(total, csv, static (dest, r) =>
                    {
                        int at = 0;
                        for (int i = 0; at < dest.Length; i++)
                        {
                            var field = r.GetFieldSpan(i);
                            field.CopyTo(dest[at..]);
                            at += field.Length;
                        }
                    });
                    yield return new InputItem(number, line, new TextRow(rowText, ends), null, null, null, hasKey ? keyIndex : -1);
                }
            }
        }
    }
}
