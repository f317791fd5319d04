using System.Text.Json;
using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>Writes rejected records as JSON Lines: record number, line, id when known, file, code and reason.</summary>
internal sealed class RejectWriter
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;

    private readonly List<IRejectSink> _sinks = new();

    /// <summary>Also hands every rejected record to <paramref name="sink"/> (an .xlsx rejects sheet, the report).</summary>
    public void Also(IRejectSink sink) => _sinks.Add(sink);

    public RejectWriter(Stream stream)
    {
        _stream = stream;
        _writer = new Utf8JsonWriter(stream, ResultJson.WriterOptions);
    }

    public void Write(string file, long number, long line, string? key, string code, string reason)
    {
        foreach (var s in _sinks) s.Reject(number, line, key, code, reason);
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

    public void Finish()
    {
        _writer.Flush();
        _stream.Flush();
    }
}
