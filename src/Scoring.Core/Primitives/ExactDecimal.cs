using System.Globalization;

namespace Scoring.Primitives;

/// <summary>Parses decimal text only when <see cref="decimal"/> holds it exactly: more significant digits than it can hold are an error, never a silent rounding.</summary>
internal static class ExactDecimal
{
    /// <summary>Parses plain decimal text (optional sign, digits, optional point and digits); false when it is not a number or cannot be held exactly.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out decimal value)
    {
        if (TryParseShort(text, out value)) return true;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
            return false;
        // fast path: up to 28 significant digits and 28 decimals always fit exactly
        int significant = 0, decimals = 0;
        bool seenNonZero = false, afterPoint = false;
        foreach (var c in text)
        {
            if (c == '.') { afterPoint = true; continue; }
            if (c is < '0' or > '9') continue;
            if (afterPoint) decimals++;
            if (c != '0') seenNonZero = true;
            if (seenNonZero) significant++;
        }
        if (significant <= 28 && decimals <= 28) return true;
        return Canonical(text.Trim()) == Canonical(value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The common case without the general parser: an optional sign, at most 19 digits and at most one
    /// point. Gives exactly what <see cref="decimal.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider, out decimal)"/>
    /// gives (value and scale); false sends anything else to the general path.
    /// </summary>
    private static bool TryParseShort(ReadOnlySpan<char> s, out decimal value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (s.Length == 0 || s.Length > 21) return false;
        if (s[0] == '-') { negative = true; i = 1; }
        else if (s[0] == '+') i = 1;
        ulong mantissa = 0;
        int digits = 0, scale = -1;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d <= 9)
            {
                if (++digits > 19) return false;
                mantissa = mantissa * 10 + d;
                if (scale >= 0) scale++;
            }
            else if (s[i] == '.' && scale < 0) scale = 0;
            else return false;
        }
        if (digits == 0) return false;
        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative && mantissa != 0, (byte)Math.Max(scale, 0));
        return true;
    }

    private static string Canonical(ReadOnlySpan<char> s)
    {
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+')) s = s[1..];
        int dot = s.IndexOf('.');
        var whole = (dot < 0 ? s : s[..dot]).TrimStart('0');
        var fraction = dot < 0 ? ReadOnlySpan<char>.Empty : s[(dot + 1)..].TrimEnd('0');
        return fraction.IsEmpty ? whole.ToString() : string.Concat(whole, ".", fraction);
    }
}
