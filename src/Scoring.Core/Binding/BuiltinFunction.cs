using System.Linq.Expressions;
using Scoring.Syntax;

namespace Scoring.Binding;

/// <summary>
/// A built-in function of the rule language, in one place: its name, the forms it is written in, what it
/// does (the documentation), its type rule (<see cref="Bind"/>) and its implementation (<see cref="Emit"/>).
/// The set is closed: <c>Functions/FunctionRegistry</c> lists every entry; nothing else is callable.
/// </summary>
internal abstract class BuiltinFunction
{
    protected BuiltinFunction(string name, string summary, params string[] forms)
    {
        Name = name;
        Summary = summary;
        Forms = forms;
    }

    /// <summary>The name written in rules.</summary>
    public string Name { get; }

    /// <summary>One line on what it does, for the documentation.</summary>
    public string Summary { get; }

    /// <summary>How it is written, e.g. <c>round(x, digits)</c>; for the documentation.</summary>
    public IReadOnlyList<string> Forms { get; }

    /// <summary>What it returns, for the documentation.</summary>
    public abstract string Returns { get; }

    /// <summary>
    /// Type-checks a call that is not an aggregate over a collection: binds the arguments through
    /// <paramref name="binder"/>, reports every problem, and returns the bound call (or an error node).
    /// </summary>
    public abstract BExpr Bind(CallExpr call, ExpressionBinder binder);

    /// <summary>Generates the code of a call this function bound.</summary>
    public virtual Expression Emit(BCall call, IEmitter emitter) =>
        throw new InvalidOperationException($"{Name}() binds to another node and is never emitted as a call");
}

/// <summary>What function implementations need from the compiler.</summary>
internal interface IEmitter
{
    /// <summary>The code of a bound expression.</summary>
    Expression Emit(BExpr e);

    /// <summary>A constant naming <paramref name="node"/>, passed to code that may fail so the error points at it.</summary>
    Expression Site(Expr node);
}
