using Scoring.Diagnostics;
using Scoring.Primitives;

namespace Scoring.Syntax;

/// <summary>Limits that keep untrusted rule text from exhausting the host.</summary>
public static class ExpressionLimits
{
    /// <summary>Longest expression text accepted, in characters.</summary>
    public const int MaxLength = 4000;

    /// <summary>Deepest nesting of an expression tree accepted.</summary>
    public const int MaxDepth = 64;
}

/// <summary>
/// Parses the expression language. Never throws on bad input: problems go to the
/// diagnostic bag with the exact character position, and an <see cref="ErrorExpr"/> stands in.
/// Recursion is bounded by <see cref="ExpressionLimits.MaxDepth"/>, so no input can overflow the stack.
/// </summary>
public sealed class ExpressionParser
{
    private readonly string _text;
    private readonly SourceOrigin _origin;
    private readonly DiagnosticBag _diagnostics;
    private readonly List<Token> _tokens;
    private readonly Dictionary<Expr, int> _depth = new(ReferenceEqualityComparer.Instance);
    private int _pos;
    private int _nesting;
    private bool _failed;

    private ExpressionParser(string text, SourceOrigin origin, DiagnosticBag diagnostics)
    {
        _text = text;
        _origin = origin;
        _diagnostics = diagnostics;
        _tokens = new Lexer(text, origin, diagnostics).Tokenize();
        _failed = _tokens.Exists(t => t.Kind == TokenKind.Bad);
    }

    /// <summary>Parses <paramref name="text"/>; errors are added to <paramref name="diagnostics"/>.</summary>
    /// <returns>The tree, or an <see cref="ErrorExpr"/> when the text has a syntax error.</returns>
    public static Expr Parse(string text, SourceOrigin origin, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(diagnostics);
        return DeepStack.Run(() => ParseCore(text, origin, diagnostics));
    }

    private static Expr ParseCore(string text, SourceOrigin origin, DiagnosticBag diagnostics)
    {
        var whole = origin.Span(text, 0, Math.Max(1, text.Length));
        if (text.Length > ExpressionLimits.MaxLength)
        {
            diagnostics.Error(DiagnosticCodes.ExpressionTooLong, $"expression is {text.Length} characters long; the limit is {ExpressionLimits.MaxLength}", whole);
            return new ErrorExpr(whole);
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            diagnostics.Error(DiagnosticCodes.UnexpectedToken, "expression is empty", whole);
            return new ErrorExpr(whole);
        }
        var p = new ExpressionParser(text, origin, diagnostics);
        if (p._failed) return new ErrorExpr(whole);
        var e = p.ParseExpression();
        if (!p._failed && p.Peek.Kind != TokenKind.End)
            p.Fail($"unexpected {Describe(p.Peek)} after the end of the expression");
        return p._failed ? new ErrorExpr(whole) : e;
    }

    /// <summary>Parses text typed in code (no file); throws <see cref="FormatException"/> listing every error.</summary>
    public static Expr Parse(string text)
    {
        var bag = new DiagnosticBag();
        var e = Parse(text, SourceOrigin.Inline, bag);
        if (bag.HasErrors) throw new FormatException(string.Join(Environment.NewLine, bag));
        return e;
    }

    private Token Peek => _tokens[_pos];

    private Token PeekAt(int k) => _tokens[Math.Min(_pos + k, _tokens.Count - 1)];

    private Token Advance() => _tokens[_pos < _tokens.Count - 1 ? _pos++ : _pos];

    private SourceSpan SpanOf(Token t) => _origin.Span(_text, t.Start, Math.Max(1, t.Length));

    private static string Describe(Token t) => t.Kind switch
    {
        TokenKind.End => "end of expression",
        TokenKind.Number => $"number {t.Text}",
        TokenKind.String => $"string '{t.Text}'",
        TokenKind.Name => $"name '{t.Text}'",
        _ => $"'{Symbol(t.Kind)}'",
    };

    private static string Symbol(TokenKind k) => k switch
    {
        TokenKind.LParen => "(", TokenKind.RParen => ")", TokenKind.LBracket => "[", TokenKind.RBracket => "]",
        TokenKind.Comma => ",", TokenKind.Plus => "+", TokenKind.Minus => "-", TokenKind.Star => "*",
        TokenKind.Slash => "/", TokenKind.EqEq => "==", TokenKind.NotEq => "!=", TokenKind.Less => "<",
        TokenKind.LessEq => "<=", TokenKind.Greater => ">", TokenKind.GreaterEq => ">=", TokenKind.Coalesce => "??",
        _ => k.ToString().ToLowerInvariant(),
    };

    private ErrorExpr Fail(string message)
    {
        var span = SpanOf(Peek);
        if (!_failed) _diagnostics.Error(DiagnosticCodes.UnexpectedToken, message, span);
        _failed = true;
        return new ErrorExpr(span);
    }

    private bool Expect(TokenKind kind, string what)
    {
        if (_failed) return false;
        if (Peek.Kind == kind) { Advance(); return true; }
        Fail($"expected {what} but found {Describe(Peek)}");
        return false;
    }

    private int DepthOf(Expr e) => _depth.TryGetValue(e, out var d) ? d : 1;

    private T Node<T>(T e, params Expr[] children) where T : Expr
    {
        int d = 0;
        foreach (var c in children) d = Math.Max(d, DepthOf(c));
        _depth[e] = d + 1;
        if (d + 1 > ExpressionLimits.MaxDepth && !_failed)
        {
            _diagnostics.Error(DiagnosticCodes.ExpressionTooDeep, $"expression is too complex: more than {ExpressionLimits.MaxDepth} nested operations (a chain such as a + b + c + … counts one level per operator); split it into named values", e.Span);
            _failed = true;
        }
        return e;
    }

    private SourceSpan From(Token start) => SpanOf(start).Through(SpanOf(_tokens[Math.Max(0, _pos - 1)]));

    private Expr ParseExpression()
    {
        if (_failed) return new ErrorExpr(SpanOf(Peek));
        if (++_nesting > ExpressionLimits.MaxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _diagnostics.Error(DiagnosticCodes.ExpressionTooDeep, $"expression is too complex: more than {ExpressionLimits.MaxDepth} nested operations (a chain such as a + b + c + … counts one level per operator); split it into named values", SpanOf(Peek));
            _failed = true;
            _nesting--;
            return new ErrorExpr(SpanOf(Peek));
        }
        try
        {
            return Peek.Kind == TokenKind.If ? ParseIf() : ParseOr();
        }
        finally
        {
            _nesting--;
        }
    }

    private Expr ParseIf()
    {
        var start = Advance();
        var c = ParseExpression();
        if (!Expect(TokenKind.Then, "'then'")) return new ErrorExpr(SpanOf(start));
        var a = ParseExpression();
        if (!Expect(TokenKind.Else, "'else'")) return new ErrorExpr(SpanOf(start));
        var b = ParseExpression();
        return Node(new IfExpr(c, a, b, From(start)), c, a, b);
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (!_failed && Peek.Kind == TokenKind.Or)
        {
            var op = Advance();
            var right = ParseAnd();
            left = Node(new BinaryExpr(BinaryOp.Or, left, right, SpanOf(op), left.Span.Through(right.Span)), left, right);
        }
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (!_failed && Peek.Kind == TokenKind.And)
        {
            var op = Advance();
            var right = ParseNot();
            left = Node(new BinaryExpr(BinaryOp.And, left, right, SpanOf(op), left.Span.Through(right.Span)), left, right);
        }
        return left;
    }

    private Expr ParseNot()
    {
        if (Peek.Kind == TokenKind.Not)
        {
            var start = Advance();
            if (!Enter()) return new ErrorExpr(SpanOf(start));
            var operand = ParseNot();
            _nesting--;
            return Node(new UnaryExpr(UnaryOp.Not, operand, SpanOf(start).Through(operand.Span)), operand);
        }
        return ParseComparison();
    }

    private bool Enter()
    {
        if (++_nesting <= ExpressionLimits.MaxDepth) return true;
        _nesting--;
        if (!_failed)
            _diagnostics.Error(DiagnosticCodes.ExpressionTooDeep, $"expression is too complex: more than {ExpressionLimits.MaxDepth} nested operations (a chain such as a + b + c + … counts one level per operator); split it into named values", SpanOf(Peek));
        _failed = true;
        return false;
    }

    private static BinaryOp? ComparisonOp(TokenKind k) => k switch
    {
        TokenKind.EqEq => BinaryOp.Equal, TokenKind.NotEq => BinaryOp.NotEqual, TokenKind.Less => BinaryOp.Less,
        TokenKind.LessEq => BinaryOp.LessOrEqual, TokenKind.Greater => BinaryOp.Greater, TokenKind.GreaterEq => BinaryOp.GreaterOrEqual,
        _ => null,
    };

    private Expr ParseComparison()
    {
        var left = ParseAdditive();
        if (_failed) return left;
        Expr result;
        if (ComparisonOp(Peek.Kind) is { } op)
        {
            var opTok = Advance();
            var right = ParseAdditive();
            result = Node(new BinaryExpr(op, left, right, SpanOf(opTok), left.Span.Through(right.Span)), left, right);
        }
        else if (Peek.Kind == TokenKind.In || (Peek.Kind == TokenKind.Not && PeekAt(1).Kind == TokenKind.In))
        {
            bool negated = Peek.Kind == TokenKind.Not;
            if (negated) Advance();
            Advance();
            var items = ParseList(out var listEnd);
            if (_failed) return new ErrorExpr(left.Span);
            var children = new List<Expr>(items) { left };
            result = Node(new InExpr(left, items, negated, left.Span.Through(listEnd)), children.ToArray());
        }
        else if (Peek.Kind == TokenKind.Between)
        {
            Advance();
            var low = ParseAdditive();
            if (!Expect(TokenKind.And, "'and' (between LOW and HIGH)")) return new ErrorExpr(left.Span);
            var high = ParseAdditive();
            result = Node(new BetweenExpr(left, low, high, left.Span.Through(high.Span)), left, low, high);
        }
        else
        {
            return left;
        }
        if (!_failed && (ComparisonOp(Peek.Kind) is not null || Peek.Kind is TokenKind.In or TokenKind.Between))
            return Fail($"comparisons cannot be chained; found {Describe(Peek)} after a comparison (use 'and', or 'between')");
        return result;
    }

    private List<Expr> ParseList(out SourceSpan end)
    {
        var items = new List<Expr>();
        end = SpanOf(Peek);
        if (!Expect(TokenKind.LBracket, "'[' to start the list")) return items;
        if (Peek.Kind != TokenKind.RBracket)
        {
            while (!_failed)
            {
                items.Add(ParseExpression());
                if (Peek.Kind != TokenKind.Comma) break;
                Advance();
            }
        }
        end = SpanOf(Peek);
        Expect(TokenKind.RBracket, "',' or ']'");
        return items;
    }

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (!_failed && Peek.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var opTok = Advance();
            var right = ParseMultiplicative();
            var op = opTok.Kind == TokenKind.Plus ? BinaryOp.Add : BinaryOp.Subtract;
            left = Node(new BinaryExpr(op, left, right, SpanOf(opTok), left.Span.Through(right.Span)), left, right);
        }
        return left;
    }

    private Expr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (!_failed && Peek.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var opTok = Advance();
            var right = ParseUnary();
            var op = opTok.Kind == TokenKind.Star ? BinaryOp.Multiply : BinaryOp.Divide;
            left = Node(new BinaryExpr(op, left, right, SpanOf(opTok), left.Span.Through(right.Span)), left, right);
        }
        return left;
    }

    private Expr ParseUnary()
    {
        if (Peek.Kind == TokenKind.Minus)
        {
            var start = Advance();
            if (!Enter()) return new ErrorExpr(SpanOf(start));
            var operand = ParseUnary();
            _nesting--;
            return Node(new UnaryExpr(UnaryOp.Negate, operand, SpanOf(start).Through(operand.Span)), operand);
        }
        return ParseCoalesce();
    }

    private Expr ParseCoalesce()
    {
        var left = ParsePrimary();
        while (!_failed && Peek.Kind == TokenKind.Coalesce)
        {
            var opTok = Advance();
            var right = ParsePrimary();
            left = Node(new BinaryExpr(BinaryOp.Coalesce, left, right, SpanOf(opTok), left.Span.Through(right.Span)), left, right);
        }
        return left;
    }

    private Expr ParsePrimary()
    {
        if (_failed) return new ErrorExpr(SpanOf(Peek));
        var t = Peek;
        switch (t.Kind)
        {
            case TokenKind.Number:
                Advance();
                return Node(new LiteralExpr(t.IsInteger ? LiteralKind.Integer : LiteralKind.Decimal, t.Number, null, false, SpanOf(t)));
            case TokenKind.String:
                Advance();
                return Node(new LiteralExpr(LiteralKind.Text, 0, t.Text, false, SpanOf(t)));
            case TokenKind.True:
            case TokenKind.False:
                Advance();
                return Node(new LiteralExpr(LiteralKind.Boolean, 0, null, t.Kind == TokenKind.True, SpanOf(t)));
            case TokenKind.Name:
                Advance();
                if (Peek.Kind == TokenKind.LParen) return ParseCall(t);
                return Node(new NameExpr(t.Text!, SpanOf(t)));
            case TokenKind.LParen:
            {
                Advance();
                var inner = ParseExpression();
                Expect(TokenKind.RParen, "')'");
                return inner;
            }
            case TokenKind.If:
                return ParseIf();
            default:
                return Fail($"expected a value but found {Describe(t)}");
        }
    }

    private Expr ParseCall(Token name)
    {
        Advance(); // (
        var args = new List<Expr>();
        Expr? filter = null;
        if (Peek.Kind != TokenKind.RParen)
        {
            while (!_failed)
            {
                args.Add(ParseExpression());
                if (args.Count == 1 && Peek.Kind == TokenKind.Where)
                {
                    Advance();
                    filter = ParseExpression();
                }
                if (Peek.Kind != TokenKind.Comma) break;
                Advance();
            }
        }
        if (!Expect(TokenKind.RParen, "',' or ')'")) return new ErrorExpr(SpanOf(name));
        var children = new List<Expr>(args);
        if (filter is not null) children.Add(filter);
        return Node(new CallExpr(name.Text!, SpanOf(name), args, filter, From(name)), children.ToArray());
    }
}
