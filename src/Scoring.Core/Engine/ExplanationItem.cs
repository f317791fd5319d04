using Scoring.Model;
using Scoring.Runtime;

namespace Scoring;

/// <summary>An input value that decided a rule.</summary>
/// <param name="Name">Field, parameter or rule name (or an aggregate such as <c>count(members where age >= 60)</c>).</param>
/// <param name="Label">Its label.</param>
/// <param name="Value">Its value for this record.</param>
public sealed record ExplanationInput(string Name, string? Label, Value Value);

/// <summary>Why one definition has its value for one record.</summary>
/// <param name="Key">Definition key.</param>
/// <param name="Label">Its label.</param>
/// <param name="Kind">What kind of definition it is.</param>
/// <param name="Value">Its value.</param>
/// <param name="Met">For criteria and eligibility: whether it holds.</param>
/// <param name="Rule">The rule's expression (for a classification: the case that held).</param>
/// <param name="Inputs">The values it read.</param>
/// <param name="Points">Points contributed to its score, for a criterion that counts towards one.</param>
/// <param name="Notes">Further detail: score arithmetic and caps, vetoes, failed conditions.</param>
/// <param name="IsOutcome">True when the rule set reports it as an outcome.</param>
public sealed record ExplanationItem(string Key, string? Label, DefinitionKind Kind, Value Value, bool? Met, string? Rule,
    IReadOnlyList<ExplanationInput> Inputs, decimal? Points, IReadOnlyList<string> Notes, bool IsOutcome)
{
    /// <summary>
    /// What the public explanation says of it: one short sentence in the rule set's words, made from its
    /// label, the record's values and the threshold (or the author's <c>explain</c> sentence); null for what
    /// the public is not shown (checks).
    /// </summary>
    public string? Sentence { get; init; }
}
