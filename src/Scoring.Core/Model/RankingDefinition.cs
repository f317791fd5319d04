using System.Collections.Immutable;
using Scoring.Syntax;

namespace Scoring.Model;

/// <summary>The kinds of population-level outcome.</summary>
public enum RankingKind
{
    /// <summary>Rank 1…n within each group (never shared; ties broken by the order keys).</summary>
    Rank,
    /// <summary>true for the first <see cref="RankingDefinition.Count"/> records of each group in order.</summary>
    Select,
    /// <summary>Shares a pool per group in proportion to shares, in whole units, largest remainders first.</summary>
    Allocate,
}

/// <summary>One sort key of a ranking.</summary>
/// <param name="Expression">The key.</param>
/// <param name="Descending">True for largest first.</param>
public sealed record OrderKey(Expr Expression, bool Descending);

/// <summary>
/// A population-level outcome, computed after every record of the run has been scored: ranks,
/// quota selections and pro-rata allocations within groups. Rejected records take no part.
/// </summary>
public sealed record RankingDefinition : Definition
{
    /// <summary>Creates a population-level outcome.</summary>
    public RankingDefinition(string key, RankingKind kind) : base(key) => RankingKind = kind;

    /// <inheritdoc />
    public override DefinitionKind Kind => DefinitionKind.Ranking;

    /// <summary>What it computes.</summary>
    public RankingKind RankingKind { get; }

    /// <summary>Expressions whose values form the group (empty: one group).</summary>
    public ImmutableArray<Expr> GroupBy { get; init; } = ImmutableArray<Expr>.Empty;

    /// <summary>Which records take part (others get an empty rank / false / 0); null for all.</summary>
    public Expr? Among { get; init; }

    /// <summary>Sort keys, most significant first.</summary>
    public ImmutableArray<OrderKey> OrderBy { get; init; } = ImmutableArray<OrderKey>.Empty;

    /// <summary>For <see cref="RankingKind.Select"/>: how many per group; may use <c>group_size</c> and <c>among_size</c>.</summary>
    public Expr? Count { get; init; }

    /// <summary>For <see cref="RankingKind.Allocate"/>: the pool of the record's group.</summary>
    public Expr? Pool { get; init; }

    /// <summary>For <see cref="RankingKind.Allocate"/>: the record's shares.</summary>
    public Expr? Shares { get; init; }
}
