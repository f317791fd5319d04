using Scoring.Syntax;

namespace Scoring.Binding;

/// <summary>A type-checked expression: its syntax, its static type, and what it reads or computes.</summary>
internal abstract class BExpr
{
    protected BExpr(Expr syntax, TType type)
    {
        Syntax = syntax;
        Type = type;
    }

    public Expr Syntax { get; }
    public TType Type { get; }
}

/// <summary>A constant: a literal, a folded date or month, or an error placeholder (type <see cref="TType.Error"/>).</summary>
internal sealed class BConst : BExpr
{
    public BConst(Expr syntax, TType type, decimal number = 0, bool boolean = false, string? text = null, int day = 0) : base(syntax, type)
    {
        Number = number; Boolean = boolean; Text = text; Day = day;
    }

    public decimal Number { get; }
    public bool Boolean { get; }
    public string? Text { get; }

    /// <summary>A date's day number, or a month as <c>year × 12 + month − 1</c>.</summary>
    public int Day { get; }

    /// <summary>A placeholder for an expression whose error was reported.</summary>
    public static BExpr Error(Expr syntax) => new BConst(syntax, TType.Error);
}
