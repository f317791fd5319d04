using Scoring.Cli.Commands;
using Scoring.Cli.Io;
using Scoring.Diagnostics;

namespace Scoring.Cli.Running;

/// <summary>The rule file of <c>run</c> and <c>explain</c>, loaded, compiled and made into a run at the as-of date with the parameters given.</summary>
internal static class RuleSetup
{
    public static (CompiledRuleSet Compiled, ScoringRun Run) Prepare(RecordSettings o, CliContext context)
    {
        var rules = o.Rules!.Value;
        var file = RuleFiles.Load(context, rules.Text);
        if (!file.Succeeded)
        {
            RulePaths.Print(file.Diagnostics, context.Stderr);
            throw new CliException($"{rules}: the rule file is invalid");
        }
        var compiled = CompiledRuleSet.Compile(file.RuleSet!);
        var run = compiled.CreateRun(new RunOptions { AsOf = o.AsOf, Parameters = o.Parameters });
        if (run.Value is null)
        {
            // the library's messages do not know the command line; say here which option gives what is missing
            foreach (var d in run.Diagnostics)
                context.Stderr.WriteLine(d + d.Code switch
                {
                    DiagnosticCodes.AsOfRequired => " (--as-of YYYY-MM-DD)",
                    DiagnosticCodes.ParameterMissing => d.Argument(DiagnosticArguments.Parameter) is { } p ? $" (--param {p}=VALUE)" : "",
                    _ => "",
                });
            throw new CliException("the run cannot start");
        }
        return (compiled, run.Value);
    }

    /// <summary>Stops unless every one of <paramref name="fields"/> is a field of the subject (what <c>--keep</c> and <c>--group-by</c> name).</summary>
    public static void CheckFields(CompiledRuleSet compiled, IEnumerable<string> fields, string option)
    {
        var known = compiled.Reader.FieldNames;
        foreach (var f in fields)
            if (!known.Contains(f))
                throw new CliException($"{option} '{f}': not a field of the rule set's subject (its fields: {string.Join(", ", known)})", Cli.Usage,
                    Diagnostics.NameSuggester.Closest(f, known) is { } best ? $"did you mean '{best}'?" : null);
    }
}
