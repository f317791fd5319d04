using System.Collections.Immutable;
using Scoring.Diagnostics;
using Scoring.Syntax;

namespace Scoring.Model;

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
    /// <summary>Label shown to people (null: the label of the definition the expression names, if it is a bare name).</summary>
    public string? Label { get; init; }

    /// <summary>Where it is declared.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>An eligibility programme: conditions, documents, an amount → status with reasons and missing documents.</summary>
public sealed record EligibilityDefinition : Definition
{
    /// <inheritdoc />
    public override DefinitionKind Kind => DefinitionKind.Eligibility;

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

    /// <summary>Labels of the statuses shown to people (status text → label, e.g. <c>included</c> → 纳入监测); a status without one gets the default wording.</summary>
    public ImmutableDictionary<string, string> StatusLabels { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The words people read for <paramref name="status"/>: its <see cref="StatusLabels"/> entry, else the default wording of the built-in statuses (符合条件, 符合条件，尚缺材料, 不符合条件; 符合 / 不符合 for true / false), else the status itself.</summary>
    public string StatusLabel(string status) =>
        StatusLabels.TryGetValue(status, out var l) ? l : status switch
        {
            "eligible" => "符合条件",
            "eligible_missing_documents" => "符合条件，尚缺材料",
            "not_eligible" => "不符合条件",
            "true" => "符合",
            "false" => "不符合",
            _ => status,
        };

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
