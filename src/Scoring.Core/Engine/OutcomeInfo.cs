using Scoring.Model;

namespace Scoring;

/// <summary>Describes one outcome a rule set reports.</summary>
/// <param name="Key">The outcome key.</param>
/// <param name="Label">Its label.</param>
/// <param name="Kind">What kind of definition produces it: a value, criterion, score, classification, eligibility or ranking.</param>
/// <param name="Fields">For an object outcome (eligibility), the names of its fields, in order; else empty.</param>
public sealed record OutcomeInfo(string Key, string? Label, DefinitionKind Kind, IReadOnlyList<string> Fields);
