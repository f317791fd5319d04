using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Scoring.Cli.Commands;

namespace Scoring.Cli.CommandLine;

/// <summary>
/// The <c>scoring</c> command line on System.CommandLine: the commands, the global options, the
/// <c>[suggest]</c> directive for shell completion (dotnet-suggest), and which of them a command line invokes.
/// System.CommandLine splits and classifies the words; what runs, and which mistake is reported first, is
/// decided here and in <see cref="OptionReader"/>, as scoring always has: the first word is --help, --version
/// or a command; --help anywhere after a command gives that command's help; options are read in order.
/// </summary>
internal static class ScoringCommandLine
{
    /// <summary>Every command, in the order of the help.</summary>
    public static IReadOnlyList<CliCommand> Commands { get; } = new CliCommand[]
    {
        new ValidateCommand(), new TestCommand(), new RunCommand(), new ExplainCommand(), new NoticeCommand(), new ReportCommand(),
        new HelpCommand(), new VersionCommand(),
    };

    private static readonly ParserConfiguration Parsing = new()
    {
        EnablePosixBundling = false,       // words are taken as written: -12 is a value, not -1 -2
        ResponseFileTokenReplacer = null,  // @file is a file name, not a list of arguments
    };

    public static int Execute(string[] args, CliContext context)
    {
        var root = new RootCommand(HelpText.Title);
        // under a test host the executable is not called scoring; completions read "scoring …" all the same
        if (root.Name != "scoring") root.Aliases.Add("scoring");
        root.Options.Clear();
        root.Options.Add(new HelpOption("--help", "-h") { Description = "show the help" });
        root.Options.Add(new Option<bool>("--version") { Description = "show the version", Arity = ArgumentArity.Zero });
        var symbols = new Dictionary<Command, CliCommand>();
        foreach (var command in Commands)
        {
            var symbol = command.CreateSymbol();
            symbols[symbol] = command;
            root.Subcommands.Add(symbol);
        }

        // the program's own name first, so that a first word that happens to be "scoring" is a word like any other
        var parse = root.Parse(new[] { "scoring" }.Concat(args).ToArray(), Parsing);
        // [suggest:POSITION] "command line": the completions, one a line (what dotnet-suggest asks for)
        if (root.Directives.OfType<SuggestDirective>().Any(d => parse.GetResult(d) is not null))
            return parse.Invoke(new InvocationConfiguration { Output = context.Stdout, Error = context.Stderr, EnableDefaultExceptionHandler = false });

        // the words after the program's name (Tokens leaves it out); an unknown [directive] is a word too
        var words = parse.Tokens;
        if (words.Count == 0)
        {
            context.Stdout.WriteLine(HelpText.Global(Commands));
            return Cli.Usage;
        }
        var first = words[0];
        if (first.Value is "-h" or "--help") return HelpCommand.WriteGlobal(context);
        if (first.Value is "--version") return VersionCommand.Write(context);
        if (first.Type != TokenType.Command || parse.CommandResult.Command == root)
            throw UsageErrors.UnknownCommand(first.Value, Commands.Select(c => c.Name));

        var invoked = symbols[parse.CommandResult.Command];
        var tokens = words.Skip(1).ToArray();
        // help anywhere after the command: its help, and nothing else is done
        if (tokens.Any(t => t.Value is "-h" or "--help"))
        {
            context.Stdout.WriteLine(HelpText.For(invoked, parse.CommandResult.Command));
            return Cli.Ok;
        }
        return invoked.Execute(new Invocation(parse.CommandResult.Command, tokens, context));
    }
}
