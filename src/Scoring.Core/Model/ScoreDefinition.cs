using Scoring.Syntax;

namespace Scoring.Model;

/// <summary>A points or star total: base + points of met criteria + plus, clamped to [min, max].</summary>
public sealed record ScoreDefinition : Definition
{
    /// <inheritdoc />
    public override DefinitionKind Kind => DefinitionKind.Score;

    /// <summary>Creates a score.</summary>
    public ScoreDefinition(string key) : base(key) { }

    /// <summary>Starting points.</summary>
    public decimal Base { get; init; }

    /// <summary>Floor (保底), or null.</summary>
    public decimal? Min { get; init; }

    /// <summary>Cap (封顶), or null.</summary>
    public decimal? Max { get; init; }

    /// <summary>An expression added before clamping, or null.</summary>
    public Expr? Plus { get; init; }
}
