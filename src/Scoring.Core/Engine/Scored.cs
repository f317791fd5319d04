namespace Scoring;

/// <summary>One scored (or rejected) input, in input order.</summary>
/// <typeparam name="TInput">The raw input type.</typeparam>
/// <param name="Input">The raw input.</param>
/// <param name="Evaluation">Its evaluation; <see cref="Evaluation.Error"/> is set when it was rejected.</param>
public readonly record struct Scored<TInput>(TInput Input, Evaluation Evaluation);
