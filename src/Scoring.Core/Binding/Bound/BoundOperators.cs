using System.Collections.Immutable;
using Scoring.Syntax;

namespace Scoring.Binding;

internal sealed class BUnary : BExpr
{
    public BUnary(Expr syntax, TType type, UnaryOp op, BExpr operand) : base(syntax, type)
    {
        Op = op;
        Operand = operand;
    }

    public UnaryOp Op { get; }
    public BExpr Operand { get; }
}

internal sealed class BBinary : BExpr
{
    public BBinary(Expr syntax, TType type, BinaryOp op, BExpr left, BExpr right) : base(syntax, type)
    {
        Op = op;
        Left = left;
        Right = right;
    }

    public BinaryOp Op { get; }
    public BExpr Left { get; }
    public BExpr Right { get; }
}

/// <summary>Whether an optional field, or a definition that may have no result, is empty.</summary>
internal sealed class BIsEmpty : BExpr
{
    public BIsEmpty(Expr syntax, BExpr value) : base(syntax, TType.Boolean) => Value = value;

    /// <summary>An optional field (<see cref="BField"/>) or a definition that may be empty (<see cref="BDef"/>).</summary>
    public BExpr Value { get; }
}

internal sealed class BIn : BExpr
{
    public BIn(Expr syntax, BExpr value, ImmutableArray<BExpr> items, bool negated) : base(syntax, TType.Boolean)
    {
        Value = value;
        Items = items;
        Negated = negated;
    }

    public BExpr Value { get; }
    public ImmutableArray<BExpr> Items { get; }
    public bool Negated { get; }
}

internal sealed class BBetween : BExpr
{
    public BBetween(Expr syntax, BExpr value, BExpr low, BExpr high) : base(syntax, TType.Boolean)
    {
        Value = value;
        Low = low;
        High = high;
    }

    public BExpr Value { get; }
    public BExpr Low { get; }
    public BExpr High { get; }
}

internal sealed class BIf : BExpr
{
    public BIf(Expr syntax, TType type, BExpr condition, BExpr then, BExpr @else) : base(syntax, type)
    {
        Condition = condition;
        Then = then;
        Else = @else;
    }

    public BExpr Condition { get; }
    public BExpr Then { get; }
    public BExpr Else { get; }
}
