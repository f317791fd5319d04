using System.CommandLine;
using Scoring.Cli.CommandLine;

namespace Scoring.Cli.Commands;

/// <summary>A command that scores records (<c>run</c>, <c>explain</c>): its options are a choice of <see cref="RecordSettings"/>' options.</summary>
internal abstract class RecordCommand : CliCommand
{
    /// <summary>The command's options, in the order of its help (made afresh: a symbol belongs to one command line).</summary>
    protected abstract CliOption<RecordSettings>[] Options();

    protected sealed override void Configure(Command symbol)
    {
        foreach (var o in Options()) symbol.Options.Add(o.Symbol);
    }

    /// <summary>The settings the invocation gives (<c>--rules</c> and <c>--input</c> among them).</summary>
    protected RecordSettings Read(Invocation invocation) => RecordSettings.Read(invocation, Options());
}
