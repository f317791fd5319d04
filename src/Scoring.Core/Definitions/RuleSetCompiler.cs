using System.Linq.Expressions;
using Scoring.Compilation;
using Scoring.Syntax;

namespace Scoring.Definitions;

/// <summary>Compiles a bound rule set into one delegate that evaluates every definition in dependency order, each through its kind.</summary>
internal static class RuleSetCompiler
{
    /// <param name="bound">The rule set.</param>
    /// <param name="nodes">Receives the syntax nodes run-time errors refer to by id.</param>
    public static Action<Frame> Compile(BoundRuleSet bound, List<Expr> nodes)
    {
        var c = new ExpressionCompiler(nodes);
        var body = new List<Expression>();
        foreach (var sym in bound.Symbols)
        {
            body.Add(c.SetCurrent(sym.Order));
            DefinitionKinds.Default.Of(sym).Emit(sym, c, body);
        }
        return c.CompileBody(body);
    }
}
