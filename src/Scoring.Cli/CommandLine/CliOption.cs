using System.CommandLine;

namespace Scoring.Cli.CommandLine;

/// <summary>
/// An option of a command that reads its settings from the command line: the System.CommandLine symbol (for
/// parsing, help and completion) and what a value given to it does to <typeparamref name="TSettings"/>. A bad
/// value throws <see cref="CliException"/> with scoring's own message. Values may repeat; a single-valued option
/// keeps the last.
/// </summary>
internal sealed class CliOption<TSettings>
{
    private CliOption(Option symbol, Action<TSettings, string?, CliContext> apply)
    {
        Symbol = symbol;
        Apply = apply;
    }

    public Option Symbol { get; }

    /// <summary>Applies one occurrence (the value is null for a flag).</summary>
    public Action<TSettings, string?, CliContext> Apply { get; }

    public bool IsFlag => Symbol.Arity.MaximumNumberOfValues == 0;

    /// <summary>An option with a value: <c>--rules &lt;file&gt;</c>.</summary>
    public static CliOption<TSettings> WithValue(string name, string helpName, string description, Action<TSettings, string, CliContext> apply, params string[] completions)
    {
        // several occurrences each take one value; a value that looks like an option is still taken, as scoring always has
        var symbol = new Option<string[]>(name) { HelpName = helpName, Description = description, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        if (completions.Length > 0) symbol.CompletionSources.Add(completions);
        return new CliOption<TSettings>(symbol, (s, v, c) => apply(s, v!, c));
    }

    /// <summary>A flag: <c>--explain</c>.</summary>
    public static CliOption<TSettings> Flag(string name, string description, Action<TSettings> apply) =>
        new(new Option<bool>(name) { Description = description, Arity = ArgumentArity.Zero }, (s, _, _) => apply(s));
}
