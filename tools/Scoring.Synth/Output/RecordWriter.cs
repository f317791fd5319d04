using System.Buffers.Text;

namespace Scoring.Synth;

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
