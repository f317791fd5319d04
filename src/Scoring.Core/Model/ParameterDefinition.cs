using System.Collections.Immutable;
using Scoring.Diagnostics;

namespace Scoring.Model;

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

/// <summary>One band of a marginal-rate scale: the part of an amount above <paramref name="From"/> (up to the next band) is multiplied by <paramref name="Rate"/>.</summary>
/// <param name="From">Lower bound of the band.</param>
/// <param name="Rate">Rate applied inside the band.</param>
public sealed record ScaleBand(decimal From, decimal Rate);
