using System.Collections.Immutable;
using System.Linq.Expressions;
using Scoring.Binding;
using Scoring.Compilation;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Runtime;
using Scoring.Syntax;
using E = System.Linq.Expressions.Expression;

namespace Scoring.Definitions.Rankings;

/// <summary>One part of a ranking computed per record into a hidden slot (a group key, an order key, the pool, the shares…).</summary>
internal readonly record struct RankingPart(BExpr Expr, Storage Storage, int Slot);

/// <summary>
/// A population-level outcome: per record, the evaluation only stores its group keys, order keys, whether it
/// takes part, and its pool and shares; the ranks, selections and allocations are computed after the whole
/// population is scored (<see cref="RankingPass"/>).
/// </summary>
internal sealed class RankingSymbol : Symbol
{
    public RankingSymbol(RankingDefinition def, in SymbolBase common) : base(def, common) { }

    public required ImmutableArray<RankingPart> GroupBy { get; init; }

    /// <summary>For each group expression that names a field of the subject, that field (its value labels word the public explanation).</summary>
    public ImmutableArray<FieldDefinition?> GroupFields { get; init; } = ImmutableArray<FieldDefinition?>.Empty;
    public required RankingPart? Among { get; init; }
    public required ImmutableArray<(RankingPart Part, bool Descending)> OrderBy { get; init; }
    public required BExpr? Count { get; init; }
    public required RankingPart? Pool { get; init; }
    public required RankingPart? Shares { get; init; }
    public RankingKind RankingKind => ((RankingDefinition)Def).RankingKind;
}

internal sealed class RankingBehavior : DefinitionBehavior<RankingDefinition, RankingSymbol>
{
    public override DefinitionKind Kind => DefinitionKind.Ranking;
    public override string Unreadable => "is a population-level outcome, known only after the whole run; rules cannot use it";

    protected override IEnumerable<Expr> Expressions(RankingDefinition r) => r.GroupBy.Concat(r.OrderBy.Select(k => k.Expression))
        .Concat(new[] { r.Among, r.Pool, r.Shares }.Where(x => x is not null).Select(x => x!));

    protected override RankingSymbol Bind(RankingDefinition r, RuleSetContext ctx, int order)
    {
        var b = ctx.Binder;
        var slots = ctx.Slots;
        var groupBy = ImmutableArray.CreateBuilder<RankingPart>();
        foreach (var g in r.GroupBy)
        {
            var bg = b.BindTop(g);
            if (bg.Type.Kind is TKind.Collected or TKind.List or TKind.Collection)
                ctx.Error(DiagnosticCodes.TypeMismatch, $"group_by of '{r.Key}' needs single values, not {bg.Type}", g.Span);
            var (st, sl) = slots.For(bg.Type);
            groupBy.Add(new RankingPart(bg, st, sl));
        }
        RankingPart? among = r.Among is null ? null
            : new RankingPart(b.ExpectType(b.BindTop(r.Among), TKind.Boolean, $"'among' of '{r.Key}'"), Storage.Bool, slots.NextBool());
        var orderBy = ImmutableArray.CreateBuilder<(RankingPart, bool)>();
        foreach (var k in r.OrderBy)
        {
            var bk = b.BindTop(k.Expression);
            if (bk.Type.Kind is not (TKind.Number or TKind.Text or TKind.Date or TKind.Month or TKind.Boolean or TKind.Error))
                ctx.Error(DiagnosticCodes.TypeMismatch, $"order_by of '{r.Key}' needs numbers, text, dates or booleans, not {bk.Type}", k.Expression.Span);
            var (st, sl) = slots.For(bk.Type);
            orderBy.Add((new RankingPart(bk, st, sl), k.Descending));
        }
        if (r.OrderBy.IsDefaultOrEmpty)
            ctx.Error(DiagnosticCodes.MissingKey, $"'{r.Key}' needs order_by (the last key should make the order total, e.g. the record id)", r.Span);
        TType type = TType.Integer;
        BExpr? count = null;
        RankingPart? pool = null, shares = null;
        switch (r.RankingKind)
        {
            case RankingKind.Rank:
                break;
            case RankingKind.Select:
                type = TType.Boolean;
                if (r.Count is null) ctx.Error(DiagnosticCodes.MissingKey, $"selection '{r.Key}' needs 'count' (how many per group, e.g. ceil(0.15 * group_size))", r.Span);
                else count = b.ExpectType(b.BindCount(r.Count), TKind.Number, $"'count' of '{r.Key}'");
                break;
            case RankingKind.Allocate:
                if (r.Pool is null || r.Shares is null)
                    ctx.Error(DiagnosticCodes.MissingKey, $"allocation '{r.Key}' needs 'pool' and 'shares'", r.Span);
                else
                {
                    pool = new RankingPart(b.ExpectType(b.BindTop(r.Pool), TKind.Number, $"'pool' of '{r.Key}'"), Storage.Num, slots.NextNum());
                    shares = new RankingPart(b.ExpectType(b.BindTop(r.Shares), TKind.Number, $"'shares' of '{r.Key}'"), Storage.Num, slots.NextNum());
                }
                break;
        }
        return new RankingSymbol(r, ctx.Common(order, type, Storage.Value, -1))
        {
            GroupBy = groupBy.ToImmutable(),
            GroupFields = r.GroupBy.Select(g => g is NameExpr n && ctx.Subject.ByName.TryGetValue(n.Name, out var f) ? f.Def : null).ToImmutableArray(),
            Among = among, OrderBy = orderBy.ToImmutable(), Count = count, Pool = pool, Shares = shares,
        };
    }

    protected override void Emit(RankingSymbol r, ExpressionCompiler c, List<Expression> body)
    {
        foreach (var g in r.GroupBy) body.Add(E.Assign(c.Slot(g.Storage, g.Slot), c.Emit(g.Expr)));
        if (r.Among is { } am) body.Add(E.Assign(c.B(am.Slot), c.Emit(am.Expr)));
        foreach (var (k, _) in r.OrderBy) body.Add(E.Assign(c.Slot(k.Storage, k.Slot), c.Emit(k.Expr)));
        if (r.Pool is { } pool) body.Add(E.Assign(c.N(pool.Slot), c.Emit(pool.Expr)));
        if (r.Shares is { } sh) body.Add(E.Assign(c.N(sh.Slot), c.Emit(sh.Expr)));
    }

    /// <summary>Filled in by the population pass.</summary>
    protected override Value ValueOf(RankingSymbol symbol, Frame frame, Record record) => Value.Empty;

    private static readonly string[] RankingNotes = { "computed over the whole population after every record is scored" };

    protected override ExplainedParts Explain(ExplanationPlan plan, RankingSymbol s, Frame frame, Record record, Func<Expr, string> text) =>
        new(Value.Empty, null, null, plan.Rule, RankingNotes);

    /// <summary>Until the population pass fills it in (<see cref="RankingPass"/>): the value is known only after the whole run.</summary>
    protected override string? Sentence(ExplanationPlan plan, RankingSymbol s, Frame frame, Record record, in ExplainedParts parts, PublicPhrasing.Lookup values) =>
        "全部记录评定后统一计算";
}
