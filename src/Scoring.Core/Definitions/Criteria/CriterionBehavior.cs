using System.Linq.Expressions;
using Scoring.Binding;
using Scoring.Compilation;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Runtime;
using Scoring.Syntax;
using E = System.Linq.Expressions.Expression;

namespace Scoring.Definitions.Criteria;

/// <summary>A criterion: a yes/no condition (in a B slot) and, when it counts towards a score, the points it contributes.</summary>
internal sealed class CriterionSymbol : Symbol
{
    public CriterionSymbol(CriterionDefinition def, in SymbolBase common, BExpr when, BExpr? points, int pointsSlot, bool countsTowardsScore)
        : base(def, common)
    {
        When = when;
        Points = points;
        PointsSlot = pointsSlot;
        // whole-number constant points (the common case): its score then sums in integers, and nothing is stored per record
        ConstantPoints = !countsTowardsScore ? null
            : points is null ? 1
            : points is BConst { Type.Kind: TKind.Number } c && c.Number == decimal.Truncate(c.Number) && Math.Abs(c.Number) < 1_000_000_000_000m ? (long)c.Number
            : null;
    }

    public BExpr When { get; }
    public BExpr? Points { get; }

    /// <summary>N slot of the points contributed (when it counts towards a score), else −1.</summary>
    public int PointsSlot { get; }

    /// <summary>For a criterion whose points are a whole-number constant: that number.</summary>
    public long? ConstantPoints { get; }

    /// <summary>The points this criterion contributed in <paramref name="f"/> (0 when not met).</summary>
    public decimal PointsIn(Frame f) => ConstantPoints is { } c ? (f.B[Slot] ? c : 0) : f.N[PointsSlot];
}

internal sealed class CriterionBehavior : DefinitionBehavior<CriterionDefinition, CriterionSymbol>
{
    public override DefinitionKind Kind => DefinitionKind.Criterion;
    public override bool PerChild => true;

    protected override void Link(CriterionDefinition c, RuleSetContext ctx)
    {
        if (c.Score is not null)
        {
            if (ctx.Names.Declared.TryGetValue(c.Score, out var s) && s is ScoreDefinition)
            {
                ctx.SetOwner(c, s);
                ctx.AddLink(s, c);
            }
            else
            {
                var scores = ctx.Names.Declared.Values.Where(x => x is ScoreDefinition).Select(x => x.Key);
                ctx.Error(DiagnosticCodes.InvalidReference, $"criterion '{c.Key}' counts towards '{c.Score}', which is not a score{ExpressionBinder.Suggest(c.Score, scores)}", c.Span);
            }
        }
        else if (c.Points is not null)
        {
            ctx.Error(DiagnosticCodes.InvalidReference, $"criterion '{c.Key}' has points but counts towards no score", c.Span);
        }
    }

    protected override IEnumerable<Expr> Expressions(CriterionDefinition c) => c.Points is null ? new[] { c.When } : new[] { c.When, c.Points };

    protected override CriterionSymbol Bind(CriterionDefinition c, RuleSetContext ctx, int order)
    {
        var b = ctx.Binder;
        var when = b.ExpectType(b.BindTop(c.When), TKind.Boolean, $"criterion '{c.Key}'");
        var points = c.Points is null ? null : b.ExpectType(b.BindTop(c.Points), TKind.Number, $"points of '{c.Key}'");
        var common = ctx.CommonFor(order, TType.Boolean);
        bool counts = ctx.OwnerOf(c) is not null;
        int pointsSlot = counts ? ctx.Slots.NextNum() : -1;
        return new CriterionSymbol(c, common, when, points, pointsSlot, counts);
    }

    public override BExpr BindInline(Definition def, RecordLayout owner, ExpressionBinder binder, Expr site)
    {
        var c = (CriterionDefinition)def;
        return binder.ExpectType(binder.Operand(c.When), TKind.Boolean, $"criterion '{c.Key}'");
    }

    protected override void Emit(CriterionSymbol s, ExpressionCompiler c, List<Expression> body)
    {
        var met = c.B(s.Slot);
        body.Add(E.Assign(met, c.Emit(s.When)));
        if (s.PointsSlot >= 0 && s.ConstantPoints is null)
            body.Add(E.Assign(c.N(s.PointsSlot), E.Condition(met, c.Emit(s.Points!), E.Constant(0m))));
    }

    protected override string? RuleText(CriterionSymbol s, Func<Expr, string> text) => text(((CriterionDefinition)s.Def).When);

    protected override ExplainedParts Explain(ExplanationPlan plan, CriterionSymbol s, Frame frame, Record record, Func<Expr, string> text) =>
        new(ValueOf(s, frame, record), frame.B[s.Slot], s.PointsSlot >= 0 ? s.PointsIn(frame) : null, plan.Rule, Array.Empty<string>());

    protected override string? Sentence(ExplanationPlan plan, CriterionSymbol s, Frame frame, Record record, in ExplainedParts parts, PublicPhrasing.Lookup values) =>
        Authored(plan, parts, values) ?? plan.Phrasing.Condition(((CriterionDefinition)s.Def).When, values, parts.Met);
}
