using System.Globalization;
using System.Text;
using Scoring.Primitives;

namespace Scoring.Runtime;

/// <summary>The kind of an outcome value.</summary>
public enum ValueKind
{
    /// <summary>No value (e.g. no title earned).</summary>
    Empty,
    /// <summary>true / false.</summary>
    Boolean,
    /// <summary>An exact decimal number.</summary>
    Number,
    /// <summary>Text.</summary>
    Text,
    /// <summary>A date.</summary>
    Date,
    /// <summary>A month.</summary>
    Month,
    /// <summary>A list of values.</summary>
    List,
    /// <summary>Named values (e.g. an eligibility result: status, amount, reasons…).</summary>
    Object,
}

/// <summary>A named value inside an object value.</summary>
/// <param name="Key">The name.</param>
/// <param name="Value">The value.</param>
public readonly record struct NamedValue(string Key, Value Value);

/// <summary>An outcome or input value: immutable, compared by value (numbers by numeric value: 5760 equals 5760.00).</summary>
public readonly struct Value : IEquatable<Value>
{
    private readonly decimal _number;
    private readonly object? _ref;
    private readonly int _int;

    private Value(ValueKind kind, decimal number = 0, object? reference = null, int integer = 0)
    {
        Kind = kind;
        _number = number;
        _ref = reference;
        _int = integer;
    }

    /// <summary>The kind of value.</summary>
    public ValueKind Kind { get; }

    /// <summary>The empty value.</summary>
    public static Value Empty => default;

    /// <summary>A boolean.</summary>
    public static Value Of(bool b) => new(ValueKind.Boolean, integer: b ? 1 : 0);

    /// <summary>A number.</summary>
    public static Value Of(decimal d) => new(ValueKind.Number, d);

    /// <summary>Text, or empty for null.</summary>
    public static Value Of(string? s) => s is null ? Empty : new(ValueKind.Text, reference: s);

    /// <summary>A date.</summary>
    public static Value Of(DateOnly d) => new(ValueKind.Date, integer: d.DayNumber);

    /// <summary>A month given as <c>year × 12 + month − 1</c>.</summary>
    public static Value OfMonth(int month) => new(ValueKind.Month, integer: month);

    /// <summary>A list.</summary>
    public static Value List(IReadOnlyList<Value> items) => new(ValueKind.List, reference: items);

    /// <summary>An object of named values.</summary>
    public static Value Object(IReadOnlyList<NamedValue> fields) => new(ValueKind.Object, reference: fields);

    /// <summary>The boolean (false unless <see cref="Kind"/> is Boolean).</summary>
    public bool AsBoolean => Kind == ValueKind.Boolean && _int != 0;

    /// <summary>The number (0 unless <see cref="Kind"/> is Number).</summary>
    public decimal AsNumber => _number;

    /// <summary>The text (null unless <see cref="Kind"/> is Text).</summary>
    public string? AsText => _ref as string;

    /// <summary>The date.</summary>
    public DateOnly AsDate => DateOnly.FromDayNumber(Kind == ValueKind.Date ? _int : 0);

    /// <summary>The month as <c>year × 12 + month − 1</c>.</summary>
    public int AsMonth => _int;

    /// <summary>The items of a list (empty otherwise).</summary>
    public IReadOnlyList<Value> AsList => _ref as IReadOnlyList<Value> ?? Array.Empty<Value>();

    /// <summary>The fields of an object (empty otherwise).</summary>
    public IReadOnlyList<NamedValue> AsObject => _ref as IReadOnlyList<NamedValue> ?? Array.Empty<NamedValue>();

    /// <summary>The field <paramref name="key"/> of an object, or empty.</summary>
    public Value this[string key]
    {
        get
        {
            foreach (var f in AsObject) if (f.Key == key) return f.Value;
            return Empty;
        }
    }

    /// <summary>A number without trailing zeros after the point (5760.00 → 5760, 412.50 → 412.5).</summary>
    public static decimal Normalize(decimal d) => d / 1.0000000000000000000000000000m;

    /// <summary>Invariant text of a scalar; JSON-like for lists and objects.</summary>
    public override string ToString()
    {
        switch (Kind)
        {
            case ValueKind.Empty: return "";
            case ValueKind.Boolean: return AsBoolean ? "true" : "false";
            case ValueKind.Number: return Normalize(_number).ToString(CultureInfo.InvariantCulture);
            case ValueKind.Text: return (string)_ref!;
            case ValueKind.Date: return AsDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case ValueKind.Month: return Months.Format(_int);
            case ValueKind.List: return "[" + string.Join(", ", AsList) + "]";
            default:
            {
                var sb = new StringBuilder("{");
                foreach (var f in AsObject)
                {
                    if (sb.Length > 1) sb.Append(", ");
                    sb.Append(f.Key).Append(": ").Append(f.Value.ToString());
                }
                return sb.Append('}').ToString();
            }
        }
    }

    /// <inheritdoc />
    public bool Equals(Value other)
    {
        if (Kind != other.Kind) return false;
        switch (Kind)
        {
            case ValueKind.Empty: return true;
            case ValueKind.Number: return _number == other._number;
            case ValueKind.Text: return string.Equals((string)_ref!, (string)other._ref!, StringComparison.Ordinal);
            case ValueKind.List:
            {
                var a = AsList;
                var b = other.AsList;
                if (a.Count != b.Count) return false;
                for (int i = 0; i < a.Count; i++) if (!a[i].Equals(b[i])) return false;
                return true;
            }
            case ValueKind.Object:
            {
                var a = AsObject;
                var b = other.AsObject;
                if (a.Count != b.Count) return false;
                for (int i = 0; i < a.Count; i++)
                    if (a[i].Key != b[i].Key || !a[i].Value.Equals(b[i].Value)) return false;
                return true;
            }
            default: return _int == other._int;
        }
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Value v && Equals(v);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        ValueKind.Number => HashCode.Combine(Kind, Normalize(_number)),
        ValueKind.Text => HashCode.Combine(Kind, _ref),
        ValueKind.List or ValueKind.Object => HashCode.Combine(Kind, ToString()),
        _ => HashCode.Combine(Kind, _int),
    };

    /// <summary>Equality.</summary>
    public static bool operator ==(Value a, Value b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Value a, Value b) => !a.Equals(b);
}
