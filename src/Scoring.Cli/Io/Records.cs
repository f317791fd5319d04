using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>One raw input record: a CSV row (one string for the whole row), a JSON line, or the error that made it unreadable.</summary>
internal sealed class InputItem
{
    private readonly int _keyIndex;
    private string? _key;

    public InputItem(long number, long line, TextRow? row, string? json, string? error, string? key, int keyIndex = -1)
    {
        Number = number;
        Line = line;
        Row = row;
        Json = json;
        Error = error;
        _key = key;
        _keyIndex = keyIndex;
    }

    public long Number { get; }
    public long Line { get; }
    public TextRow? Row { get; }
    public string? Json { get; }
    public string? Error { get; }

    /// <summary>The key column's text (made on first use: most records never need it as a string here).</summary>
    public string? Key => _key ??= Row is { } row && _keyIndex >= 0 && _keyIndex < row.Count ? row[_keyIndex].ToString() : null;
}

/// <summary>Reads CSV (Sylvan.Data.Csv; UTF-8 or GB18030) or JSON Lines input files record by record, without parsing values (that happens on worker threads).</summary>
internal sealed class InputFile
{
    private readonly string _path;
    private readonly RecordReader _reader;
    private readonly Encoding _encoding;
    private ColumnMap? _map;

    private readonly List<ChildFile> _children = new();

    public InputFile(string path, RecordReader reader, Encoding encoding, IReadOnlyList<(string Collection, string File, string KeyColumn)>? children = null)
    {
        _path = path;
        _reader = reader;
        _encoding = encoding;
        if (!File.Exists(path)) throw new CliException($"{path}: input file not found");
        if (!IsCsv(path) && !IsJsonLines(path)) throw new CliException($"{path}: input must be .csv or .jsonl");
        children ??= Array.Empty<(string, string, string)>();
        if (children.Count > 0 && !IsCsv(path))
            throw new CliException("--children joins child records to a CSV input; JSON Lines input carries them as arrays", 2);
        foreach (var (collection, file, key) in children)
        {
            if (!reader.CollectionNames.Contains(collection))
                throw new CliException($"--children {collection}=…: the rule set has no collection '{collection}' (it has: {(reader.CollectionNames.Count == 0 ? "none" : string.Join(", ", reader.CollectionNames))})", 2);
            _children.Add(new ChildFile(collection, file, key, reader, encoding));
        }
        var unjoined = reader.CollectionNames.Where(c => !_children.Any(x => x.Collection == c)).ToList();
        if (IsCsv(path) && unjoined.Count > 0)
            throw new CliException($"{path}: this rule set reads child records ({string.Join(", ", unjoined)}), which a flat CSV file cannot carry; use JSON Lines input, or join them from CSV files with --children {unjoined[0]}=FILE.csv:KEY_COLUMN");
    }

    /// <summary>Child rows that no input record claimed (reported as rejects after the run: nothing is dropped silently).</summary>
    public IEnumerable<(string File, long Line, string Key)> Orphans() =>
        _children.SelectMany(c => c.Orphans().Select(o => (c.File, o.Line, o.Key)));

    public static bool IsJsonLines(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) ||
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    public static Encoding ParseEncoding(string? name)
    {
        if (name is null || name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            return new UTF8Encoding(false, true);
        if (name.Equals("gb18030", StringComparison.OrdinalIgnoreCase) || name.Equals("gbk", StringComparison.OrdinalIgnoreCase) || name.Equals("gb2312", StringComparison.OrdinalIgnoreCase))
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            // GB18030 is a superset of GBK and GB2312; invalid bytes are errors, not replacement characters
            return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        throw new CliException($"unknown encoding '{name}'; use utf-8 or gb18030", 2);
    }

    /// <summary>The raw records. Throws <see cref="CliException"/> for problems that stop the whole file.</summary>
    public IEnumerable<InputItem> Items() => IsCsv(_path) ? Csv() : JsonLines();

    /// <summary>Parses a raw record (thread-safe).</summary>
    public RecordResult Parse(InputItem item)
    {
        if (item.Error is not null) return RecordResult.Invalid(item.Key, item.Number, item.Error);
        if (item.Row is { } fields)
        {
            return _reader.Read(fields, _map!, ClaimChildren(item), item.Number);
        }
        try
        {
            using var doc = JsonDocument.Parse(item.Json!, new JsonDocumentOptions { MaxDepth = 64 });
            return _reader.Read(doc.RootElement, item.Number);
        }
        catch (JsonException ex)
        {
            return RecordResult.Invalid(null, item.Number, $"invalid JSON: {ex.Message}");
        }
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

    /// <summary>
    /// Parses a raw record for immediate evaluation (thread-safe): a CSV row is read into
    /// <paramref name="scratch"/>, which the caller reuses for its next record; a JSON line gets a record of its own.
    /// Returns null, with the reason, for a record that cannot be read.
    /// </summary>
    public Record? ParseForEvaluation(InputItem item, Record scratch, out RecordResult? failure)
    {
        if (item.Error is null && item.Row is { } row)
        {
            return _reader.TryReadInto(row, _map!, ClaimChildren(item), item.Number, scratch, out failure) ? scratch : null;
        }
        var parsed = Parse(item);
        failure = parsed.Record is null ? parsed : null;
        return parsed.Record;
    }

    private FileStream? _stream;

    /// <summary>Size of the input in bytes.</summary>
    public long Length => new FileInfo(_path).Length;

    /// <summary>Bytes read so far (for progress).</summary>
    public long Position
    {
        get
        {
            try { return _stream?.Position ?? 0; }
            catch (ObjectDisposedException) { return Length; }
        }
    }

    private TextReader Open()
    {
        _stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return new StreamReader(_stream, _encoding, detectEncodingFromByteOrderMarks: _encoding is UTF8Encoding, 1 << 16);
    }

    /// <summary>
    /// Finds the first line that is not valid in the encoding and throws naming it. Called once the CSV
    /// reader has met bad bytes: it decodes whole buffers and cannot say where they are. (A run that
    /// stops here leaves no output: the partial file is removed.)
    /// </summary>
    private void CheckEncoding()
    {
        using var fs = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new byte[1 << 20];
        int carry = 0;
        long line = 1;
        bool first = true;
        while (true)
        {
            int read = fs.Read(buffer, carry, buffer.Length - carry);
            int length = carry + read;
            if (length == 0) return;
            // check whole lines only; a line longer than the buffer is checked as it is
            int end = read == 0 ? length : buffer.AsSpan(0, length).LastIndexOf((byte)'\n') + 1;
            if (end <= 0) end = length;
            var block = buffer.AsSpan(0, end);
            int skip = first && block.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) && _encoding is UTF8Encoding ? 3 : 0;
            first = false;
            if (!Valid(block[skip..]))
            {
                // find the line
                var rest = block[skip..];
                while (true)
                {
                    int nl = rest.IndexOf((byte)'\n');
                    var l = nl < 0 ? rest : rest[..(nl + 1)];
                    if (!Valid(l))
                        throw new CliException(line == 1
                            ? $"{_path}: the header is not valid {EncodingName}; use --encoding to name the file's encoding"
                            : $"{_path}: line {line} is not valid {EncodingName}; use --encoding to name the file's encoding");
                    if (nl < 0) break;
                    rest = rest[(nl + 1)..];
                    line++;
                }
            }
            line += block.Count((byte)'\n');
            carry = length - end;
            buffer.AsSpan(end, carry).CopyTo(buffer);
            if (read == 0) return;
        }
    }

    private bool Valid(ReadOnlySpan<byte> bytes)
    {
        if (_encoding is UTF8Encoding) return System.Text.Unicode.Utf8.IsValid(bytes);
        try
        {
            _encoding.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private IEnumerable<InputItem> Csv()
    {
        if (Length == 0) throw new CliException($"{_path}: the file is empty (a header row is needed)");
        foreach (var c in _children) c.Load();
        using var text = Open();
        Sylvan.Data.Csv.CsvDataReader csv;
        try
        {
            csv = Sylvan.Data.Csv.CsvDataReader.Create(text, new Sylvan.Data.Csv.CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = 1 << 16 });
        }
        catch (DecoderFallbackException)
        {
            CheckEncoding();
            // the reader decodes a whole 64 KiB buffer at once, so the bad bytes may be anywhere in it
            throw new CliException($"{_path}: the file is not valid {EncodingName} within its first 64 KiB; use --encoding to name the file's encoding");
        }
        catch (Exception ex) when (ex is Sylvan.Data.Csv.CsvFormatException or InvalidDataException)
        {
            throw new CliException($"{_path}: {ex.Message}");
        }
        using (csv)
        {
            int n = csv.FieldCount;
            if (n == 0) throw new CliException($"{_path}: the file is empty (a header row is needed)");
            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < n; i++)
            {
                var name = csv.GetName(i).Trim().TrimStart('\uFEFF');
                if (name.Length == 0) throw new CliException($"{_path}(1,{i + 1}): column {i + 1} of the header has no name");
                if (!columns.TryAdd(name, i)) throw new CliException($"{_path}(1): column '{name}' appears twice in the header");
            }
            var missing = _reader.RequiredFieldNames.Where(f => !columns.ContainsKey(f)).ToList();
            if (missing.Count > 0)
                throw new CliException($"{_path}(1): the header lacks required field(s): {string.Join(", ", missing)}");
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
                    CheckEncoding();
                    throw new CliException($"{_path}: the file is not valid {EncodingName} after record {number} (near line {number + 2}); use --encoding to name the file's encoding");
                }
                catch (Exception ex) when (ex is Sylvan.Data.Csv.CsvFormatException or InvalidDataException)
                {
                    throw new CliException($"{_path}: record {number + 1}: {ex.Message}");
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

    private string EncodingName => _encoding is UTF8Encoding ? "UTF-8" : _encoding.WebName.ToUpperInvariant();

    private IEnumerable<InputItem> JsonLines()
    {
        // split lines on bytes and decode each on its own, so an encoding error names its exact line
        _stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var stream = _stream;
        var buffer = new byte[1 << 16];
        var pending = new MemoryStream();
        long line = 0, number = 0;
        bool first = true;
        int read;
        while (true)
        {
            read = stream.Read(buffer, 0, buffer.Length);
            int start = 0;
            for (int i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n') continue;
                pending.Write(buffer, start, i - start);
                start = i + 1;
                var item = Line(pending, ref line, ref number, ref first);
                if (item is not null) yield return item;
            }
            if (read == 0)
            {
                if (pending.Length > 0)
                {
                    var item = Line(pending, ref line, ref number, ref first);
                    if (item is not null) yield return item;
                }
                yield break;
            }
            pending.Write(buffer, start, read - start);
        }
    }

    private InputItem? Line(MemoryStream pending, ref long line, ref long number, ref bool first)
    {
        line++;
        var bytes = pending.GetBuffer().AsSpan(0, (int)pending.Length);
        if (first && bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) && _encoding is UTF8Encoding) bytes = bytes[3..];
        first = false;
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r') bytes = bytes[..^1];
        string s;
        try
        {
            s = _encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            pending.SetLength(0);
            number++;
            return new InputItem(number, line, null, null, $"line {line} is not valid {EncodingName}; use --encoding to name the file's encoding", null);
        }
        pending.SetLength(0);
        if (string.IsNullOrWhiteSpace(s)) return null;
        number++;
        return new InputItem(number, line, null, s, null, null);
    }
}

/// <summary>Where scored records go.</summary>
internal interface IResultSink : IDisposable
{
    void Write(Evaluation evaluation);

    /// <summary>The underlying stream, for lines formatted elsewhere (header already written).</summary>
    Stream RawStream { get; }
}

/// <summary>Writes one JSON object per line: <c>{"id": …, "outcomes": {…}, "explanation": […]}</c>.</summary>
internal sealed class JsonLinesSink : IResultSink
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;
    private readonly bool _ownsStream;

    public Stream RawStream => _stream;

    public JsonLinesSink(Stream stream, bool ownsStream)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _writer = new Utf8JsonWriter(stream, ResultJson.WriterOptions);
    }

    public void Write(Evaluation e)
    {
        _writer.Reset();
        ResultJson.WriteEvaluation(_writer, e);
        _writer.Flush();
        _stream.WriteByte((byte)'\n');
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Flush();
        if (_ownsStream) _stream.Dispose();
    }
}

/// <summary>Writes CSV: the key column, then one column per outcome, object outcomes flattened as <c>dibao.status</c>; lists joined with ';'.</summary>
internal sealed class CsvSink : IResultSink
{
    private readonly Stream _stream;
    private readonly LineFormatter _lines;

    public Stream RawStream => _stream;

    public CsvSink(Stream stream, CompiledRuleSet rules)
    {
        _stream = stream;
        _lines = new LineFormatter(rules, csv: true);
        _stream.Write(_lines.CsvHeader(rules.Reader.KeyField));
    }

    public void Write(Evaluation e) => _stream.Write(_lines.Format(e.Key, e.Outcomes.Select(o => o.Value).ToArray()));

    public void Dispose()
    {
        _stream.Flush();
        _stream.Dispose();
    }
}

/// <summary>Writes rejected records as JSON Lines: record number, line, id when known, reason.</summary>
internal sealed class RejectSink : IDisposable
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;
    private readonly bool _owns;

    public RejectSink(Stream stream, bool owns)
    {
        _stream = stream;
        _owns = owns;
        _writer = new Utf8JsonWriter(stream, ResultJson.WriterOptions);
    }

    public void Write(string file, long number, long line, string? key, string code, string reason)
    {
        _writer.Reset();
        _writer.WriteStartObject();
        _writer.WriteNumber("record", number);
        _writer.WriteNumber("line", line);
        if (key is null) _writer.WriteNull("id");
        else _writer.WriteString("id", key);
        _writer.WriteString("file", file);
        _writer.WriteString("code", code);
        _writer.WriteString("reason", reason);
        _writer.WriteEndObject();
        _writer.Flush();
        _stream.WriteByte((byte)'\n');
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Flush();
        if (_owns) _stream.Dispose();
    }
}

/// <summary>An error that stops a command, reported as one line on stderr.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode = 1) : base(message) => ExitCode = exitCode;

    public int ExitCode { get; }
}

/// <summary>Progress on stderr: a live line (records/s, ETA) on a terminal; otherwise a plain line every 10 seconds.</summary>
internal sealed class Progress
{
    private readonly TextWriter _w;
    private readonly long _total;
    private readonly bool _interactive;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private TimeSpan _last;
    private bool _shown;

    public Progress(TextWriter w, long totalBytes)
    {
        _w = w;
        _total = totalBytes;
        _interactive = ReferenceEquals(w, Console.Error) && !Console.IsErrorRedirected;
    }

    public void Report(long records, long position)
    {
        var now = _clock.Elapsed;
        if (now - _last < (_interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(10))) return;
        _last = now;
        double rate = records / Math.Max(0.001, now.TotalSeconds);
        double fraction = _total > 0 ? Math.Clamp((double)position / _total, 0, 1) : 0;
        string eta = fraction > 0.01 ? TimeSpan.FromSeconds(now.TotalSeconds * (1 - fraction) / fraction).ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture) : "--:--:--";
        string text = $"{records,12:N0} records  {rate,10:N0}/s  {fraction * 100,5:0.0}%  ETA {eta}";
        if (_interactive)
        {
            int width = 30, filled = (int)(fraction * width);
            _w.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {text}");
            _shown = true;
        }
        else
        {
            _w.WriteLine($"progress: {text}");
        }
    }

    public void Done()
    {
        if (_shown) _w.WriteLine();
    }
}

/// <summary>Invariant text of a decimal without trailing zeros after the point (5760.00 → 5760), without a division.</summary>
internal static class NumberText
{

    /// <summary>The text of <see cref="ResultJson.FormatNumber"/>, written as UTF-8 (for CSV lines written as bytes).</summary>
    public static ReadOnlySpan<byte> Format(decimal d, Span<byte> buffer)
    {
        d.TryFormat(buffer, out int n, default, System.Globalization.CultureInfo.InvariantCulture);
        var s = buffer[..n];
        if (s.IndexOf((byte)'.') >= 0)
        {
            s = s.TrimEnd((byte)'0');
            if (s[^1] == (byte)'.') s = s[..^1];
        }
        return s.SequenceEqual("-0"u8) ? "0"u8 : s;
    }
}

/// <summary>
/// Formats one scored record as an output line (UTF-8 bytes, newline included) on a worker thread,
/// from the outcome values alone: the fast path of `scoring run` without explanations.
/// </summary>
internal sealed class LineFormatter
{
    private readonly IReadOnlyList<OutcomeInfo> _outcomes;
    private readonly bool _csv;

    [ThreadStatic] private static System.Buffers.ArrayBufferWriter<byte>? _buffer;
    [ThreadStatic] private static Utf8JsonWriter? _json;

    public LineFormatter(CompiledRuleSet rules, bool csv)
    {
        _outcomes = rules.Outcomes;
        _csv = csv;
    }

    public byte[] Format(string? key, ReadOnlySpan<Value> values)
    {
        Append(key, values);
        return TakeLines();
    }

    /// <summary>
    /// Appends one record's line to this thread's pending lines; <see cref="TakeLines"/> returns them
    /// all as one array (a worker formats a whole chunk of records into one buffer).
    /// </summary>
    public void Append(string? key, ReadOnlySpan<Value> values)
    {
        if (_csv) Csv(key, values);
        else JsonLine(key, values);
    }

    /// <summary>Drops any lines pending on this thread (left by a chunk that failed part-way).</summary>
    public void BeginLines()
    {
        _line?.Clear();
        _buffer?.Clear();
    }

    /// <summary>The lines appended on this thread since the last call, as UTF-8.</summary>
    public byte[] TakeLines()
    {
        if (_csv)
        {
            var line = _line ??= new Utf8Line();
            var bytes = line.ToArray();
            line.Clear();
            return bytes;
        }
        var buffer = _buffer ??= new System.Buffers.ArrayBufferWriter<byte>(512);
        var json = buffer.WrittenSpan.ToArray();
        buffer.Clear();
        return json;
    }

    /// <summary>Opens the record's object and writes <c>"id"</c> and <c>"outcomes"</c>; the caller closes the object.</summary>
    private void WriteIdAndOutcomes(Utf8JsonWriter w, string? key, ReadOnlySpan<Value> values)
    {
        w.WriteStartObject();
        w.WriteString("id", key);
        w.WriteStartObject("outcomes");
        for (int i = 0; i < _outcomes.Count; i++)
        {
            w.WritePropertyName(_outcomes[i].Key);
            ResultJson.WriteValue(w, values[i]);
        }
        w.WriteEndObject();
    }

    /// <summary>The CSV header line: the key field, then the outcomes, object outcomes flattened as <c>dibao.status</c>.</summary>
    public byte[] CsvHeader(string keyField)
    {
        var line = new Utf8Line(); // its own, not this thread's pending lines
        line.Cell(keyField);
        foreach (var o in _outcomes)
        {
            if (o.Fields.Count == 0) { line.Add((byte)','); line.Cell(o.Key); }
            else foreach (var f in o.Fields) { line.Add((byte)','); line.Cell(o.Key + "." + f); }
        }
        line.Add((byte)'\n');
        return line.ToArray();
    }

    private void JsonLine(string? key, ReadOnlySpan<Value> values)
    {
        var buffer = _buffer ??= new System.Buffers.ArrayBufferWriter<byte>(512);
        var w = _json ??= new Utf8JsonWriter(buffer, ResultJson.WriterOptions);
        w.Reset(buffer);
        WriteIdAndOutcomes(w, key, values);
        w.WriteEndObject();
        w.Flush();
        System.Buffers.BuffersExtensions.Write(buffer, "\n"u8);
    }

    private void Csv(string? key, ReadOnlySpan<Value> values)
    {
        // formatted straight to UTF-8: no string per line, no transcoding of the whole line
        var line = _line ??= new Utf8Line();
        line.Cell(key ?? "");
        for (int i = 0; i < _outcomes.Count; i++)
        {
            var fields = _outcomes[i].Fields;
            if (fields.Count == 0)
            {
                line.Add((byte)',');
                line.Cell(values[i]);
            }
            else
            {
                foreach (var f in fields)
                {
                    line.Add((byte)',');
                    line.Cell(values[i][f]);
                }
            }
        }
        line.Add((byte)'\n');
    }

    [ThreadStatic] private static Utf8Line? _line;

    /// <summary>One CSV line being written as UTF-8 bytes.</summary>
    private sealed class Utf8Line
    {
        private byte[] _bytes = new byte[512];
        private int _length;

        public void Clear() => _length = 0;

        public byte[] ToArray() => _bytes.AsSpan(0, _length).ToArray();

        private Span<byte> Room(int n)
        {
            if (_length + n > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + n));
            return _bytes.AsSpan(_length);
        }

        public void Add(byte b)
        {
            Room(1)[0] = b;
            _length++;
        }

        private void Add(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(Room(bytes.Length));
            _length += bytes.Length;
        }

        public void Cell(Value v)
        {
            switch (v.Kind)
            {
                case ValueKind.Empty: break;
                case ValueKind.Boolean: Add(v.AsBoolean ? "true"u8 : "false"u8); break;
                case ValueKind.Number:
                {
                    Span<byte> buf = stackalloc byte[48];
                    Add(NumberText.Format(v.AsNumber, buf));
                    break;
                }
                case ValueKind.Text: Cell(v.AsText!); break;
                case ValueKind.List: Cell(string.Join(";", v.AsList.Select(x => x.ToString()))); break;
                default: Cell(v.ToString()); break;
            }
        }

        public void Cell(string text)
        {
            if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0) text = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            int n = Encoding.UTF8.GetByteCount(text);
            Encoding.UTF8.GetBytes(text, Room(n));
            _length += n;
        }
    }
}

/// <summary>
/// A CSV file of child records joined to the input by a key column (as exported from a database
/// table). It is read once, grouped by key in file order; each input record claims its group.
/// Memory grows with this file, not with the input.
/// </summary>
internal sealed class ChildFile
{
    private readonly RecordReader _reader;
    private readonly Encoding _encoding;
    private ChildTable? _table;

    public ChildFile(string collection, string file, string keyColumn, RecordReader reader, Encoding encoding)
    {
        Collection = collection;
        File = file;
        KeyColumn = keyColumn;
        _reader = reader;
        _encoding = encoding;
        if (!System.IO.File.Exists(file)) throw new CliException($"{file}: child file for '{collection}' not found");
        if (!InputFile.IsCsv(file)) throw new CliException($"{file}: a child file must be .csv", 2);
    }

    public string Collection { get; }
    public string File { get; }
    public string KeyColumn { get; }

    public void Load()
    {
        using var text = new StreamReader(File, _encoding, _encoding is UTF8Encoding, 1 << 16);
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
            var created = ChildTable.Create(_reader, Collection, header, KeyColumn);
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
