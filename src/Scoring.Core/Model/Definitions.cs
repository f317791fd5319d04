using System.Collections.Immutable;
using Scoring.Diagnostics;
using Scoring.Syntax;

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
}

/// <summary>A derived value computed from an expression.</summary>
public sealed record ValueDefinition : Definition
{
    /// <summary>Creates a derived value.</summary>
    public ValueDefinition(string key, Expr expression) : base(key) => Expression = expression;

    /// <summary>The expression.</summary>
    public Expr Expression { get; }

    /// <summary>Type the author asserts the expression has, or null to infer it.</summary>
    public FieldType? DeclaredType { get; init; }
}

/// <summary>A named yes/no standard, optionally adding points to a score when met.</summary>
public sealed record CriterionDefinition : Definition
{
    /// <summary>Creates a criterion.</summary>
    public CriterionDefinition(string key, Expr when) : base(key) => When = when;

    /// <summary>The condition.</summary>
    public Expr When { get; }

    /// <summary>Key of the score it counts towards, or null.</summary>
    public string? Score { get; init; }

    /// <summary>Points it adds to the score when met; null means 1.</summary>
    public Expr? Points { get; init; }
}

/// <summary>A points or star total: base + points of met criteria + plus, clamped to [min, max].</summary>
public sealed record ScoreDefinition : Definition
{
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

/// <summary>One case of a classification: when the condition holds, the result is <see cref="Then"/>.</summary>
/// <param name="When">Condition.</param>
/// <param name="Then">Resulting label.</param>
public sealed record ClassificationCase(Expr When, string Then)
{
    /// <summary>Where it is declared.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>A veto (一票否决): when it holds, the result is capped at or set to a level, whatever the points.</summary>
/// <param name="When">Condition.</param>
public sealed record Veto(Expr When)
{
    /// <summary>The result may be no better than this level (a worse one stays).</summary>
    public string? AtMost { get; init; }

    /// <summary>The result becomes this level.</summary>
    public string? Set { get; init; }

    /// <summary>Label shown in explanations.</summary>
    public string? Label { get; init; }

    /// <summary>Where it is declared.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>Thresholds → labels: the first case that holds wins, then vetoes apply.</summary>
public sealed record ClassificationDefinition : Definition
{
    /// <summary>Creates a classification.</summary>
    public ClassificationDefinition(string key) : base(key) { }

    /// <summary>Ordered levels, best first (required for <see cref="Veto.AtMost"/>); empty for free labels.</summary>
    public ImmutableArray<string> Levels { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>The cases, tried in order.</summary>
    public ImmutableArray<ClassificationCase> Cases { get; init; } = ImmutableArray<ClassificationCase>.Empty;

    /// <summary>Result when no case holds; null means empty.</summary>
    public string? Else { get; init; }

    /// <summary>Vetoes, applied in order after the cases.</summary>
    public ImmutableArray<Veto> Vetoes { get; init; } = ImmutableArray<Veto>.Empty;
}

/// <summary>A reference by key to another definition, with where it is written.</summary>
/// <param name="Key">The key referred to.</param>
public sealed record KeyReference(string Key)
{
    /// <summary>Where the reference is written.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>An eligibility programme: every condition must hold; documents; an amount.</summary>
public sealed record EligibilityDefinition : Definition
{
    /// <summary>Creates an eligibility programme.</summary>
    public EligibilityDefinition(string key) : base(key) { }

    /// <summary>Criteria that must all hold; each failed one is a reason.</summary>
    public ImmutableArray<KeyReference> Conditions { get; init; } = ImmutableArray<KeyReference>.Empty;

    /// <summary>The subject's <see cref="FieldType.List"/> field listing the documents provided, or null.</summary>
    public KeyReference? DocumentsField { get; init; }

    /// <summary>Documents required.</summary>
    public ImmutableArray<string> RequiredDocuments { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Amount when the conditions hold (0 otherwise), or null for no amount.</summary>
    public Expr? Amount { get; init; }
}
