using System.CommandLine;

namespace Scoring.Cli.CommandLine;

/// <summary>
/// One command of <c>scoring</c>: its name, its part of the help, its System.CommandLine symbol (options and
/// arguments, for parsing, per-command help and completion) and what it does. Each lives in its own file
/// under <c>Commands/</c> and is listed in <see cref="ScoringCommandLine"/>.
/// </summary>
internal abstract class CliCommand
{
    public abstract string Name { get; }

    /// <summary>What the command does, in one line: the title of its help.</summary>
    public abstract string Summary { get; }

    /// <summary>The command's block of the help: its synopsis, then what it does, indented as in <c>scoring --help</c>.</summary>
    public abstract string Usage { get; }

    /// <summary>Hidden commands work but are left out of the help and of completions.</summary>
    public virtual bool Hidden => false;

    /// <summary>The command's symbol, made afresh for each invocation.</summary>
    public Command CreateSymbol()
    {
        var symbol = new Command(Name, Summary) { Hidden = Hidden };
        Configure(symbol);
        return symbol;
    }

    /// <summary>Adds the command's options and arguments.</summary>
    protected virtual void Configure(Command symbol) { }

    /// <summary>Runs the command; returns the exit code. Throws <see cref="CliException"/> for an error that stops it.</summary>
    public abstract int Execute(Invocation invocation);
}
