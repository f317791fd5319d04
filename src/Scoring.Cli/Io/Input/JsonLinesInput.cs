using System.Text;
using System.Text.Json;
using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>JSON Lines input (<c>.jsonl</c>, <c>.ndjson</c>, <c>.json</c>): one JSON object a line, child records as arrays inside it.</summary>
internal sealed class JsonLinesInput : IInputFormat
{
    public string LocationHint => ".jsonl";

    public bool Accepts(string location) => IsJsonLines(location);

    public static bool IsJsonLines(string location) => FormatNames.HasExtension(location, ".jsonl", ".ndjson", ".json");

    public IRecordSource Open(InputRequest request)
    {
        request.RequireFile();
        if (request.Children.Count > 0)
            throw new CliException("--children joins child records to a CSV input; JSON Lines input carries them as arrays", Cli.Usage);
        return new Source(request);
    }

    /// <summary>Splits lines on bytes and decodes each on its own, so an encoding error names its exact line.</summary>
    private sealed class Source : FileSource, IRecordSource
    {
        private readonly RecordReader _reader;
        private readonly Encoding _encoding;

        public Source(InputRequest request) : base(request.Path)
        {
            _reader = request.Reader;
            _encoding = request.Encoding;
        }

        public IEnumerable<(string File, long Line, string Key)> Orphans() => Array.Empty<(string, long, string)>();

        public RecordResult Parse(InputItem item)
        {
            if (item.Error is not null) return RecordResult.Invalid(item.Key, item.Number, item.Error);
            try
            {
                using var doc = JsonDocument.Parse(item.Text!, new JsonDocumentOptions { MaxDepth = 64 });
                return _reader.Read(doc.RootElement, item.Number);
            }
            catch (JsonException ex)
            {
                return RecordResult.Invalid(null, item.Number, $"invalid JSON: {ex.Message}");
            }
        }

        /// <summary>A JSON line gets a record of its own (the scratch record is for rows).</summary>
        public Record? ParseInto(InputItem item, Record scratch, out RecordResult? failure)
        {
            var parsed = Parse(item);
            failure = parsed.Record is null ? parsed : null;
            return parsed.Record;
        }

        public IEnumerable<InputItem> Items()
        {
            using var stream = OpenFile();
            var buffer = new byte[1 << 16];
            var pending = new MemoryStream();
            long line = 0, number = 0;
            bool first = true;
            while (true)
            {
                int read = stream.Read(buffer, 0, buffer.Length);
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
            if (first && bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) && TextEncodings.SkipsUtf8Bom(_encoding)) bytes = bytes[3..];
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
                return new InputItem(number, line, null, null, $"line {line} is not valid {TextEncodings.NameOf(_encoding)}; use --encoding to name the file's encoding", null);
            }
            pending.SetLength(0);
            if (string.IsNullOrWhiteSpace(s)) return null;
            number++;
            return new InputItem(number, line, null, s, null, null);
        }
    }
}
