namespace Scoring.Diagnostics;

/// <summary>
/// One problem found in a rule set, a run or an input, with where it is. Besides its text, a diagnostic
/// carries its facts as named <see cref="Arguments"/> (the parameter that is missing, the name that is
/// unknown, …), so that a host or a tool reacts to those instead of parsing the message.
/// </summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Code">Stable code such as <c>SCR0201</c> (see <see cref="DiagnosticCodes"/>).</param>
/// <param name="Message">What is wrong and, where possible, how to fix it.</param>
/// <param name="Span">Where it is.</param>
public sealed record Diagnostic(Severity Severity, string Code, string Message, SourceSpan Span)
{
    /// <summary>The facts the message was rendered from, by name (empty for messages written as plain text).</summary>
    public IReadOnlyList<DiagnosticArgument> Arguments { get; init; } = Array.Empty<DiagnosticArgument>();

    /// <summary>The value of argument <paramref name="name"/>, or null when the diagnostic has no such argument.</summary>
    public string? Argument(string name)
    {
        foreach (var a in Arguments) if (a.Name == name) return a.Value;
        return null;
    }

    /// <summary>MSBuild-style text: <c>rules/x.yaml(12,7): error SCR0003: message</c>.</summary>
    public override string ToString()
    {
        var sev = Severity == Severity.Error ? "error" : "warning";
        return Span.IsKnown || Span.File.Length > 0
            ? $"{Span}: {sev} {Code}: {Message}"
            : $"{sev} {Code}: {Message}";
    }

    /// <summary>Two diagnostics are equal when they say the same thing at the same place (their arguments are where the text came from).</summary>
    public bool Equals(Diagnostic? other) =>
        other is not null && Severity == other.Severity && Code == other.Code && Message == other.Message && Span == other.Span;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Severity, Code, Message, Span);
}

/// <summary>One named fact of a <see cref="Diagnostic"/> or an <see cref="Scoring.EvaluationError"/>, e.g. <c>parameter = dibao_standard</c>.</summary>
/// <param name="Name">The argument's name (see <see cref="DiagnosticArguments"/>).</param>
/// <param name="Value">Its value as invariant text.</param>
public readonly record struct DiagnosticArgument(string Name, string Value);

/// <summary>The names of the arguments diagnostics carry; stable like the codes.</summary>
public static class DiagnosticArguments
{
    /// <summary>A parameter of the rule set.</summary>
    public const string Parameter = "parameter";
    /// <summary>A rule set's id.</summary>
    public const string RuleSet = "ruleset";
    /// <summary>A date (YYYY-MM-DD).</summary>
    public const string Date = "date";
    /// <summary>An input field (a path such as <c>members[2].age</c> for child records).</summary>
    public const string Field = "field";
    /// <summary>A name written in a rule (unknown, duplicate, …).</summary>
    public const string Name = "name";
    /// <summary>A name that was probably meant ("did you mean").</summary>
    public const string Suggestion = "suggestion";
    /// <summary>A definition of the rule set (the rule being evaluated when an error occurred).</summary>
    public const string Definition = "definition";
    /// <summary>An expression as written.</summary>
    public const string Expression = "expression";
}
