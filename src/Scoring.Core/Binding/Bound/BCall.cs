using System.Collections.Immutable;
using Scoring.Syntax;

namespace Scoring.Binding;

/// <summary>A call of a built-in function; the function compiles it (see <see cref="BuiltinFunction.Emit"/>).</summary>
internal class BCall : BExpr
{
    public BCall(Expr syntax, TType type, BuiltinFunction function, ImmutableArray<BExpr> args) : base(syntax, type)
    {
        Function = function;
        Args = args;
    }

    public BuiltinFunction Function { get; }
    public ImmutableArray<BExpr> Args { get; }
}

/// <summary>An aggregate over a collection: the compiler loops over the records, the function accumulates.</summary>
internal sealed class BAggregate : BExpr
{
    public BAggregate(Expr syntax, TType type, AggregateFunction function, BCollection source, BExpr? filter, BExpr? body, int childLevel) : base(syntax, type)
    {
        Function = function;
        Source = source;
        Filter = filter;
        Body = body;
        ChildLevel = childLevel;
    }

    public AggregateFunction Function { get; }
    public BCollection Source { get; }
    public BExpr? Filter { get; }
    public BExpr? Body { get; }

    /// <summary>Scope level of the child records inside the filter and body.</summary>
    public int ChildLevel { get; }
}
