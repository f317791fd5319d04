using System.Collections;

namespace Scoring.Diagnostics;

/// <summary>How serious a diagnostic is.</summary>
public enum Severity
{
    /// <summary>The rule set can still be used.</summary>
    Warning,
    /// <summary>The rule set cannot be used until this is fixed.</summary>
    Error,
}

/// <summary>One problem found in a rule set or an input, with where it is.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Code">Stable code such as <c>SCR0201</c> (see <see cref="DiagnosticCodes"/>).</param>
/// <param name="Message">What is wrong and, where possible, how to fix it.</param>
/// <param name="Span">Where it is.</param>
public sealed record Diagnostic(Severity Severity, string Code, string Message, SourceSpan Span)
{
    /// <summary>MSBuild-style text: <c>rules/x.yaml(12,7): error SCR0003: message</c>.</summary>
    public override string ToString()
    {
        var sev = Severity == Severity.Error ? "error" : "warning";
        return Span.IsKnown || Span.File.Length > 0
            ? $"{Span}: {sev} {Code}: {Message}"
            : $"{sev} {Code}: {Message}";
    }
}

/// <summary>Collects diagnostics instead of throwing, so that every problem is reported at once.</summary>
public sealed class DiagnosticBag : IReadOnlyList<Diagnostic>
{
    private readonly List<Diagnostic> _items = new();

    /// <summary>True when at least one error was reported.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>Number of diagnostics.</summary>
    public int Count => _items.Count;

    /// <summary>The diagnostic at <paramref name="index"/>.</summary>
    public Diagnostic this[int index] => _items[index];

    /// <summary>Adds an error.</summary>
    public void Error(string code, string message, SourceSpan span) => Add(new Diagnostic(Severity.Error, code, message, span));

    /// <summary>Adds a warning.</summary>
    public void Warning(string code, string message, SourceSpan span) => Add(new Diagnostic(Severity.Warning, code, message, span));

    /// <summary>Adds a diagnostic.</summary>
    public void Add(Diagnostic d)
    {
        _items.Add(d);
        if (d.Severity == Severity.Error) HasErrors = true;
    }

    /// <summary>Adds every diagnostic of <paramref name="other"/>.</summary>
    public void AddRange(IEnumerable<Diagnostic> other)
    {
        foreach (var d in other) Add(d);
    }

    /// <summary>The diagnostics ordered by file, line and column (stable for equal positions).</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        _items.Select((d, i) => (d, i))
              .OrderBy(t => t.d.Span.File, StringComparer.Ordinal)
              .ThenBy(t => t.d.Span.Line).ThenBy(t => t.d.Span.Column).ThenBy(t => t.i)
              .Select(t => t.d).ToArray();

    /// <inheritdoc />
    public IEnumerator<Diagnostic> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The stable diagnostic codes. Codes never change meaning once shipped.</summary>
public static class DiagnosticCodes
{
#pragma warning disable CS1591 // each constant is documented by its message text
    // 00xx: the file and its YAML structure
    public const string YamlSyntax = "SCR0001";
    public const string UnknownKey = "SCR0002";
    public const string MissingKey = "SCR0003";
    public const string InvalidValue = "SCR0004";
    public const string DuplicateKey = "SCR0005";
    public const string InvalidIdentifier = "SCR0006";
    public const string LimitExceeded = "SCR0007";
    public const string FileNotFound = "SCR0008";
    // 01xx: expression syntax
    public const string UnexpectedToken = "SCR0101";
    public const string UnterminatedString = "SCR0102";
    public const string InvalidCharacter = "SCR0103";
    public const string ExpressionTooDeep = "SCR0104";
    public const string ExpressionTooLong = "SCR0105";
    public const string InvalidLiteral = "SCR0106";
    // 02xx: names and types
    public const string UnknownName = "SCR0201";
    public const string TypeMismatch = "SCR0202";
    public const string UnknownFunction = "SCR0203";
    public const string OptionalFieldRead = "SCR0204";
    public const string Cycle = "SCR0205";
    public const string UnknownEnumMember = "SCR0206";
    public const string UnknownOutcome = "SCR0207";
    public const string DuplicateName = "SCR0208";
    public const string InvalidReference = "SCR0209";
    // 03xx: runs and parameters
    public const string AsOfRequired = "SCR0301";
    public const string ParameterNotInForce = "SCR0302";
    public const string ParameterMissing = "SCR0303";
    public const string NotInEffect = "SCR0304";
    public const string InvalidParameter = "SCR0305";
    // 05xx: a record
    public const string MissingField = "SCR0501";
    public const string InvalidField = "SCR0502";
    public const string DivisionByZero = "SCR0503";
    public const string Overflow = "SCR0504";
    public const string EmptyCollection = "SCR0505";
    public const string UnknownField = "SCR0506";
    public const string InvalidRecord = "SCR0507";
    public const string CheckFailed = "SCR0508";
#pragma warning restore CS1591
}
