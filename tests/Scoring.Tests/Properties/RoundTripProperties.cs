using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scoring.Diagnostics;
using Scoring.Syntax;

namespace Scoring.Tests.Properties;

public class RoundTripProperties
{
    private static Expr ParseOrFail(string text, Expr original)
    {
        var bag = new DiagnosticBag();
        var parsed = ExpressionParser.Parse(text, SourceOrigin.Inline, bag);
        Assert.True(!bag.HasErrors, $"printed text does not parse:\n  {text}\n  {string.Join("\n  ", bag)}");
        return parsed;
    }

    [Property(Arbitrary = new[] { typeof(Arbitraries) }, MaxTest = 500)]
    public void PrintThenParse_GivesAnEquivalentTree(Expr tree)
    {
        var text = ExprPrinter.Print(tree);
        var parsed = ParseOrFail(text, tree);
        Assert.True(ExprEquivalence.Equivalent(tree, parsed), $"not equivalent after a round trip:\n  printed:  {text}\n  reparsed: {ExprPrinter.Print(parsed)}");
    }

    [Property(Arbitrary = new[] { typeof(Arbitraries) }, MaxTest = 500)]
    public void PrintParsePrint_TextIsStable(Expr tree)
    {
        var once = ExprPrinter.Print(tree);
        var twice = ExprPrinter.Print(ParseOrFail(once, tree));
        Assert.Equal(once, twice);
    }

    [Property(Arbitrary = new[] { typeof(Arbitraries) }, MaxTest = 200)]
    public void Equivalent_IsReflexive(Expr tree)
    {
        Assert.True(ExprEquivalence.Equivalent(tree, tree));
    }

    [Property(MaxTest = 200)]
    public Property ParseOfTypedExpressionText_RoundTripsThroughThePrinter()
    {
        return Prop.ForAll(TypedExprGen.Number(3).ToArbitrary(), text =>
        {
            var first = ExpressionParser.Parse(text);
            var printed = ExprPrinter.Print(first);
            var second = ExpressionParser.Parse(printed);
            return ExprEquivalence.Equivalent(first, second) && ExprPrinter.Print(second) == printed;
        });
    }
}
