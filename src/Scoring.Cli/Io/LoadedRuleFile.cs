using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Rules;

namespace Scoring.Cli.Io;

/// <summary>A rule file as <see cref="RuleFiles.Load"/> loaded it: the loader's result, or (<see cref="File"/> null) the diagnostic saying why it could not be read.</summary>
internal sealed record LoadedRuleFile(RuleFile? File, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => File is { Succeeded: true };

    public RuleSet? RuleSet => File?.RuleSet;

    public IReadOnlyList<TestCase> Tests => File?.Tests ?? Array.Empty<TestCase>();
}
