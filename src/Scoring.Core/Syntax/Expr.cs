using Scoring.Diagnostics;

namespace Scoring.Syntax;

/// <summary>
/// A node of the expression language's syntax tree. The set of node kinds is closed:
/// nothing outside this assembly can add one, so the type checker and compiler see every case.
/// Nodes are immutable and keep the span of source text they were parsed from.
/// </summary>
public abstract class Expr
{
    private protected Expr(SourceSpan span) => Span = span;

    /// <summary>Where this expression is in its file.</summary>
    public SourceSpan Span { get; }

    /// <summary>Canonical text of this expression (parsing it again gives an equal tree).</summary>
    public override string ToString() => ExprPrinter.Print(this);
}

/// <summary>The kind of a literal.</summary>
public enum LiteralKind
{
    /// <summary>A number without a decimal point.</summary>
    Integer,
    /// <summary>A number with a decimal point.</summary>
    Decimal,
    /// <summary>A quoted string.</summary>
    Text,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
}

/// <summary>A literal number, string or boolean.</summary>
public sealed class LiteralExpr : Expr
{
    internal LiteralExpr(LiteralKind kind, decimal number, string? text, bool boolean, SourceSpan span) : base(span)
    {
        Kind = kind;
        Number = number;
        Text = text;
        Boolean = boolean;
    }

    /// <summary>Which kind of literal.</summary>
    public LiteralKind Kind { get; }

    /// <summary>The value of a number literal.</summary>
    public decimal Number { get; }

    /// <summary>The value of a string literal.</summary>
    public string? Text { get; }

    /// <summary>The value of a boolean literal.</summary>
    public bool Boolean { get; }
}

/// <summary>A name: a field, parameter, derived value, criterion, score or classification.</summary>
public sealed class NameExpr : Expr
{
    internal NameExpr(string name, SourceSpan span) : base(span) => Name = name;

    /// <summary>The name as written.</summary>
    public string Name { get; }
}

/// <summary>Unary operators.</summary>
public enum UnaryOp
{
    /// <summary><c>-x</c></summary>
    Negate,
    /// <summary><c>not x</c></summary>
    Not,
}

/// <summary>A unary operation.</summary>
public sealed class UnaryExpr : Expr
{
    internal UnaryExpr(UnaryOp op, Expr operand, SourceSpan span) : base(span)
    {
        Op = op;
        Operand = operand;
    }

    /// <summary>The operator.</summary>
    public UnaryOp Op { get; }

    /// <summary>The operand.</summary>
    public Expr Operand { get; }
}

/// <summary>Binary operators.</summary>
public enum BinaryOp
{
    /// <summary><c>+</c></summary>
    Add,
    /// <summary><c>-</c></summary>
    Subtract,
    /// <summary><c>*</c></summary>
    Multiply,
    /// <summary><c>/</c></summary>
    Divide,
    /// <summary><c>==</c></summary>
    Equal,
    /// <summary><c>!=</c></summary>
    NotEqual,
    /// <summary><c>&lt;</c></summary>
    Less,
    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
    /// <summary><c>and</c> (short-circuit)</summary>
    And,
    /// <summary><c>or</c> (short-circuit)</summary>
    Or,
    /// <summary><c>??</c>: the left side unless it is empty</summary>
    Coalesce,
}

/// <summary>A binary operation.</summary>
public sealed class BinaryExpr : Expr
{
    internal BinaryExpr(BinaryOp op, Expr left, Expr right, SourceSpan opSpan, SourceSpan span) : base(span)
    {
        Op = op;
        Left = left;
        Right = right;
        OperatorSpan = opSpan;
    }

    /// <summary>The operator.</summary>
    public BinaryOp Op { get; }

    /// <summary>Left operand.</summary>
    public Expr Left { get; }

    /// <summary>Right operand.</summary>
    public Expr Right { get; }

    /// <summary>Where the operator itself is (errors such as division by zero point here).</summary>
    public SourceSpan OperatorSpan { get; }
}

/// <summary><c>x in [a, b]</c> or <c>x not in [a, b]</c>.</summary>
public sealed class InExpr : Expr
{
    internal InExpr(Expr value, IReadOnlyList<Expr> items, bool negated, SourceSpan span) : base(span)
    {
        Value = value;
        Items = items;
        Negated = negated;
    }

    /// <summary>The value looked up.</summary>
    public Expr Value { get; }

    /// <summary>The list's items.</summary>
    public IReadOnlyList<Expr> Items { get; }

    /// <summary>True for <c>not in</c>.</summary>
    public bool Negated { get; }
}

/// <summary><c>x between low and high</c> (both ends included).</summary>
public sealed class BetweenExpr : Expr
{
    internal BetweenExpr(Expr value, Expr low, Expr high, SourceSpan span) : base(span)
    {
        Value = value;
        Low = low;
        High = high;
    }

    /// <summary>The value tested.</summary>
    public Expr Value { get; }

    /// <summary>Lower bound (included).</summary>
    public Expr Low { get; }

    /// <summary>Upper bound (included).</summary>
    public Expr High { get; }
}

/// <summary><c>if c then a else b</c>.</summary>
public sealed class IfExpr : Expr
{
    internal IfExpr(Expr condition, Expr then, Expr @else, SourceSpan span) : base(span)
    {
        Condition = condition;
        Then = then;
        Else = @else;
    }

    /// <summary>The condition.</summary>
    public Expr Condition { get; }

    /// <summary>Value when the condition holds.</summary>
    public Expr Then { get; }

    /// <summary>Value otherwise.</summary>
    public Expr Else { get; }
}

/// <summary>
/// A call of a built-in function: <c>round(x, 2)</c>, or an aggregate over a child
/// collection with an optional filter: <c>count(members where age >= 60)</c>.
/// </summary>
public sealed class CallExpr : Expr
{
    internal CallExpr(string function, SourceSpan nameSpan, IReadOnlyList<Expr> arguments, Expr? filter, SourceSpan span) : base(span)
    {
        Function = function;
        NameSpan = nameSpan;
        Arguments = arguments;
        Filter = filter;
    }

    /// <summary>The function name.</summary>
    public string Function { get; }

    /// <summary>Where the function name is.</summary>
    public SourceSpan NameSpan { get; }

    /// <summary>The arguments; for an aggregate the first is the collection.</summary>
    public IReadOnlyList<Expr> Arguments { get; }

    /// <summary>The <c>where</c> filter of an aggregate, if any.</summary>
    public Expr? Filter { get; }
}

/// <summary>A node standing where the parser could not read an expression (an error was reported).</summary>
public sealed class ErrorExpr : Expr
{
    internal ErrorExpr(SourceSpan span) : base(span) { }
}
