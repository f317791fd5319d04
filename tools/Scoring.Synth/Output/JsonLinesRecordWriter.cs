using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Scoring.Synth;

/// <summary>JSON Lines: one compact object per line, Chinese text as is (UnsafeRelaxedJsonEscaping), '\n' line ends.</summary>
internal sealed class JsonLinesRecordWriter : RecordWriter
{
    private const int FlushAt = 1 << 16;
    private readonly Stream _out;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushAt * 2);
    private readonly Utf8JsonWriter _w;

    public JsonLinesRecordWriter(Stream output)
    {
        _out = output;
        _w = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    public override void BeginRecord() => _w.WriteStartObject();

    public override void EndRecord()
    {
        _w.WriteEndObject();
        _w.Flush();
        _w.Reset();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        if (_buffer.WrittenCount >= FlushAt)
        {
            _out.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }
    }

    public override void String(Token name, Token value) => _w.WriteString(name.Json, value.Json);
    public override void Ascii(Token name, ReadOnlySpan<byte> value) => _w.WriteString(name.Json, value);
    public override void Int(Token name, long value) => _w.WriteNumber(name.Json, value);

    public override void Decimal(Token name, long units, int scale)
    {
        Span<byte> b = stackalloc byte[32];
        _w.WritePropertyName(name.Json);
        _w.WriteRawValue(b[..FormatDecimal(b, units, scale)], skipInputValidation: true);
    }

    public override void Bool(Token name, bool value) => _w.WriteBoolean(name.Json, value);
    public override void Null(Token name) => _w.WriteNull(name.Json);
    public override void BeginArray(Token name) => _w.WriteStartArray(name.Json);
    public override void EndArray() => _w.WriteEndArray();
    public override void BeginItem() => _w.WriteStartObject();
    public override void EndItem() => _w.WriteEndObject();
    public override void StringItem(Token value) => _w.WriteStringValue(value.Json);

    public override void Dispose()
    {
        _w.Flush();
        if (_buffer.WrittenCount > 0) _out.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
        _w.Dispose();
        _out.Flush();
    }
}
