namespace Scoring.Synth;

/// <summary>Ids and zero-padded digits, written as ASCII bytes.</summary>
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
