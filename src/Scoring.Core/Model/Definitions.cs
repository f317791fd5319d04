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

/// <summary>How the conditions of an eligibility programme combine.</summary>
public enum ConditionMode
{
    /// <summary>Every condition must hold; the reasons are the conditions that failed.</summary>
    All,
    /// <summary>Any condition suffices; the reasons are the conditions that held.</summary>
    Any,
}

/// <summary>An extra field of an eligibility result, computed by an expression.</summary>
/// <param name="Name">Field name in the result object.</param>
/// <param name="Expression">Its expression (a number, text or a list from <c>collect</c>).</param>
public sealed record ResultField(string Name, Expr Expression)
{
    /// <summary>Where it is declared.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>An eligibility programme: conditions, documents, an amount → status with reasons and missing documents.</summary>
public sealed record EligibilityDefinition : Definition
{
    /// <summary>Creates an eligibility programme.</summary>
    public EligibilityDefinition(string key) : base(key) { }

    /// <summary>Whether all or any of the conditions must hold.</summary>
    public ConditionMode Mode { get; init; }

    /// <summary>Status text when the conditions hold and no document is missing (default <c>eligible</c>).</summary>
    public string EligibleStatus { get; init; } = "eligible";

    /// <summary>Status text when the conditions hold but documents are missing (default <c>eligible_missing_documents</c>).</summary>
    public string MissingDocumentsStatus { get; init; } = "eligible_missing_documents";

    /// <summary>Status text when the conditions do not hold (default <c>not_eligible</c>).</summary>
    public string NotEligibleStatus { get; init; } = "not_eligible";

    /// <summary>Extra fields of the result object.</summary>
    public ImmutableArray<ResultField> Fields { get; init; } = ImmutableArray<ResultField>.Empty;

    /// <summary>Criteria that must all hold; each failed one is a reason.</summary>
    public ImmutableArray<KeyReference> Conditions { get; init; } = ImmutableArray<KeyReference>.Empty;

    /// <summary>The subject's <see cref="FieldType.List"/> field listing the documents provided, or null.</summary>
    public KeyReference? DocumentsField { get; init; }

    /// <summary>Documents required.</summary>
    public ImmutableArray<string> RequiredDocuments { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Amount when the conditions hold (0 otherwise), or null for no amount.</summary>
    public Expr? Amount { get; init; }
}

/// <summary>A record-level check: when it does not hold, the record is rejected with the message (e.g. a month outside the year).</summary>
public sealed record CheckDefinition : Definition
{
    /// <summary>Creates a check.</summary>
    public CheckDefinition(string key, Expr condition, string message) : base(key)
    {
        Condition = condition;
        Message = message;
    }

    /// <summary>What must hold.</summary>
    public Expr Condition { get; }

    /// <summary>The rejection message.</summary>
    public string Message { get; }
}

/// <summary>
/// A generated collection of periods (e.g. the twelve months of a year): aggregates iterate over
/// it like over child records, each period exposing its value under <see cref="Field"/>.
/// </summary>
public sealed record PeriodDefinition : Definition
{
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
    public RankingDefinition(string key, RankingKind kind) : base(key) => Kind = kind;

    /// <summary>What it computes.</summary>
    public RankingKind Kind { get; }

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
