using System.Collections.Immutable;
using Scoring.Diagnostics;

namespace Scoring.Model;

/// <summary>The type of an input field or parameter.</summary>
public enum FieldType
{
    /// <summary>Text.</summary>
    String,
    /// <summary>A whole number (held as an exact decimal).</summary>
    Integer,
    /// <summary>An exact decimal number.</summary>
    Decimal,
    /// <summary><c>true</c> / <c>false</c>.</summary>
    Boolean,
    /// <summary>A calendar date <c>YYYY-MM-DD</c>.</summary>
    Date,
    /// <summary>A calendar month <c>YYYY-MM</c>.</summary>
    Month,
    /// <summary>One of a fixed list of text values.</summary>
    Enum,
    /// <summary>A list of text values (optionally restricted to a fixed list), e.g. documents provided.</summary>
    List,
    /// <summary>A marginal-rate scale (parameters only): bands with a rate each.</summary>
    Scale,
}

/// <summary>An input field of the subject or of a child record.</summary>
/// <param name="Name">Field name as it appears in the input (CSV header, JSON property).</param>
/// <param name="Type">Its type.</param>
public sealed record FieldDefinition(string Name, FieldType Type)
{
    /// <summary>Label shown in explanations.</summary>
    public string? Label { get; init; }

    /// <summary>When true the field may be empty; reading it then needs <c>??</c> or <c>is_empty</c>.</summary>
    public bool Optional { get; init; }

    /// <summary>Smallest allowed value (numbers).</summary>
    public decimal? Min { get; init; }

    /// <summary>Largest allowed value (numbers).</summary>
    public decimal? Max { get; init; }

    /// <summary>Allowed values of an <see cref="FieldType.Enum"/> or <see cref="FieldType.List"/> field.</summary>
    public ImmutableArray<string> Values { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Where the field is declared.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>A collection of child records (e.g. the members of a household).</summary>
/// <param name="Name">Name of the collection (JSON array property).</param>
/// <param name="Schema">Fields of each child record.</param>
public sealed record CollectionDefinition(string Name, RecordSchema Schema)
{
    /// <summary>Label shown in explanations.</summary>
    public string? Label { get; init; }

    /// <summary>Definitions computed for each child record (values, criteria, scores), usable inside aggregates over the collection.</summary>
    public ImmutableArray<Definition> Definitions { get; init; } = ImmutableArray<Definition>.Empty;

    /// <summary>Where the collection is declared.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>The fields and child collections of one kind of record.</summary>
/// <param name="Fields">Scalar fields.</param>
/// <param name="Collections">Child collections.</param>
public sealed record RecordSchema(ImmutableArray<FieldDefinition> Fields, ImmutableArray<CollectionDefinition> Collections)
{
    /// <summary>The field called <paramref name="name"/>, or null.</summary>
    public FieldDefinition? FindField(string name)
    {
        foreach (var f in Fields) if (f.Name == name) return f;
        return null;
    }

    /// <summary>The collection called <paramref name="name"/>, or null.</summary>
    public CollectionDefinition? FindCollection(string name)
    {
        foreach (var c in Collections) if (c.Name == name) return c;
        return null;
    }
}

/// <summary>The input schema of the records a rule set scores.</summary>
/// <param name="Key">The field that identifies a record.</param>
/// <param name="Record">Its fields and collections.</param>
public sealed record SubjectSchema(string Key, RecordSchema Record)
{
    /// <summary>Name of the subject (for messages), e.g. <c>household</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Where the schema is declared.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>One dated value of a parameter.</summary>
/// <param name="From">First day the value is in force.</param>
/// <param name="Key">Value of the parameter's key field it applies to, or null for the fallback.</param>
/// <param name="Value">The value.</param>
public sealed record DatedValue(DateOnly From, string? Key, decimal Value)
{
    /// <summary>For a scale parameter: the bands, ascending by lower bound.</summary>
    public ImmutableArray<ScaleBand> Bands { get; init; } = ImmutableArray<ScaleBand>.Empty;

    /// <summary>Where it is declared.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>A named parameter whose value changes over time (and optionally by a key such as county).</summary>
/// <param name="Name">Name used in expressions.</param>
/// <param name="Type"><see cref="FieldType.Integer"/> or <see cref="FieldType.Decimal"/>.</param>
public sealed record ParameterDefinition(string Name, FieldType Type)
{
    /// <summary>Label shown in explanations.</summary>
    public string? Label { get; init; }

    /// <summary>Unit, e.g. 元/人/月.</summary>
    public string? Unit { get; init; }

    /// <summary>Legal or policy reference for the values.</summary>
    public string? Reference { get; init; }

    /// <summary>A subject field the values are keyed by (e.g. <c>county</c>), or null.</summary>
    public string? KeyField { get; init; }

    /// <summary>Dated values; empty when the run must supply the value.</summary>
    public ImmutableArray<DatedValue> Values { get; init; } = ImmutableArray<DatedValue>.Empty;

    /// <summary>Where it is declared.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>One band of a marginal-rate scale: the part of an amount above <paramref name="From"/> (up to the next band) is multiplied by <paramref name="Rate"/>.</summary>
/// <param name="From">Lower bound of the band.</param>
/// <param name="Rate">Rate applied inside the band.</param>
public sealed record ScaleBand(decimal From, decimal Rate);
