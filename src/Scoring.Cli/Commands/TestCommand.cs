using System.CommandLine;
using Scoring.Cli.CommandLine;
using Scoring.Cli.Io;
using Scoring.Rules;

namespace Scoring.Cli.Commands;

/// <summary><c>scoring test &lt;file|dir&gt;...</c>: runs the test cases written in the rule files; ends with <c>N passed, M failed</c>.</summary>
internal sealed class TestCommand : CliCommand
{
    public override string Name => "test";

    public override string Summary => "run the test cases written in rule files";

    public override string Usage => """
          scoring test <file|dir>...
              run the test cases written in the rule files; ends with 'N passed, M failed'
        """;

    protected override void Configure(Command symbol) => RulePaths.Configure(symbol);

    public override int Execute(Invocation invocation)
    {
        var (stdout, stderr) = (invocation.Context.Stdout, invocation.Context.Stderr);
        int passed = 0, failed = 0;
        foreach (var f in RulePaths.Read(invocation))
        {
            var file = RuleFiles.Load(invocation.Context, f);
            if (!file.Succeeded)
            {
                RulePaths.Print(file.Diagnostics, stderr);
                stdout.WriteLine($"FAIL {f}: the rule file is invalid; its {file.Tests.Count} tests did not run");
                failed += Math.Max(1, file.Tests.Count);
                continue;
            }
            var compiled = CompiledRuleSet.Compile(file.RuleSet!);
            var results = TestRunner.Run(file.File!, compiled);
            int p = results.Count(r => r.Passed);
            passed += p;
            failed += results.Count - p;
            foreach (var r in results.Where(r => !r.Passed))
            {
                stdout.WriteLine($"FAIL {r.Test.Span}: {r.Test.Name}");
                foreach (var why in r.Failures) stdout.WriteLine($"       {why}");
            }
            stdout.WriteLine($"{(p == results.Count ? "ok  " : "FAIL")} {f}: {p}/{results.Count} passed");
        }
        stdout.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? Cli.Ok : Cli.Failed;
    }
}
