using System.Collections.Immutable;

namespace Scoring;

/// <summary>What a run needs beyond the records: the as-of date and parameter values.</summary>
public sealed record RunOptions
{
    /// <summary>The date the rules are applied on (ages, dated parameters). Required when the rule set uses either.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Parameter values given by the run; they override dated values.</summary>
    public IReadOnlyDictionary<string, decimal> Parameters { get; init; } = ImmutableDictionary<string, decimal>.Empty;
}
