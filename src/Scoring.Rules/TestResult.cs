namespace Scoring.Rules;

/// <summary>The result of one test case.</summary>
/// <param name="File">The rule file.</param>
/// <param name="Test">The test case.</param>
/// <param name="Failures">Why it failed (expected vs actual); empty when it passed.</param>
public sealed record TestResult(string File, TestCase Test, IReadOnlyList<string> Failures)
{
    /// <summary>True when the test passed.</summary>
    public bool Passed => Failures.Count == 0;
}
