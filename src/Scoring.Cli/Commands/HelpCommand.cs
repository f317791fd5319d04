using System.CommandLine;
using Scoring.Cli.CommandLine;

namespace Scoring.Cli.Commands;

/// <summary><c>scoring help [command]</c>: the help, or one command's.</summary>
internal sealed class HelpCommand : CliCommand
{
    public override string Name => "help";

    public override string Summary => "show the help, or one command's";

    public override string Usage => """
          scoring help [<command>]
              the help, or one command's
        """;

    public override bool Hidden => true;

    protected override void Configure(Command symbol) =>
        symbol.Arguments.Add(new Argument<string[]>("command") { Arity = ArgumentArity.ZeroOrMore });

    public override int Execute(Invocation invocation)
    {
        // anything that is not a command (as ever) gets the whole help
        var name = invocation.Tokens.FirstOrDefault()?.Value;
        var command = ScoringCommandLine.Commands.FirstOrDefault(c => c.Name == name && c is not HelpCommand);
        if (command is null) return WriteGlobal(invocation.Context);
        invocation.Context.Stdout.WriteLine(HelpText.For(command, command.CreateSymbol()));
        return Cli.Ok;
    }

    public static int WriteGlobal(CliContext context)
    {
        context.Stdout.WriteLine(HelpText.Global(ScoringCommandLine.Commands));
        return Cli.Ok;
    }
}
