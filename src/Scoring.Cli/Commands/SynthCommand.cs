using System.CommandLine;
using Scoring.Cli.CommandLine;

namespace Scoring.Cli.Commands;

/// <summary>
/// <c>scoring synth</c>, handed on as it is to <c>Synth/</c>, which reads its own arguments. Not ported:
/// the synthetic-data generator leaves the tool, and this file goes with it (and its line in
/// <see cref="ScoringCommandLine.Commands"/>).
/// </summary>
internal sealed class SynthCommand : CliCommand
{
    public override string Name => "synth";

    public override string Summary => "write a synthetic population of a reference scheme";

    public override string Usage => """
          scoring synth --scheme <name> --n <count> [--seed <s>] --out <file.csv|file.jsonl>
              write a synthetic population of a reference scheme for benchmarks and demos (the same
              scheme, count and seed give the same bytes; seed 1 by default); schemes: settlements,
              cadre-months (CSV or JSON Lines), cadre-years, party-members, households, aid-households
              (JSON Lines only)
        """;

    protected override void Configure(Command symbol)
    {
        symbol.Arguments.Add(new Argument<string[]>("arguments") { Arity = ArgumentArity.ZeroOrMore, Hidden = true });
        symbol.TreatUnmatchedTokensAsErrors = false;
    }

    public override int Execute(Invocation invocation)
    {
        // Synth resolves --out against the process's directory and writes its own errors
        var (stdout, stderr) = (invocation.Context.Stdout, invocation.Context.Stderr);
        return Synth.Run(invocation.Tokens.Select(t => t.Value).ToArray(), stdout, stderr);
    }
}
