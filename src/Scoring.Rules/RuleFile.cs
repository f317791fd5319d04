using Scoring.Diagnostics;

namespace Scoring.Rules;

/// <summary>A rule file as loaded: the validated rule set (when there are no errors), its test cases and every diagnostic.</summary>
public sealed class RuleFile
{
    internal RuleFile(string path, RuleSet? ruleSet, IReadOnlyList<TestCase> tests, IReadOnlyList<Diagnostic> diagnostics)
    {
        Path = path;
        RuleSet = ruleSet;
        Tests = tests;
        Diagnostics = diagnostics;
    }

    /// <summary>The file path as given (used in diagnostics).</summary>
    public string Path { get; }

    /// <summary>The rule set, or null when the file has errors.</summary>
    public RuleSet? RuleSet { get; }

    /// <summary>The test cases written in the file or in its <c>tests_file</c>.</summary>
    public IReadOnlyList<TestCase> Tests { get; }

    /// <summary>Every diagnostic, in file order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when the file has no errors.</summary>
    public bool Succeeded => RuleSet is not null && !Diagnostics.Any(d => d.Severity == Severity.Error);
}
