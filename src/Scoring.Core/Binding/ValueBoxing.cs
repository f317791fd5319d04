using System.Linq.Expressions;
using Scoring.Runtime;
using E = System.Linq.Expressions.Expression;

namespace Scoring.Binding;

/// <summary>Code that turns the raw value of an expression (decimal, bool, day number, …) into a <see cref="Value"/>; used where values are gathered or shown, never on the scoring path.</summary>
internal static class ValueBoxing
{
    public static E Box(E raw, TType t) => t.Kind switch
    {
        TKind.Number => E.Call(typeof(Value).GetMethod(nameof(Value.Of), new[] { typeof(decimal) })!, raw),
        TKind.Boolean => E.Call(typeof(Value).GetMethod(nameof(Value.Of), new[] { typeof(bool) })!, raw),
        TKind.Month => E.Call(typeof(Value).GetMethod(nameof(Value.OfMonth))!, raw),
        TKind.Date => E.Call(typeof(Value).GetMethod(nameof(Value.Of), new[] { typeof(DateOnly) })!,
                             E.Call(typeof(DateOnly).GetMethod(nameof(DateOnly.FromDayNumber))!, raw)),
        TKind.Collected => raw,
        _ => E.Call(typeof(Value).GetMethod(nameof(Value.Of), new[] { typeof(string) })!, raw),
    };

    /// <summary>The .NET type an expression of type <paramref name="t"/> compiles to.</summary>
    public static Type ClrType(TType t) => t.Kind switch
    {
        TKind.Number => typeof(decimal),
        TKind.Boolean => typeof(bool),
        TKind.Date or TKind.Month => typeof(int),
        TKind.List => typeof(string[]),
        TKind.Collected => typeof(Value),
        TKind.Scale => typeof(ScaleValue),
        _ => typeof(string),
    };
}
