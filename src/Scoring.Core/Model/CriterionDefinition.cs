using Scoring.Syntax;

namespace Scoring.Model;

/// <summary>A named yes/no standard, optionally adding points to a score when met.</summary>
public sealed record CriterionDefinition : Definition
{
    /// <inheritdoc />
    public override DefinitionKind Kind => DefinitionKind.Criterion;

    /// <summary>Creates a criterion.</summary>
    public CriterionDefinition(string key, Expr when) : base(key) => When = when;

    /// <summary>The condition.</summary>
    public Expr When { get; }

    /// <summary>Key of the score it counts towards, or null.</summary>
    public string? Score { get; init; }

    /// <summary>Points it adds to the score when met; null means 1.</summary>
    public Expr? Points { get; init; }
}
