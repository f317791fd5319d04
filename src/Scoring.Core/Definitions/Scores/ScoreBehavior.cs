using System.Collections.Immutable;
using System.Globalization;
using System.Linq.Expressions;
using Scoring.Binding;
using Scoring.Compilation;
using Scoring.Definitions.Criteria;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Runtime;
using Scoring.Syntax;
using E = System.Linq.Expressions.Expression;

namespace Scoring.Definitions.Scores;

/// <summary>A score: base + the points of its met criteria + plus, clamped to [min, max]; the total before clamping is kept for the explanation.</summary>
internal sealed class ScoreSymbol : Symbol
{
    public ScoreSymbol(ScoreDefinition def, in SymbolBase common, BExpr? plus, ImmutableArray<CriterionSymbol> members, int rawSlot) : base(def, common)
    {
        Plus = plus;
        Members = members;
        RawSlot = rawSlot;
    }

    public BExpr? Plus { get; }

    /// <summary>Its criteria, in declaration order.</summary>
    public ImmutableArray<CriterionSymbol> Members { get; }

    /// <summary>N slot of the total before clamping.</summary>
    public int RawSlot { get; }
}

internal sealed class ScoreBehavior : DefinitionBehavior<ScoreDefinition, ScoreSymbol>
{
    public override DefinitionKind Kind => DefinitionKind.Score;
    public override bool PerChild => true;

    protected override IEnumerable<Expr> Expressions(ScoreDefinition s) => s.Plus is null ? Array.Empty<Expr>() : new[] { s.Plus };

    protected override ScoreSymbol Bind(ScoreDefinition s, RuleSetContext ctx, int order)
    {
        var plus = s.Plus is null ? null : ctx.Binder.ExpectType(ctx.Binder.BindTop(s.Plus), TKind.Number, $"'plus' of score '{s.Key}'");
        if (s.Min is { } mn && s.Max is { } mx && mn > mx)
            ctx.Error(DiagnosticCodes.InvalidValue, $"score '{s.Key}': min {mn} is greater than max {mx}", s.Span);
        var members = ctx.LinksOf(s).Select(ctx.SymbolOf).OfType<CriterionSymbol>().ToImmutableArray();
        bool integral = decimal.Truncate(s.Base) == s.Base && (plus is null || plus.Type.IsInteger) &&
                        members.All(m => m.Points is null || m.Points.Type.IsInteger);
        var common = ctx.CommonFor(order, integral ? TType.Integer : TType.Decimal);
        return new ScoreSymbol(s, common, plus, members, ctx.Slots.NextNum());
    }

    /// <summary>A child-record score, inlined: base + Σ (criterion ? points : 0) + plus, clamped — built from bound pieces.</summary>
    public override BExpr BindInline(Definition def, RecordLayout owner, ExpressionBinder binder, Expr site)
    {
        var sc = (ScoreDefinition)def;
        BExpr total = new BConst(site, decimal.Truncate(sc.Base) == sc.Base ? TType.Integer : TType.Decimal, number: sc.Base);
        foreach (var c in owner.ChildDefinitions.OfType<CriterionDefinition>().Where(c => c.Score == sc.Key))
        {
            var when = binder.ExpectType(binder.Operand(c.When), TKind.Boolean, $"criterion '{c.Key}'");
            var pts = c.Points is null ? new BConst(c.When, TType.Integer, number: 1) : binder.ExpectType(binder.Operand(c.Points), TKind.Number, $"points of '{c.Key}'");
            var zero = new BConst(c.When, TType.Integer, number: 0);
            var term = new BIf(c.When, TType.Unify(pts.Type, zero.Type) ?? TType.Decimal, when, pts, zero);
            total = new BBinary(c.When, TType.Unify(total.Type, term.Type) ?? TType.Decimal, BinaryOp.Add, total, term);
        }
        if (sc.Plus is not null)
        {
            var plus = binder.ExpectType(binder.Operand(sc.Plus), TKind.Number, $"'plus' of score '{sc.Key}'");
            total = new BBinary(sc.Plus, TType.Unify(total.Type, plus.Type) ?? TType.Decimal, BinaryOp.Add, total, plus);
        }
        if (sc.Max is { } max) total = Clamp(binder, "min", site, total, max);
        if (sc.Min is { } min) total = Clamp(binder, "max", site, total, min);
        return total;
    }

    private static BExpr Clamp(ExpressionBinder binder, string function, Expr site, BExpr total, decimal bound)
    {
        binder.Names.Functions.TryGet(function, out var f);
        return new BCall(site, total.Type, f, ImmutableArray.Create(total, (BExpr)new BConst(site, TType.Decimal, number: bound)));
    }

    private static readonly System.Reflection.MethodInfo DecMin = typeof(Math).GetMethod(nameof(Math.Min), new[] { typeof(decimal), typeof(decimal) })!;
    private static readonly System.Reflection.MethodInfo DecMax = typeof(Math).GetMethod(nameof(Math.Max), new[] { typeof(decimal), typeof(decimal) })!;

    protected override void Emit(ScoreSymbol sym, ExpressionCompiler c, List<Expression> body)
    {
        var s = (ScoreDefinition)sym.Def;
        E total;
        if (sym.Members.All(m => m.ConstantPoints is not null) && s.Base == decimal.Truncate(s.Base) && Math.Abs(s.Base) < 1_000_000_000_000m)
        {
            // whole-number points: add them up as integers and convert once (no decimal addition per criterion)
            var acc = E.Variable(typeof(long), "points");
            var steps = new List<E> { E.Assign(acc, E.Constant((long)s.Base)) };
            foreach (var m in sym.Members) steps.Add(E.IfThen(c.B(m.Slot), E.AddAssign(acc, E.Constant(m.ConstantPoints!.Value))));
            steps.Add(E.Convert(acc, typeof(decimal)));
            total = E.Block(new[] { acc }, steps);
        }
        else
        {
            total = E.Constant(s.Base);
            foreach (var m in sym.Members)
                total = E.Add(total, m.ConstantPoints is { } k ? E.Condition(c.B(m.Slot), E.Constant((decimal)k), E.Constant(0m)) : c.N(m.PointsSlot));
        }
        if (sym.Plus is not null) total = E.Add(total, c.Emit(sym.Plus));
        body.Add(E.Assign(c.N(sym.RawSlot), total));
        total = c.N(sym.RawSlot);
        if (s.Max is { } max) total = E.Call(DecMin, total, E.Constant(max));
        if (s.Min is { } min) total = E.Call(DecMax, total, E.Constant(min));
        body.Add(E.Assign(c.N(sym.Slot), total));
    }

    protected override ExplainedParts Explain(ExplanationPlan plan, ScoreSymbol s, Frame frame, Record record, Func<Expr, string> text) =>
        new(ValueOf(s, frame, record), null, null, plan.Rule, Notes(s, frame, text));

    /// <summary>How many of its criteria were met in <paramref name="frame"/>, and the points they brought.</summary>
    private static (int Met, decimal Points) Met(ScoreSymbol s, Frame frame)
    {
        int met = 0;
        decimal sum = 0;
        foreach (var m in s.Members)
        {
            sum += m.PointsIn(frame);
            if (frame.B[m.Slot]) met++;
        }
        return (met, sum);
    }

    private static string[] Notes(ScoreSymbol s, Frame frame, Func<Expr, string> text)
    {
        var sc = (ScoreDefinition)s.Def;
        var raw = frame.N[s.RawSlot];
        var (metCount, sum) = Met(s, frame);
        var arithmetic = string.Create(CultureInfo.InvariantCulture,
            $"{(sc.Base != 0 ? "base " + Fmt(sc.Base) + "; " : "")}{metCount} of {s.Members.Length} met, {Fmt(sum)} points{(sc.Plus is not null ? "; plus " + text(sc.Plus) + " = " + Fmt(raw - sc.Base - sum) : "")}");
        if (sc.Max is { } max && raw > max) return new[] { arithmetic, "capped at " + Fmt(max) + " (was " + Fmt(raw) + ")" };
        if (sc.Min is { } min && raw < min) return new[] { arithmetic, "raised to the floor " + Fmt(min) + " (was " + Fmt(raw) + ")" };
        return new[] { arithmetic };
    }

    /// <summary><c>8（10 项中 8 项达标）</c>, with the base, what is added and a cap or floor that applied.</summary>
    protected override string? Sentence(ExplanationPlan plan, ScoreSymbol s, Frame frame, Record record, in ExplainedParts parts, PublicPhrasing.Lookup values)
    {
        if (Authored(plan, parts, values) is { } authored) return authored;
        var sc = (ScoreDefinition)s.Def;
        var raw = frame.N[s.RawSlot];
        var (met, sum) = Met(s, frame);
        var how = new List<string>(4);
        if (sc.Base != 0) how.Add("基础分 " + Fmt(sc.Base));
        if (s.Members.Length > 0)
            how.Add(s.Members.All(m => m.ConstantPoints == 1) && sc.Base == 0
                ? $"{s.Members.Length} 项中 {met} 项达标"
                : $"{s.Members.Length} 项中 {met} 项达标，计 {Fmt(sum)} 分");
        if (sc.Plus is not null) how.Add("另计 " + plan.Phrasing.Expression(sc.Plus, values));
        if (sc.Max is { } max && raw > max) how.Add($"超过上限，按 {Fmt(max)} 计（原为 {Fmt(raw)}）");
        if (sc.Min is { } min && raw < min) how.Add($"低于下限，按 {Fmt(min)} 计（原为 {Fmt(raw)}）");
        var value = plan.Phrasing.Format(parts.Value);
        return how.Count == 0 ? value : $"{value}（{string.Join("，", how)}）";
    }

    // whole numbers (most points) print as integers, without normalising the decimal first
    private static string Fmt(decimal d) =>
        d.Scale == 0 && d >= long.MinValue && d <= long.MaxValue ? ((long)d).ToString(CultureInfo.InvariantCulture)
        : Value.Normalize(d).ToString(CultureInfo.InvariantCulture);
}
