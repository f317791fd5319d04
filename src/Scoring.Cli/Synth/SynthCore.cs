using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Scoring.Cli.Synthetic;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Every record gets its own generator, derived from the seed, a stream
/// number and the record's index, so a record depends only on (seed, index) and the output is the same on every
/// machine and runtime. Only integer arithmetic: no floating point, no Math.Log, nothing platform-dependent.
/// </summary>
internal struct Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public static Rng For(ulong seed, ulong stream, ulong index)
    {
        ulong z = Mix(seed + 0x9E3779B97F4A7C15UL * (stream + 1));
        z = Mix(z ^ (index * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL));
        var r = default(Rng);
        r._s0 = SplitMix(ref z);
        r._s1 = SplitMix(ref z);
        r._s2 = SplitMix(ref z);
        r._s3 = SplitMix(ref z);
        return r;
    }

    /// <summary>The SplitMix64 finaliser: a good 64-bit mixing function.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong SplitMix(ref ulong state) => Mix(state += 0x9E3779B97F4A7C15UL);

    public ulong Next()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A whole number in [0, n).</summary>
    public int Below(int n) => (int)Math.BigMul(Next(), (ulong)n, out _);

    /// <summary>A whole number in [lo, hi], both included.</summary>
    public int Range(int lo, int hi) => lo + Below(hi - lo + 1);

    /// <summary>A whole number in [lo, hi], both included.</summary>
    public long Range(long lo, long hi) => lo + (long)Math.BigMul(Next(), (ulong)(hi - lo + 1), out _);

    /// <summary>True with probability perMille / 1000.</summary>
    public bool Chance(int perMille) => Below(1000) < perMille;

    /// <summary>An index chosen with the given relative weights.</summary>
    public int Pick(ReadOnlySpan<int> weights)
    {
        int total = 0;
        foreach (var w in weights) total += w;
        int x = Below(total);
        for (int i = 0; i < weights.Length; i++)
        {
            if (x < weights[i]) return i;
            x -= weights[i];
        }
        return weights.Length - 1;
    }

    /// <summary>A value from one of the bands (lo, hi, weight), the band chosen by weight, the value uniform within it.</summary>
    public long Band(ReadOnlySpan<(long Lo, long Hi, int Weight)> bands)
    {
        int total = 0;
        foreach (var b in bands) total += b.Weight;
        int x = Below(total);
        foreach (var b in bands)
        {
            if (x < b.Weight) return Range(b.Lo, b.Hi);
            x -= b.Weight;
        }
        return bands[^1].Hi;
    }
}

/// <summary>A constant text (a field name or a value such as a county or an enum member), encoded once for JSON and CSV.</summary>
internal sealed class Token
{
    public Token(string text)
    {
        Text = text;
        Json = JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        var csv = text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
        Csv = Encoding.UTF8.GetBytes(csv);
    }

    public string Text { get; }
    public JsonEncodedText Json { get; }
    public byte[] Csv { get; }

    public override string ToString() => Text;

    public static Token[] Of(params string[] texts)
    {
        var t = new Token[texts.Length];
        for (int i = 0; i < texts.Length; i++) t[i] = new Token(texts[i]);
        return t;
    }
}

/// <summary>
/// Writes records field by field, either as JSON Lines or as CSV, through a buffer to a stream. Values are written
/// in the invariant format: integers, exact decimals given as whole units and a scale, dates, months, booleans.
/// </summary>
internal abstract class RecordWriter : IDisposable
{
    public abstract void BeginRecord();
    public abstract void EndRecord();
    public abstract void String(Token name, Token value);

    /// <summary>A value made of ASCII letters, digits and '-' (ids, dates, months).</summary>
    public abstract void Ascii(Token name, ReadOnlySpan<byte> value);

    public abstract void Int(Token name, long value);

    /// <summary>An exact decimal <paramref name="units"/> × 10^-<paramref name="scale"/>, written without trailing zeros (2550, 2 → 25.5).</summary>
    public abstract void Decimal(Token name, long units, int scale);

    public abstract void Bool(Token name, bool value);
    public abstract void Null(Token name);

    // nested shapes: JSON Lines only
    public virtual void BeginArray(Token name) => throw new NotSupportedException("nested records need JSON Lines");
    public virtual void EndArray() => throw new NotSupportedException("nested records need JSON Lines");
    public virtual void BeginItem() => throw new NotSupportedException("nested records need JSON Lines");
    public virtual void EndItem() => throw new NotSupportedException("nested records need JSON Lines");
    public virtual void StringItem(Token value) => throw new NotSupportedException("nested records need JSON Lines");

    /// <summary>Money in yuan, given in fen (1/100 yuan).</summary>
    public void Money(Token name, long fen) => Decimal(name, fen, 2);

    /// <summary>An id: <paramref name="prefix"/> followed by <paramref name="number"/> zero-padded to <paramref name="width"/> digits.</summary>
    public void Id(Token name, string prefix, long number, int width)
    {
        Span<byte> b = stackalloc byte[64];
        Ascii(name, b[..Ids.Format(b, prefix, number, width)]);
    }

    /// <summary>An id made of a parent id and a sub-number: <c>H-0000001-02</c>.</summary>
    public void Id(Token name, string prefix, long number, int width, int sub, int subWidth)
    {
        Span<byte> b = stackalloc byte[64];
        int n = Ids.Format(b, prefix, number, width);
        b[n++] = (byte)'-';
        n += Ids.Format(b[n..], "", sub, subWidth);
        Ascii(name, b[..n]);
    }

    public void Date(Token name, DateOnly d)
    {
        Span<byte> b = stackalloc byte[10];
        Ids.Digits(b[..4], d.Year);
        b[4] = (byte)'-';
        Ids.Digits(b.Slice(5, 2), d.Month);
        b[7] = (byte)'-';
        Ids.Digits(b.Slice(8, 2), d.Day);
        Ascii(name, b);
    }

    public void Month(Token name, int year, int month)
    {
        Span<byte> b = stackalloc byte[7];
        Ids.Digits(b[..4], year);
        b[4] = (byte)'-';
        Ids.Digits(b.Slice(5, 2), month);
        Ascii(name, b);
    }

    public abstract void Dispose();

    /// <summary>Formats an exact decimal in invariant form without trailing zeros; returns the bytes written.</summary>
    protected static int FormatDecimal(Span<byte> dst, long units, int scale)
    {
        if (units < 0) throw new ArgumentOutOfRangeException(nameof(units), "synthetic values are never negative");
        while (scale > 0 && units % 10 == 0)
        {
            units /= 10;
            scale--;
        }
        long pow = 1;
        for (int i = 0; i < scale; i++) pow *= 10;
        Utf8Formatter.TryFormat(units / pow, dst, out int n);
        if (scale > 0)
        {
            dst[n++] = (byte)'.';
            Ids.Digits(dst.Slice(n, scale), units % pow);
            n += scale;
        }
        return n;
    }
}

internal static class Ids
{
    /// <summary>Digits needed for <paramref name="n"/>, at least 7 (<c>S-0000001</c>).</summary>
    public static int Width(long n)
    {
        int w = 1;
        for (long x = n; x >= 10; x /= 10) w++;
        return Math.Max(7, w);
    }

    public static int Format(Span<byte> dst, string prefix, long number, int width)
    {
        int n = 0;
        foreach (char c in prefix) dst[n++] = (byte)c;
        int digits = 1;
        for (long x = number; x >= 10; x /= 10) digits++;
        int w = Math.Max(width, digits);
        Digits(dst.Slice(n, w), number);
        return n + w;
    }

    /// <summary>Writes <paramref name="value"/> right-aligned and zero-padded into all of <paramref name="dst"/>.</summary>
    public static void Digits(Span<byte> dst, long value)
    {
        for (int i = dst.Length - 1; i >= 0; i--)
        {
            dst[i] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
    }
}

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

/// <summary>The token of a numbered name (a branch, a community), made when the number changes: records come grouped by it.</summary>
internal sealed class TokenCache(Func<long, string> name)
{
    private long _number = -1;
    private Token? _token;

    public Token Get(long number)
    {
        if (number != _number || _token is null)
        {
            _token = new Token(name(number));
            _number = number;
        }
        return _token;
    }
}

/// <summary>Place names shared by the schemes.</summary>
internal static class Places
{
    /// <summary>The five reference counties, then a few others (which fall under the "any other county" parameters).</summary>
    public static readonly Token[] Counties = Token.Of("大宁县", "古浪县", "邵阳县", "紫阳县", "芦山县", "隆回县", "洞口县", "天祝县", "平利县", "宝兴县", "吉县", "汉阴县");

    /// <summary>Relative weights of <see cref="Counties"/>: mostly the five reference counties.</summary>
    public static readonly int[] CountyWeights = { 18, 18, 17, 16, 16, 2, 2, 2, 2, 2, 3, 2 };

    public static readonly string[] Heads =
    {
        "幸福", "阳光", "和谐", "安康", "富民", "惠民", "兴隆", "祥和", "永宁", "金穗", "青山", "绿水", "新华", "团结",
        "振兴", "康乐", "宝塔", "凤凰", "桃源", "梨园", "石门", "白云", "向阳", "丰收", "长乐", "福寿", "昌盛", "平安",
        "锦绣", "云岭", "映山红", "龙山", "清溪", "汉江", "红椿", "黄羊川", "土门", "龙门", "双石", "同心", "城南", "翠屏",
    };

    public static readonly string[] Tails = { "社区", "家园", "新村", "小区", "安置点", "新居", "移民新区", "安置小区", "佳苑" };

    private static readonly string[] Ordinals = { "", "二", "三", "四", "五", "六", "七", "八", "九", "十" };

    /// <summary>Every head + tail: 幸福社区, 幸福家园, …, the names of settlements.</summary>
    public static readonly Token[] SettlementNames = BuildSettlementNames();

    private static Token[] BuildSettlementNames()
    {
        var t = new Token[Heads.Length * Tails.Length];
        for (int i = 0; i < t.Length; i++) t[i] = new Token(Heads[i % Heads.Length] + Tails[i / Heads.Length]);
        return t;
    }

    /// <summary>
    /// The name of community number <paramref name="c"/>: 幸福社区, 阳光社区, 和谐社区, …, then 幸福二社区, … (then a number).
    /// The first two are the communities with their own dividend pools in civilized-household.md.
    /// </summary>
    public static string Community(long c)
    {
        long round = c / Heads.Length;
        string head = Heads[c % Heads.Length];
        return round < Ordinals.Length ? head + Ordinals[round] + "社区" : head + (round + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "社区";
    }

    /// <summary>Days in a month.</summary>
    public static int Days(int year, int month) => DateTime.DaysInMonth(year, month);
}
