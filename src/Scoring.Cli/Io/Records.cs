using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>One input record as read from a file: its number, line and either the parsed record or why it could not be read.</summary>
internal sealed record InputItem(long Number, long Line, RecordResult? Read, string? Error, string? Key);

/// <summary>Reads CSV or JSON Lines input files record by record.</summary>
internal static class InputFiles
{
    public static bool IsJsonLines(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) ||
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads records; throws <see cref="CliException"/> for problems that stop the whole file (missing columns, unreadable file).</summary>
    public static IEnumerable<InputItem> Read(string path, RecordReader reader)
    {
        if (!File.Exists(path)) throw new CliException($"{path}: input file not found");
        if (IsCsv(path)) return ReadCsv(path, reader);
        if (IsJsonLines(path)) return ReadJsonLines(path, reader);
        throw new CliException($"{path}: input must be .csv or .jsonl");
    }

    private static IEnumerable<InputItem> ReadCsv(string path, RecordReader reader)
    {
        using var text = new StreamReader(path, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
        var csv = new CsvReader(text);
        List<string>? header;
        try
        {
            header = csv.ReadRow();
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            throw new CliException($"{path}: {ex.Message}");
        }
        if (header is null) throw new CliException($"{path}: the file is empty (a header row is needed)");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0) throw new CliException($"{path}(1,{i + 1}): column {i + 1} of the header has no name");
            if (!index.TryAdd(name, i)) throw new CliException($"{path}(1): column '{name}' appears twice in the header");
        }
        var missing = reader.RequiredFieldNames.Where(f => !index.ContainsKey(f)).ToList();
        if (missing.Count > 0)
            throw new CliException($"{path}(1): the header lacks required field(s): {string.Join(", ", missing)}");
        long number = 0;
        while (true)
        {
            List<string>? row;
            string? error = null;
            try
            {
                row = csv.ReadRow();
            }
            catch (FormatException ex)
            {
                row = null;
                error = ex.Message;
            }
            catch (DecoderFallbackException)
            {
                throw new CliException($"{path}: line {csv.RowLine}: the file is not valid UTF-8");
            }
            if (error is not null)
            {
                yield return new InputItem(++number, csv.RowLine, null, error, null);
                yield break;
            }
            if (row is null) yield break;
            number++;
            if (row.Count != header.Count)
            {
                string? key = index.TryGetValue(reader.KeyField, out var ki) && ki < row.Count ? row[ki] : null;
                yield return new InputItem(number, csv.RowLine, null, $"row has {row.Count} fields but the header has {header.Count}", key);
                continue;
            }
            var r = row;
            var read = reader.Read(name => index.TryGetValue(name, out var i) ? r[i] : null, number);
            yield return new InputItem(number, csv.RowLine, read, null, read.Key);
        }
    }

    private static IEnumerable<InputItem> ReadJsonLines(string path, RecordReader reader)
    {
        using var text = new StreamReader(path, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
        long line = 0, number = 0;
        while (true)
        {
            string? s;
            try
            {
                s = text.ReadLine();
            }
            catch (DecoderFallbackException)
            {
                throw new CliException($"{path}: line {line + 1}: the file is not valid UTF-8");
            }
            if (s is null) yield break;
            line++;
            if (string.IsNullOrWhiteSpace(s)) continue;
            number++;
            JsonDocument? doc = null;
            string? error = null;
            try
            {
                doc = JsonDocument.Parse(s, new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException ex)
            {
                error = $"invalid JSON: {ex.Message}";
            }
            if (doc is null)
            {
                yield return new InputItem(number, line, null, error, null);
                continue;
            }
            using (doc)
            {
                var read = reader.Read(doc.RootElement, number);
                yield return new InputItem(number, line, read, null, read.Key);
            }
        }
    }
}

/// <summary>Where scored records go.</summary>
internal interface IResultSink : IDisposable
{
    void Write(Evaluation evaluation);
}

internal static class Json
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteValue(Utf8JsonWriter w, Value v)
    {
        switch (v.Kind)
        {
            case ValueKind.Empty: w.WriteNullValue(); break;
            case ValueKind.Boolean: w.WriteBooleanValue(v.AsBoolean); break;
            case ValueKind.Number: w.WriteNumberValue(Value.Normalize(v.AsNumber)); break;
            case ValueKind.List:
                w.WriteStartArray();
                foreach (var i in v.AsList) WriteValue(w, i);
                w.WriteEndArray();
                break;
            case ValueKind.Object:
                w.WriteStartObject();
                foreach (var f in v.AsObject)
                {
                    w.WritePropertyName(f.Key);
                    WriteValue(w, f.Value);
                }
                w.WriteEndObject();
                break;
            default: w.WriteStringValue(v.ToString()); break;
        }
    }

    public static void WriteExplanation(Utf8JsonWriter w, Explanation ex)
    {
        w.WriteStartArray();
        foreach (var item in ex.Items)
        {
            w.WriteStartObject();
            w.WriteString("key", item.Key);
            if (item.Label is not null) w.WriteString("label", item.Label);
            w.WriteString("kind", item.Kind);
            w.WritePropertyName("value");
            WriteValue(w, item.Value);
            if (item.Met is { } met) w.WriteBoolean("met", met);
            if (item.Points is { } p) w.WriteNumber("points", Value.Normalize(p));
            if (item.Rule is not null) w.WriteString("rule", item.Rule);
            if (item.Inputs.Count > 0)
            {
                w.WriteStartArray("inputs");
                foreach (var i in item.Inputs)
                {
                    w.WriteStartObject();
                    w.WriteString("name", i.Name);
                    if (i.Label is not null) w.WriteString("label", i.Label);
                    w.WritePropertyName("value");
                    WriteValue(w, i.Value);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (item.Notes.Count > 0)
            {
                w.WriteStartArray("notes");
                foreach (var n in item.Notes) w.WriteStringValue(n);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}

/// <summary>Writes one JSON object per line: <c>{"id": …, "outcomes": {…}, "explanation": […]}</c>.</summary>
internal sealed class JsonLinesSink : IResultSink
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;
    private readonly bool _ownsStream;

    public JsonLinesSink(Stream stream, bool ownsStream)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _writer = new Utf8JsonWriter(stream, Json.Options);
    }

    public void Write(Evaluation e)
    {
        _writer.Reset();
        _writer.WriteStartObject();
        _writer.WriteString("id", e.Key);
        _writer.WriteStartObject("outcomes");
        foreach (var o in e.Outcomes)
        {
            _writer.WritePropertyName(o.Key);
            Json.WriteValue(_writer, o.Value);
        }
        _writer.WriteEndObject();
        if (e.Explanation is { } ex)
        {
            _writer.WritePropertyName("explanation");
            Json.WriteExplanation(_writer, ex);
        }
        _writer.WriteEndObject();
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
    private readonly StreamWriter _text;
    private readonly CsvWriter _csv;
    private readonly IReadOnlyList<OutcomeInfo> _outcomes;
    private readonly List<string> _row = new();

    public CsvSink(Stream stream, CompiledRuleSet rules, bool explain)
    {
        if (explain) throw new CliException("--explain needs JSON Lines output (--out file.jsonl): an explanation does not fit in CSV columns");
        _text = new StreamWriter(stream, new UTF8Encoding(false));
        _csv = new CsvWriter(_text);
        _outcomes = rules.Outcomes;
        var header = new List<string> { rules.Reader.KeyField };
        foreach (var o in _outcomes)
        {
            if (o.Fields.Count == 0) header.Add(o.Key);
            else header.AddRange(o.Fields.Select(f => o.Key + "." + f));
        }
        _csv.WriteRow(header);
    }

    private static string Cell(Value v) => v.Kind switch
    {
        ValueKind.List => string.Join(";", v.AsList.Select(x => x.ToString())),
        _ => v.ToString(),
    };

    public void Write(Evaluation e)
    {
        _row.Clear();
        _row.Add(e.Key ?? "");
        for (int i = 0; i < _outcomes.Count; i++)
        {
            var v = e.Outcomes[i].Value;
            if (_outcomes[i].Fields.Count == 0) _row.Add(Cell(v));
            else foreach (var f in _outcomes[i].Fields) _row.Add(Cell(v[f]));
        }
        _csv.WriteRow(_row);
    }

    public void Dispose() => _text.Dispose();
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
        _writer = new Utf8JsonWriter(stream, Json.Options);
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
