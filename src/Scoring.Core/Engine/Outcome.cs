using Scoring.Runtime;

namespace Scoring;

/// <summary>One reported outcome.</summary>
/// <param name="Key">Outcome key.</param>
/// <param name="Label">Its label.</param>
/// <param name="Value">Its value.</param>
public readonly record struct Outcome(string Key, string? Label, Value Value);
