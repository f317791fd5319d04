using System.Globalization;
using Scoring.Model;
using Scoring.Primitives;

namespace Scoring.Runtime;

/// <summary>One field set from its text, number or list, checked against the field's type, bounds and allowed values.</summary>
public sealed partial class RecordReader
{
    private static string TypeName(FieldSlot f) => f.Def.Type switch
    {
        FieldType.Integer => "a whole number",
        FieldType.Decimal => "a number",
        FieldType.Boolean => "true or false",
        FieldType.Date => "a date YYYY-MM-DD",
        FieldType.Month => "a month YYYY-MM",
        FieldType.Enum => "one of " + string.Join(", ", f.Def.Values),
        FieldType.List => "a list",
        _ => "text",
    };

    private static void SetText(Record rec, FieldSlot f, string text, string path, List<FieldError> errors) =>
        SetText(rec, f, text.AsSpan(), text, path, errors);

    /// <summary>Sets a field from its text; <paramref name="original"/> is the same text as a string when the caller has one (else one is made only for text fields and errors).</summary>
    private static void SetText(Record rec, FieldSlot f, ReadOnlySpan<char> text, string? original, string path, List<FieldError> errors)
    {
        var def = f.Def;
        switch (def.Type)
        {
            case FieldType.String:
                rec.Str[f.Slot] = original ?? text.ToString();
                break;
            case FieldType.Enum:
            {
                var t = text.Trim();
                int i = -1;
                for (int k = 0; k < def.Values.Length; k++)
                    if (t.SequenceEqual(def.Values[k])) { i = k; break; }
                if (i < 0)
                {
                    errors.Add(new FieldError(path, $"'{text}' is not one of {string.Join(", ", def.Values)}", FieldErrorKind.NotAllowed));
                    return;
                }
                rec.Str[f.Slot] = def.Values[i]; // the schema's own instance, so comparisons hit reference equality
                break;
            }
            case FieldType.Integer:
            case FieldType.Decimal:
            {
                // the common case of a whole number within its bounds, without decimal arithmetic;
                // anything else (and every error) takes the general path below
                if (f.Storage == Storage.Long && TryParseWhole(text.Trim(), out long whole) && whole >= f.MinWhole && whole <= f.MaxWhole)
                {
                    rec.Long[f.Slot] = whole;
                    break;
                }
                if (!ExactDecimal.TryParse(text.Trim(), out var d))
                {
                    errors.Add(new FieldError(path, decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
                        ? $"'{text}' has more significant digits than can be held exactly (28)"
                        : $"'{text}' is not {TypeName(f)}"));
                    return;
                }
                SetNumber(rec, f, d, path, errors);
                return;
            }
            case FieldType.Boolean:
            {
                var t = text.Trim();
                bool? b = IsAny(t, "true", "1", "yes", "是") ? true : IsAny(t, "false", "0", "no", "否") ? false : null;
                if (b is null)
                {
                    errors.Add(new FieldError(path, $"'{text}' is not true or false"));
                    return;
                }
                rec.Bool[f.Slot] = b.Value;
                break;
            }
            case FieldType.Date:
            {
                if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    errors.Add(new FieldError(path, $"'{text}' is not a date YYYY-MM-DD"));
                    return;
                }
                rec.Int[f.Slot] = d.DayNumber;
                break;
            }
            case FieldType.Month:
            {
                if (!Months.TryParse(text.Trim(), out var m))
                {
                    errors.Add(new FieldError(path, $"'{text}' is not a month YYYY-MM"));
                    return;
                }
                rec.Int[f.Slot] = m;
                break;
            }
            case FieldType.List:
                SetList(rec, f, (original ?? text.ToString()).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(), path, errors);
                return;
        }
        rec.Present[f.Index] = true;
    }

    /// <summary>An optional sign and 1 to 18 digits (always within long).</summary>
    private static bool TryParseWhole(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        int i = s.Length > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
        if (s.Length - i is < 1 or > 18) return false;
        long v = 0;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) return false;
            v = v * 10 + d;
        }
        value = s[0] == '-' ? -v : v;
        return true;
    }

    private static bool IsAny(ReadOnlySpan<char> t, string a, string b, string c, string d) =>
        t.Equals(a, StringComparison.OrdinalIgnoreCase) || t.SequenceEqual(b) || t.Equals(c, StringComparison.OrdinalIgnoreCase) || t.SequenceEqual(d);

    private static void SetNumber(Record rec, FieldSlot f, decimal d, string path, List<FieldError> errors)
    {
        if (f.Def.Type == FieldType.Integer && d != decimal.Truncate(d))
        {
            errors.Add(new FieldError(path, $"{d.ToString(CultureInfo.InvariantCulture)} is not a whole number"));
            return;
        }
        if (f.Def.Min is { } min && d < min)
        {
            errors.Add(new FieldError(path, $"{d.ToString(CultureInfo.InvariantCulture)} is below the minimum {min.ToString(CultureInfo.InvariantCulture)}", FieldErrorKind.OutOfRange));
            return;
        }
        if (f.Def.Max is { } max && d > max)
        {
            errors.Add(new FieldError(path, $"{d.ToString(CultureInfo.InvariantCulture)} is above the maximum {max.ToString(CultureInfo.InvariantCulture)}", FieldErrorKind.OutOfRange));
            return;
        }
        if (f.Storage == Storage.Long)
        {
            if (d < long.MinValue || d > long.MaxValue)
            {
                errors.Add(new FieldError(path, $"{d.ToString(CultureInfo.InvariantCulture)} is beyond the whole numbers that can be held (±9 223 372 036 854 775 807)", FieldErrorKind.OutOfRange));
                return;
            }
            rec.Long[f.Slot] = (long)d;
        }
        else rec.Num[f.Slot] = d;
        rec.Present[f.Index] = true;
    }

    private static void SetList(Record rec, FieldSlot f, List<string> items, string path, List<FieldError> errors)
    {
        if (!f.Def.Values.IsDefaultOrEmpty)
        {
            for (int i = 0; i < items.Count; i++)
            {
                int k = f.Def.Values.IndexOf(items[i]);
                if (k < 0)
                {
                    errors.Add(new FieldError($"{path}[{i}]", $"'{items[i]}' is not one of {string.Join(", ", f.Def.Values)}", FieldErrorKind.NotAllowed));
                    return;
                }
                items[i] = f.Def.Values[k];
            }
        }
        rec.Lists[f.Slot] = items.ToArray();
        rec.Present[f.Index] = true;
    }
}
