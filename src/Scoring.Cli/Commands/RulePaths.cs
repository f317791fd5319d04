using System.CommandLine;
using Scoring.Cli.CommandLine;
using Scoring.Cli.Io;

namespace Scoring.Cli.Commands;

/// <summary>The <c>&lt;file|dir&gt;...</c> of <c>validate</c> and <c>test</c>: rule files, and directories searched for them.</summary>
internal static class RulePaths
{
    public static void Configure(Command symbol) =>
        symbol.Arguments.Add(new Argument<string[]>("paths") { HelpName = "file|dir", Description = "rule files (*.yaml), and directories searched for them", Arity = ArgumentArity.ZeroOrMore });

    /// <summary>The rule files named, as the user would write them.</summary>
    public static IReadOnlyList<string> Read(Invocation invocation)
    {
        var paths = invocation.Tokens.Select(t => t.Value).ToList();
        if (paths.Count == 0) throw new CliException("name at least one rule file or directory", Cli.Usage);
        foreach (var p in paths.Where(p => p.StartsWith("--", StringComparison.Ordinal)))
            throw UsageErrors.UnknownOption(p, invocation.Symbol.Options.Select(o => o.Name));
        var files = RuleFiles.Find(invocation.Context, paths);
        if (files.Count == 0) throw new CliException($"no rule files (*.yaml) found in {string.Join(", ", paths)}");
        return files;
    }

    public static void Print(IEnumerable<Scoring.Diagnostics.Diagnostic> diagnostics, TextWriter to)
    {
        foreach (var d in diagnostics) to.WriteLine(d.ToString());
    }
}
