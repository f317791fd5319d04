using Scoring.Diagnostics;

namespace Scoring.Hosting;

/// <summary>Thrown at startup when rule files are invalid; the message lists every diagnostic as <c>file(line,col): error SCRxxxx: message</c>.</summary>
public sealed class ScoringConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScoringConfigurationException(IReadOnlyList<Diagnostic> diagnostics)
        : base("invalid scoring configuration:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics)) =>
        Diagnostics = diagnostics;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
