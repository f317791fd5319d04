using System.CommandLine;
using System.CommandLine.Parsing;

namespace Scoring.Cli.CommandLine;

/// <summary>One command as invoked: the parse, the command's symbol, the tokens given after it, and the invocation's context.</summary>
internal sealed record Invocation(ParseResult Parse, Command Symbol, IReadOnlyList<Token> Tokens, CliContext Context);
