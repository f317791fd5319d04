using System.Collections.Immutable;
using Scoring.Diagnostics;

namespace Scoring.Model;

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
