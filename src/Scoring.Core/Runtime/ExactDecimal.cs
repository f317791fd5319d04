using System.Globalization;

namespace Scoring.Runtime;

/// <summary>Parses decimal text only when <see cref="decimal"/> holds it exactly: more significant digits than it can hold are an error, never a silent rounding.</summary>
public static class ExactDecimal
{
    /// <summary>Parses plain decimal text (optional sign, digits, optional point and digits); false when it is not a number or cannot be held exactly.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out decimal value)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
            return false;
        return Canonical(text.Trim()) == Canonical(value.ToString(CultureInfo.InvariantCulture));
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
