using System.Collections.Immutable;
using System.Linq.Expressions;
using System.Reflection;
using Scoring.Binding;
using Scoring.Syntax;

namespace Scoring.Functions;

/// <summary>A function whose arguments are all plain operands: they are bound first, then <see cref="Check"/> applies its type rule.</summary>
internal abstract class OperandFunction : BuiltinFunction
{
    protected OperandFunction(string name, string summary, params string[] forms) : base(name, summary, forms) { }

    public sealed override BExpr Bind(CallExpr call, ExpressionBinder binder) =>
        binder.Operands(call) is { } args ? Check(call, args, binder) : BConst.Error(call);

    /// <summary>The type rule, given the bound arguments (none has an error).</summary>
    protected abstract BExpr Check(CallExpr call, ImmutableArray<BExpr> args, ExpressionBinder binder);
}

/// <summary>Calls of the static methods that implement functions.</summary>
internal static class StaticMethod
{
    /// <summary>A call of <paramref name="method"/> of <paramref name="type"/>: our own code, looked up once when a rule set compiles, never anything a rule names.</summary>
    public static Expression Call(Type type, string method, params Expression[] args) =>
        Expression.Call(type.GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!, args);
}
