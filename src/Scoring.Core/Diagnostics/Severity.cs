namespace Scoring.Diagnostics;

/// <summary>How serious a diagnostic is.</summary>
public enum Severity
{
    /// <summary>The rule set can still be used.</summary>
    Warning,
    /// <summary>The rule set cannot be used until this is fixed.</summary>
    Error,
}
