using System.Globalization;

namespace Scoring.Primitives;

/// <summary>Months as integers (<c>year × 12 + month − 1</c>) so that they compare and subtract cheaply.</summary>
internal static class Months
{
    /// <summary>Parses <c>YYYY-MM</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out int month)
    {
        month = 0;
        if (s.Length != 7 || s[4] != '-') return false;
        if (!int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y) ||
            !int.TryParse(s[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var m) || y < 1 || m is < 1 or > 12)
            return false;
        month = y * 12 + m - 1;
        return true;
    }

    /// <summary>Formats as <c>YYYY-MM</c>.</summary>
    public static string Format(int month) =>
        (month / 12).ToString("0000", CultureInfo.InvariantCulture) + "-" + (month % 12 + 1).ToString("00", CultureInfo.InvariantCulture);

    /// <summary>The month of a date.</summary>
    public static int Of(DateOnly d) => d.Year * 12 + d.Month - 1;
}
