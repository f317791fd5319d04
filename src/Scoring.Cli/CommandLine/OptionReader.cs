using System.CommandLine.Parsing;

namespace Scoring.Cli.CommandLine;

/// <summary>
/// Reads a command's options in the order they were given, as scoring always has: the first unknown option,
/// missing value or bad value is the one reported. System.CommandLine has split the words (so
/// <c>--rules=x</c> is <c>--rules x</c>) and told options from values.
/// </summary>
internal static class OptionReader
{
    public static TSettings Read<TSettings>(Invocation invocation, IReadOnlyList<CliOption<TSettings>> options, TSettings settings)
    {
        var tokens = invocation.Tokens;
        for (int i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var option = token.Type == TokenType.Option ? options.FirstOrDefault(o => o.Symbol.Name == token.Value || o.Symbol.Aliases.Contains(token.Value)) : null;
            if (option is null)
                throw UsageErrors.UnknownOption(token.Value, invocation.Symbol.Name, options.Select(o => o.Symbol.Name));
            if (option.IsFlag)
                option.Apply(settings, null, invocation.Context);
            else if (i + 1 < tokens.Count && tokens[i + 1].Type == TokenType.Argument)
                option.Apply(settings, tokens[++i].Value, invocation.Context);
            else
                throw new CliException($"{token.Value} needs a value", Cli.Usage);
        }
        return settings;
    }
}
