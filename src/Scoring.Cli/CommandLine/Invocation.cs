using System.CommandLine;
using System.CommandLine.Parsing;

namespace Scoring.Cli.CommandLine;

/// <summary>One command as invoked: the command's symbol, the words given after it (as System.CommandLine split and classified them), and the invocation's context.</summary>
internal sealed record Invocation(Command Symbol, IReadOnlyList<Token> Tokens, CliContext Context);
