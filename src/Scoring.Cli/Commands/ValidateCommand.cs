using System.CommandLine;
using Scoring.Cli.CommandLine;
using Scoring.Cli.Io;
using Scoring.Diagnostics;

namespace Scoring.Cli.Commands;

/// <summary><c>scoring validate &lt;file|dir&gt;...</c>: every problem of each rule file, then one line per file.</summary>
internal sealed class ValidateCommand : CliCommand
{
    public override string Name => "validate";

    public override string Summary => "check rule files";

    public override string Usage => """
          scoring validate <file|dir>...
              check rule files; prints every problem as file(line,col): error SCRxxxx: message
        """;

    protected override void Configure(Command symbol) => RulePaths.Configure(symbol);

    public override int Execute(Invocation invocation)
    {
        var (stdout, stderr) = (invocation.Context.Stdout, invocation.Context.Stderr);
        int bad = 0;
        foreach (var f in RulePaths.Read(invocation))
        {
            var file = RuleFiles.Load(invocation.Context, f);
            RulePaths.Print(file.Diagnostics, stderr);
            if (file.Succeeded)
            {
                var rs = file.RuleSet!;
                CompiledRuleSet.Compile(rs); // proves it compiles
                stdout.WriteLine($"ok   {f}: {rs.Id} v{rs.Version} ({rs.Definitions.Length} rules, {rs.Outcomes.Length} outcomes, {file.Tests.Count} tests)");
            }
            else
            {
                bad++;
                int errors = file.Diagnostics.Count(d => d.Severity == Severity.Error);
                stdout.WriteLine($"FAIL {f}: {errors} error{(errors == 1 ? "" : "s")}");
            }
        }
        return bad == 0 ? Cli.Ok : Cli.Failed;
    }
}
