using System.Buffers.Text;

namespace Scoring.Synth;

/// <summary>CSV with a header row, RFC 4180 quoting, '\n' line ends; checks that fields come in the header's order.</summary>
internal sealed class CsvRecordWriter : RecordWriter
{
    private const int Size = 1 << 16;
    private readonly Stream _out;
    private readonly Token[] _columns;
    private readonly byte[] _buf = new byte[Size];
    private int _pos, _col;

    public CsvRecordWriter(Stream output, Token[] columns)
    {
        _out = output;
        _columns = columns;
        for (int i = 0; i < columns.Length; i++)
        {
            if (i > 0) Put((byte)',');
            Put(columns[i].Csv);
        }
        Put((byte)'\n');
    }

    public override void BeginRecord() => _col = 0;

    public override void EndRecord()
    {
        if (_col != _columns.Length) throw new InvalidOperationException($"CSV record has {_col} of {_columns.Length} fields");
        Put((byte)'\n');
    }

    private void Next(Token name)
    {
        if (_col >= _columns.Length || !ReferenceEquals(_columns[_col], name))
            throw new InvalidOperationException($"CSV field '{name}' written out of the header's order");
        if (_col++ > 0) Put((byte)',');
    }

    private Span<byte> Room(int n)
    {
        if (_pos + n > Size)
        {
            _out.Write(_buf, 0, _pos);
            _pos = 0;
        }
        return _buf.AsSpan(_pos, n);
    }

    private void Put(byte b)
    {
        Room(1)[0] = b;
        _pos++;
    }

    private void Put(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > Size)
        {
            _out.Write(_buf, 0, _pos);
            _pos = 0;
            _out.Write(bytes);
            return;
        }
        bytes.CopyTo(Room(bytes.Length));
        _pos += bytes.Length;
    }

    public override void String(Token name, Token value)
    {
        Next(name);
        Put(value.Csv);
    }

    public override void Ascii(Token name, ReadOnlySpan<byte> value)
    {
        Next(name);
        Put(value);
    }

    public override void Int(Token name, long value)
    {
        Next(name);
        Utf8Formatter.TryFormat(value, Room(20), out int n);
        _pos += n;
    }

    public override void Decimal(Token name, long units, int scale)
    {
        Next(name);
        int n = FormatDecimal(Room(32), units, scale); // Room may flush and reset _pos: read _pos only after it
        _pos += n;
    }

    public override void Bool(Token name, bool value)
    {
        Next(name);
        Put(value ? "true"u8 : "false"u8);
    }

    public override void Null(Token name) => Next(name);

    public override void Dispose()
    {
        if (_pos > 0) _out.Write(_buf, 0, _pos);
        _pos = 0;
        _out.Flush();
    }
}
