using System.Globalization;
using System.Text;

namespace Scoring.Syntax;

/// <summary>
/// Prints an expression tree as canonical text, with only the parentheses its structure
/// needs. Parsing the printed text gives a tree equivalent to the original
/// (see <see cref="ExprEquivalence"/>).
/// </summary>
internal static class ExprPrinter
{
    private const int PIf = 0, POr = 1, PAnd = 2, PNot = 3, PCmp = 4, PAdd = 5, PMul = 6, PNeg = 7, PCoalesce = 8, PPrimary = 9;

    /// <summary>The canonical text of <paramref name="expr"/>.</summary>
    public static string Print(Expr expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var sb = new StringBuilder();
        Write(sb, expr, PIf);
        return sb.ToString();
    }

    private static int Precedence(Expr e) => e switch
    {
        IfExpr => PIf,
        BinaryExpr b => b.Op switch
        {
            BinaryOp.Or => POr,
            BinaryOp.And => PAnd,
            BinaryOp.Add or BinaryOp.Subtract => PAdd,
            BinaryOp.Multiply or BinaryOp.Divide => PMul,
            BinaryOp.Coalesce => PCoalesce,
            _ => PCmp,
        },
        UnaryExpr u => u.Op == UnaryOp.Not ? PNot : PNeg,
        InExpr or BetweenExpr => PCmp,
        _ => PPrimary,
    };

    /// <summary>The operator's text.</summary>
    public static string OperatorText(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+", BinaryOp.Subtract => "-", BinaryOp.Multiply => "*", BinaryOp.Divide => "/",
        BinaryOp.Equal => "==", BinaryOp.NotEqual => "!=", BinaryOp.Less => "<", BinaryOp.LessOrEqual => "<=",
        BinaryOp.Greater => ">", BinaryOp.GreaterOrEqual => ">=", BinaryOp.And => "and", BinaryOp.Or => "or",
        BinaryOp.Coalesce => "??",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static void Write(StringBuilder sb, Expr e, int min)
    {
        int p = Precedence(e);
        bool paren = p < min;
        if (paren) sb.Append('(');
        switch (e)
        {
            case LiteralExpr l:
                switch (l.Kind)
                {
                    case LiteralKind.Integer:
                    case LiteralKind.Decimal:
                        sb.Append(l.Number.ToString(CultureInfo.InvariantCulture));
                        break;
                    case LiteralKind.Boolean:
                        sb.Append(l.Boolean ? "true" : "false");
                        break;
                    default:
                        sb.Append('\'').Append(l.Text!.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
                        break;
                }
                break;
            case NameExpr n:
                sb.Append(n.Name);
                break;
            case UnaryExpr u:
                sb.Append(u.Op == UnaryOp.Not ? "not " : "-");
                Write(sb, u.Operand, u.Op == UnaryOp.Not ? PNot : PNeg);
                break;
            case BinaryExpr b:
            {
                int lp, rp;
                if (p == PCmp) { lp = PAdd; rp = PAdd; }
                else if (p == PCoalesce) { lp = PCoalesce; rp = PPrimary; }
                else if (p == POr)
                {
                    // parenthesise 'and' inside 'or' for readers (not needed for parsing)
                    lp = b.Left is BinaryExpr { Op: BinaryOp.And } ? PNot : POr;
                    rp = b.Right is BinaryExpr { Op: BinaryOp.And } ? PNot : PAnd;
                }
                else { lp = p; rp = p + 1; }
                Write(sb, b.Left, lp);
                sb.Append(' ').Append(OperatorText(b.Op)).Append(' ');
                Write(sb, b.Right, rp);
                break;
            }
            case InExpr i:
                Write(sb, i.Value, PAdd);
                sb.Append(i.Negated ? " not in [" : " in [");
                for (int k = 0; k < i.Items.Count; k++)
                {
                    if (k > 0) sb.Append(", ");
                    Write(sb, i.Items[k], PIf);
                }
                sb.Append(']');
                break;
            case BetweenExpr bt:
                Write(sb, bt.Value, PAdd);
                sb.Append(" between ");
                Write(sb, bt.Low, PAdd);
                sb.Append(" and ");
                Write(sb, bt.High, PAdd);
                break;
            case IfExpr f:
                sb.Append("if ");
                Write(sb, f.Condition, PIf);
                sb.Append(" then ");
                Write(sb, f.Then, PIf);
                sb.Append(" else ");
                Write(sb, f.Else, PIf);
                break;
            case CallExpr c:
                sb.Append(c.Function).Append('(');
                for (int k = 0; k < c.Arguments.Count; k++)
                {
                    if (k > 0) sb.Append(", ");
                    Write(sb, c.Arguments[k], PIf);
                    if (k == 0 && c.Filter is not null)
                    {
                        sb.Append(" where ");
                        Write(sb, c.Filter, PIf);
                    }
                }
                sb.Append(')');
                break;
            case ErrorExpr:
                sb.Append("<error>");
                break;
        }
        if (paren) sb.Append(')');
    }
}

/// <summary>Structural equality of expression trees, ignoring source spans.</summary>
internal static class ExprEquivalence
{
    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> have the same structure and values.</summary>
    public static bool Equivalent(Expr a, Expr b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return (a, b) switch
        {
            (LiteralExpr x, LiteralExpr y) => x.Kind == y.Kind && x.Number == y.Number && x.Text == y.Text && x.Boolean == y.Boolean,
            (NameExpr x, NameExpr y) => x.Name == y.Name,
            (UnaryExpr x, UnaryExpr y) => x.Op == y.Op && Equivalent(x.Operand, y.Operand),
            (BinaryExpr x, BinaryExpr y) => x.Op == y.Op && Equivalent(x.Left, y.Left) && Equivalent(x.Right, y.Right),
            (InExpr x, InExpr y) => x.Negated == y.Negated && Equivalent(x.Value, y.Value) && All(x.Items, y.Items),
            (BetweenExpr x, BetweenExpr y) => Equivalent(x.Value, y.Value) && Equivalent(x.Low, y.Low) && Equivalent(x.High, y.High),
            (IfExpr x, IfExpr y) => Equivalent(x.Condition, y.Condition) && Equivalent(x.Then, y.Then) && Equivalent(x.Else, y.Else),
            (CallExpr x, CallExpr y) => x.Function == y.Function && All(x.Arguments, y.Arguments) &&
                                        (x.Filter is null ? y.Filter is null : y.Filter is not null && Equivalent(x.Filter, y.Filter)),
            (ErrorExpr, ErrorExpr) => true,
            _ => false,
        };
    }

    private static bool All(IReadOnlyList<Expr> a, IReadOnlyList<Expr> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
            if (!Equivalent(a[i], b[i])) return false;
        return true;
    }
}
