using System.Collections.Immutable;
using Scoring.Syntax;

namespace Scoring.Model;

/// <summary>
/// A generated collection of periods (e.g. the twelve months of a year): aggregates iterate over
/// it like over child records, each period exposing its value under <see cref="Field"/>.
/// </summary>
public sealed record PeriodDefinition : Definition
{
    /// <inheritdoc />
    public override DefinitionKind Kind => DefinitionKind.Period;

    /// <summary>Creates a period range.</summary>
    public PeriodDefinition(string key, string field, Expr from, Expr to) : base(key)
    {
        Field = field;
        From = from;
        To = to;
    }

    /// <summary>Name of the period value inside aggregates.</summary>
    public string Field { get; }

    /// <summary>First period (a month or an integer).</summary>
    public Expr From { get; }

    /// <summary>Last period, included.</summary>
    public Expr To { get; }

    /// <summary>Definitions computed for each period.</summary>
    public ImmutableArray<Definition> Definitions { get; init; } = ImmutableArray<Definition>.Empty;
}
