using System.Buffers;
using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>Writes a <see cref="LineLayout"/> onto a stream: rows formatted on the workers into per-thread buffers, written in order.</summary>
internal sealed class LineWriter : IResultWriter, IRowFormatter
{
    private readonly Stream _stream;
    private readonly LineLayout _layout;
    private readonly ArrayBufferWriter<byte> _line = new(512); // the writer thread's own

    [ThreadStatic] private static ArrayBufferWriter<byte>? _pending; // rows formatted on this worker thread

    public LineWriter(Stream stream, LineLayout layout)
    {
        _stream = stream;
        _layout = layout;
    }

    public IRowFormatter Rows => this;

    public void WriteHeader()
    {
        _line.ResetWrittenCount();
        _layout.WriteHeader(_line);
        _stream.Write(_line.WrittenSpan);
    }

    public void BeginRows() => _pending?.ResetWrittenCount();

    public void Append(string? key, ReadOnlySpan<Value> values) => _layout.WriteRow(_pending ??= new ArrayBufferWriter<byte>(512), key, values);

    public object TakeRows()
    {
        var pending = _pending ??= new ArrayBufferWriter<byte>(512);
        var rows = pending.WrittenSpan.ToArray();
        pending.ResetWrittenCount();
        return rows;
    }

    public void WriteRows(object rows) => _stream.Write((byte[])rows);

    public void Write(Evaluation evaluation, ReadOnlySpan<Value> kept)
    {
        _line.ResetWrittenCount();
        _layout.WriteRow(_line, evaluation, kept);
        _stream.Write(_line.WrittenSpan);
    }

    public void Finish() => _stream.Flush();
}
