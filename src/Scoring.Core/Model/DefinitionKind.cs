namespace Scoring.Model;

/// <summary>The kinds of definition a rule set is made of (a closed set).</summary>
public enum DefinitionKind
{
    /// <summary>A derived value computed from an expression.</summary>
    Value,
    /// <summary>A named yes/no standard, optionally adding points to a score.</summary>
    Criterion,
    /// <summary>A points or star total with caps and floors.</summary>
    Score,
    /// <summary>Thresholds → labels, with vetoes (一票否决).</summary>
    Classification,
    /// <summary>An eligibility programme: conditions, documents, an amount → status with reasons.</summary>
    Eligibility,
    /// <summary>A record-level check that rejects the record when it does not hold.</summary>
    Check,
    /// <summary>A generated collection of periods (e.g. the months of a year).</summary>
    Period,
    /// <summary>A population-level outcome: rank, quota selection or pro-rata allocation within groups.</summary>
    Ranking,
}

/// <summary>The words the rule language and the explanations use for each <see cref="DefinitionKind"/>.</summary>
public static class DefinitionKindNames
{
    /// <summary>The lower-case keyword of a kind: <c>value</c>, <c>criterion</c>, <c>score</c>, <c>classification</c>, <c>eligibility</c>, <c>check</c>, <c>period</c> or <c>ranking</c>.</summary>
    public static string ToKeyword(this DefinitionKind kind) => kind switch
    {
        DefinitionKind.Value => "value",
        DefinitionKind.Criterion => "criterion",
        DefinitionKind.Score => "score",
        DefinitionKind.Classification => "classification",
        DefinitionKind.Eligibility => "eligibility",
        DefinitionKind.Check => "check",
        DefinitionKind.Period => "period",
        _ => "ranking",
    };
}
