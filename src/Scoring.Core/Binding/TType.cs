using System.Collections.Immutable;
using Scoring.Model;

namespace Scoring.Binding;

/// <summary>The kinds of static type an expression can have.</summary>
internal enum TKind { Error, Boolean, Number, Text, Date, Month, Collection, List, Scale, Collected }

/// <summary>The static type of an expression.</summary>
internal sealed record TType(TKind Kind, bool IsInteger = false, ImmutableArray<string> Members = default, bool IsMap = false)
{
    public static readonly TType Error = new(TKind.Error);
    public static readonly TType Boolean = new(TKind.Boolean);
    public static readonly TType Integer = new(TKind.Number, IsInteger: true);
    public static readonly TType Decimal = new(TKind.Number);
    public static readonly TType Text = new(TKind.Text);
    public static readonly TType Date = new(TKind.Date);
    public static readonly TType Month = new(TKind.Month);

    public bool HasMembers => !Members.IsDefaultOrEmpty;

    public override string ToString() => Kind switch
    {
        TKind.Number => IsInteger ? "integer" : "decimal",
        TKind.Boolean => "boolean",
        TKind.Text => HasMembers ? "text (one of " + string.Join(", ", Members) + ")" : "text",
        TKind.Date => "date",
        TKind.Month => "month",
        TKind.Collection => "collection",
        TKind.List => "list",
        TKind.Scale => "scale",
        TKind.Collected => IsMap ? "map" : "list",
        _ => "invalid",
    };

    public static TType OfField(FieldDefinition f) => f.Type switch
    {
        FieldType.Integer => Integer,
        FieldType.Decimal => Decimal,
        FieldType.Boolean => Boolean,
        FieldType.Date => Date,
        FieldType.Month => Month,
        FieldType.Enum => new TType(TKind.Text, Members: f.Values),
        FieldType.List => new TType(TKind.List, Members: f.Values),
        _ => Text,
    };

    /// <summary>The common type of two branches (or arguments), or null when they cannot be unified.</summary>
    public static TType? Unify(TType a, TType b)
    {
        if (a.Kind == TKind.Error) return b;
        if (b.Kind == TKind.Error) return a;
        if (a.Kind != b.Kind) return null;
        if (a.Kind == TKind.Number) return a.IsInteger && b.IsInteger ? Integer : Decimal;
        if (a.Kind == TKind.Text) return a.HasMembers && b.HasMembers ? new TType(TKind.Text, Members: a.Members.Union(b.Members).ToImmutableArray()) : Text;
        return a;
    }

    /// <summary>True when a value of this type matches the type an author declared.</summary>
    public bool Matches(FieldType declared) => declared switch
    {
        FieldType.Integer => Kind == TKind.Number && IsInteger,
        FieldType.Decimal => Kind == TKind.Number,
        FieldType.Boolean => Kind == TKind.Boolean,
        FieldType.Date => Kind == TKind.Date,
        FieldType.Month => Kind == TKind.Month,
        FieldType.String or FieldType.Enum => Kind == TKind.Text,
        _ => false,
    };

    /// <summary>How an error message names what a rule expects ("a yes/no condition (boolean)", …).</summary>
    public static string Describe(TKind k) => k switch
    {
        TKind.Boolean => "a yes/no condition (boolean)",
        TKind.Number => "a number",
        TKind.Text => "text",
        TKind.Date => "a date",
        _ => k.ToString().ToLowerInvariant(),
    };
}
