using System.Linq.Expressions;
using Scoring.Diagnostics;
using Scoring.Syntax;

namespace Scoring.Binding;

/// <summary>
/// A built-in function that can aggregate over a collection (<c>count(members where age >= 60)</c>,
/// <c>sum(members, income)</c>): its first argument is the collection and the filter and the other
/// arguments are read in the scope of each child record. The compiler writes the loop; the function
/// says how values accumulate (<see cref="Accumulate"/>).
/// </summary>
internal abstract class AggregateFunction : BuiltinFunction
{
    protected AggregateFunction(string name, string summary, params string[] forms) : base(name, summary, forms) { }

    /// <summary>True when the function has no form other than over a collection (then anything else first is an error).</summary>
    public abstract bool CollectionOnly { get; }

    /// <summary>How the aggregate form is written, for the "wrong arguments" message.</summary>
    protected abstract string AggregateUsage { get; }

    /// <summary>Whether the call has the right number of arguments for the aggregate form.</summary>
    protected abstract bool AcceptsArguments(CallExpr call);

    /// <summary>An explanation shows the aggregate's value among the values a rule read (not for lists).</summary>
    protected virtual bool ShownAsInput => true;

    /// <summary>A problem with the collection itself, reported before anything else (null: none).</summary>
    protected virtual bool RejectsSource(CallExpr call, BCollection source, ExpressionBinder binder) => false;

    /// <summary>The result type for the bound body (reporting a body of the wrong type).</summary>
    protected abstract TType ResultType(CallExpr call, BExpr? body, ExpressionBinder binder);

    /// <summary>For a call whose first argument is not a collection: another form this function has (e.g. <c>count</c> of a list), or null.</summary>
    public virtual BExpr? BindOverValue(CallExpr call, BExpr first, ExpressionBinder binder) => null;

    /// <summary>Type-checks the aggregate form.</summary>
    public BExpr BindAggregate(CallExpr c, BCollection source, ExpressionBinder binder)
    {
        if (RejectsSource(c, source, binder)) return BConst.Error(c);
        if (!AcceptsArguments(c)) return binder.Arity(c, AggregateUsage);
        var (filter, body, childLevel) = binder.BindInCollection(source, c.Filter, c.Arguments.Count == 2 ? c.Arguments[1] : null);
        var type = ResultType(c, body, binder);
        if (type.Kind == TKind.Error || filter?.Type.Kind == TKind.Error || body?.Type.Kind == TKind.Error) return BConst.Error(c);
        var agg = new BAggregate(c, type, this, source, filter, body, childLevel);
        if (ShownAsInput) binder.AddInput(new InputRef(ExprPrinter.Print(c), source.Label, agg));
        return agg;
    }

    /// <summary>
    /// How the loop accumulates: code to initialise <see cref="AggregateEmit.Accumulator"/>, the step run for
    /// each record that passes the filter, and optionally code run after the loop and the result (default: the accumulator).
    /// </summary>
    public abstract AggregateCode Accumulate(AggregateEmit e);

    /// <summary>Reports that the body has the wrong type; used by <see cref="ResultType"/>.</summary>
    protected static void WrongBody(ExpressionBinder binder, BExpr body, string message) =>
        binder.Error(DiagnosticCodes.TypeMismatch, message, body.Syntax.Span);
}

/// <summary>What the compiler gives an aggregate to write its accumulation with.</summary>
internal sealed class AggregateEmit
{
    public required BAggregate Node { get; init; }
    public required ParameterExpression Accumulator { get; init; }

    /// <summary>Set by the accumulation when it has seen a record (for min and max).</summary>
    public required ParameterExpression Found { get; init; }

    /// <summary>The body evaluated for the current record, or null when the call has none.</summary>
    public required Expression? Body { get; init; }

    /// <summary>Jump here to stop the loop early (any, all).</summary>
    public required LabelTarget Break { get; init; }

    /// <summary>The current record (or period) variable.</summary>
    public required ParameterExpression Current { get; init; }

    /// <summary>Further variables the accumulation declares.</summary>
    public required List<ParameterExpression> Locals { get; init; }

    public required IEmitter Emitter { get; init; }
}

/// <summary>The code of an accumulation.</summary>
internal readonly record struct AggregateCode(Expression Init, Expression Step, Expression? Finish = null, Expression? Result = null);
