using Scoring.Diagnostics;

namespace Scoring.Cli.CommandLine;

/// <summary>Unknown commands and options, with a "did you mean" hint when one is close (a swap of two neighbouring letters counts as one edit).</summary>
internal static class UsageErrors
{
    public static CliException UnknownCommand(string word, IEnumerable<string> commands) =>
        new($"unknown command '{word}'; see 'scoring --help'", Cli.Usage, Hint(word, commands));

    /// <summary>An unknown option of a command that reads options (run, explain).</summary>
    public static CliException UnknownOption(string word, string command, IEnumerable<string> options) =>
        new($"unknown option '{word}' for '{command}'; see 'scoring --help'", Cli.Usage, Hint(OptionName(word), options));

    /// <summary>An option given to a command that takes only paths (validate, test).</summary>
    public static CliException UnknownOption(string word, IEnumerable<string> options) =>
        new($"unknown option '{word}'", Cli.Usage, Hint(OptionName(word), options));

    /// <summary><c>--rulez=x</c> is compared as <c>--rulez</c>.</summary>
    private static string OptionName(string word)
    {
        int end = word.StartsWith('-') ? word.AsSpan().IndexOfAny('=', ':') : -1;
        return end > 0 ? word[..end] : word;
    }

    private static string? Hint(string word, IEnumerable<string> candidates) =>
        NameSuggester.Closest(word, candidates) is { } best ? $"did you mean '{best}'?" : null;
}
