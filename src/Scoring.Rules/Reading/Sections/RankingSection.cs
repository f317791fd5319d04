using System.Collections.Immutable;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Rules.Yaml;

namespace Scoring.Rules.Reading.Sections;

/// <summary><c>rankings:</c> — <c>{ kind: rank | select | allocate, group_by, among, order_by, count, pool, shares }</c>.</summary>
internal sealed class RankingSection : DefinitionSection
{
    public override string Key => "rankings";

    public override Definition? Read(YScalar key, YNode node, ReaderContext ctx)
    {
        var bag = ctx.Bag;
        var m = MapReader.Open(node, bag, $"ranking '{key.Value}'", "label", "description", "kind", "group_by", "among", "order_by", "count", "pool", "shares");
        if (m is null) return ctx.MissingBody(key, node, "kind");
        var ks = m.Scalar("kind", required: true);
        RankingKind kind = RankingKind.Rank;
        if (ks is not null)
        {
            switch (ks.Value)
            {
                case "rank": kind = RankingKind.Rank; break;
                case "select": kind = RankingKind.Select; break;
                case "allocate": kind = RankingKind.Allocate; break;
                default:
                    bag.Error(DiagnosticCodes.InvalidValue, $"kind must be rank, select or allocate, not '{ks.Value}'", ks.Span);
                    return null;
            }
        }
        var groupBy = (m.ScalarList("group_by") ?? new List<YScalar>()).Select(ctx.Parse).ToImmutableArray();
        var order = ImmutableArray.CreateBuilder<OrderKey>();
        if (m.Sequence("order_by", required: true) is { } seq)
        {
            foreach (var item in seq.Items)
            {
                if (item is YScalar s && !s.IsNull)
                {
                    order.Add(new OrderKey(ctx.Parse(s), false));
                    continue;
                }
                var om = MapReader.Open(item, bag, $"an order_by key of '{key.Value}'", "expr", "direction");
                if (om is null) continue;
                var e = ctx.ExprAt(om, "expr", true);
                bool desc = false;
                if (om.Scalar("direction") is { } dir)
                {
                    if (dir.Value is "desc" or "descending") desc = true;
                    else if (dir.Value is not ("asc" or "ascending"))
                        bag.Error(DiagnosticCodes.InvalidValue, $"direction must be asc or desc, not '{dir.Value}'", dir.Span);
                }
                if (e is not null) order.Add(new OrderKey(e, desc));
            }
        }
        return new RankingDefinition(key.Value, kind)
        {
            Label = m.Text("label"),
            Description = m.Text("description"),
            GroupBy = groupBy,
            Among = ctx.ExprAt(m, "among", false),
            OrderBy = order.ToImmutable(),
            Count = ctx.ExprAt(m, "count", false),
            Pool = ctx.ExprAt(m, "pool", false),
            Shares = ctx.ExprAt(m, "shares", false),
            Span = key.Span,
        };
    }
}
