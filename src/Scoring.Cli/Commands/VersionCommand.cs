using System.Reflection;
using Scoring.Cli.CommandLine;

namespace Scoring.Cli.Commands;

/// <summary><c>scoring version</c> (and <c>scoring --version</c>): the tool's version.</summary>
internal sealed class VersionCommand : CliCommand
{
    public override string Name => "version";

    public override string Summary => "show the version";

    public override string Usage => """
          scoring version
              the tool's version
        """;

    public override bool Hidden => true;

    protected override void Configure(System.CommandLine.Command symbol) =>
        symbol.Arguments.Add(new System.CommandLine.Argument<string[]>("ignored") { Arity = System.CommandLine.ArgumentArity.ZeroOrMore, Hidden = true });

    public override int Execute(Invocation invocation) => Write(invocation.Context);

    public static int Write(CliContext context)
    {
        context.Stdout.WriteLine(typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");
        return Cli.Ok;
    }
}
