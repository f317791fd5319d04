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

    /// <summary>Labels of the <see cref="Values"/> shown to people (e.g. <c>first_secretary</c> → 第一书记); a value without one shows as itself.</summary>
    public ImmutableDictionary<string, string> ValueLabels { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>When true, published pages (the notice board) show the field masked, e.g. an ID number as <c>1427**********0012</c>.</summary>
    public bool Mask { get; init; }

    /// <summary>The label of <paramref name="value"/>, or the value itself.</summary>
    public string LabelOf(string value) => ValueLabels.TryGetValue(value, out var l) ? l : value;

    /// <summary>Where the field is declared.</summary>
    public SourceSpan Span { get; init; }
}
