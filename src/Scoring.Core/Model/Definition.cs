using Scoring.Diagnostics;

namespace Scoring.Model;

/// <summary>
/// A named rule of a rule set: a derived value, a criterion, a score, a classification or an
/// eligibility programme. All definitions share one namespace with the input fields and parameters.
/// The set of kinds is closed.
/// </summary>
public abstract record Definition
{
    private protected Definition(string key) => Key = key;

    /// <summary>The key used in expressions and outcomes.</summary>
    public string Key { get; }

    /// <summary>Label shown in explanations (Chinese welcome).</summary>
    public string? Label { get; init; }

    /// <summary>Free description.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// The sentence the public explanation shows for it, written by the author (null: made from the rule);
    /// <c>{name}</c> in it stands for the value of a name the rule reads.
    /// </summary>
    public ExplainText? Explain { get; init; }

    /// <summary>Where it is declared.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>Which kind of definition this is.</summary>
    public abstract DefinitionKind Kind { get; }
}

/// <summary>A reference by key to another definition, with where it is written.</summary>
/// <param name="Key">The key referred to.</param>
public sealed record KeyReference(string Key)
{
    /// <summary>Where the reference is written.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>
/// What the public explanation says of a definition, as its author wrote it: one sentence, or one for when
/// it holds and one for when it does not. <c>{name}</c> stands for the record's value of <c>name</c>, shown
/// with its label's wording (an enum value as its label, yes/no as 是/否).
/// </summary>
/// <param name="Met">The sentence when it holds (or the only one).</param>
/// <param name="NotMet">The sentence when it does not hold; null: <paramref name="Met"/> for both.</param>
public sealed record ExplainText(string Met, string? NotMet = null)
{
    /// <summary>Where it is written.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>The sentence for a definition that holds (<paramref name="met"/> true or null) or not.</summary>
    public string For(bool? met) => met == false && NotMet is not null ? NotMet : Met;
}
