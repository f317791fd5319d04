namespace Scoring.Cli.Io;

/// <summary>Invariant text of a decimal without trailing zeros after the point (5760.00 → 5760), without a division.</summary>
internal static class NumberText
{
    /// <summary>The text of <see cref="Scoring.Runtime.ResultJson.FormatNumber"/>, written as UTF-8 (for CSV lines written as bytes).</summary>
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
