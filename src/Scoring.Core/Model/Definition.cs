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
