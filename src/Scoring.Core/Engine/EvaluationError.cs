using Scoring.Diagnostics;

namespace Scoring;

/// <summary>An error that stopped one record from being scored.</summary>
/// <param name="Code">Diagnostic code (SCR05xx).</param>
/// <param name="Message">What went wrong, naming the field or expression.</param>
/// <param name="Span">Where in the rule file, when the error comes from a rule.</param>
public sealed record EvaluationError(string Code, string Message, SourceSpan Span)
{
    /// <summary>The facts the message says, by name (the field, the definition, the expression, the parameter…); see <see cref="DiagnosticArguments"/>.</summary>
    public IReadOnlyList<DiagnosticArgument> Arguments { get; init; } = Array.Empty<DiagnosticArgument>();

    /// <summary>The value of argument <paramref name="name"/>, or null.</summary>
    public string? Argument(string name)
    {
        foreach (var a in Arguments) if (a.Name == name) return a.Value;
        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Span.IsKnown ? $"{Code}: {Message} ({Span})" : $"{Code}: {Message}";

    /// <summary>Equal when code, message and place are (the arguments are where the message came from).</summary>
    public bool Equals(EvaluationError? other) => other is not null && Code == other.Code && Message == other.Message && Span == other.Span;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Code, Message, Span);
}
