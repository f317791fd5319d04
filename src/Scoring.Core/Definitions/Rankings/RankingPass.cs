using Scoring.Compilation;
using Scoring.Model;
using Scoring.Runtime;

namespace Scoring.Definitions.Rankings;

/// <summary>What a ranking keeps of one scored record: its group, whether it takes part, its order keys, pool and shares.</summary>
internal sealed record RankingRow(string Group, string GroupText, bool Among, Value[] Order, decimal Pool, decimal Shares)
{
    /// <summary>The group in the public explanation's words (<c>所在社区 幸福社区</c>).</summary>
    public string PublicGroup { get; init; } = "";
}

/// <summary>
/// Computes one population-level outcome over every scored record: ranks 1…n, quota selections, or pro-rata
/// allocations in whole units with exact largest-remainder ties, within each group, in input order.
/// </summary>
internal static class RankingPass
{
    /// <summary>What the ranking keeps of the record just evaluated in <paramref name="f"/>.</summary>
    public static RankingRow Capture(RankingSymbol r, Frame f, Func<Syntax.Expr, string> text)
    {
        var parts = new Value[r.GroupBy.Length];
        for (int i = 0; i < parts.Length; i++) parts[i] = DefinitionBehavior.SlotValue(f, r.GroupBy[i].Storage, r.GroupBy[i].Slot, r.GroupBy[i].Expr.Type);
        string group = string.Join("\u001f", parts.Select(p => p.ToString()));
        string groupText = string.Join(", ", r.GroupBy.Select((g, i) => $"{text(g.Expr.Syntax)}={parts[i]}")); // expressions printed once per rule set
        bool among = r.Among is not { } am || f.B[am.Slot];
        var order = r.OrderBy.Select(k => DefinitionBehavior.SlotValue(f, k.Part.Storage, k.Part.Slot, k.Part.Expr.Type)).ToArray();
        return new RankingRow(group, groupText, among, order, r.Pool is { } p ? f.N[p.Slot] : 0m, r.Shares is { } s ? f.N[s.Slot] : 0m)
        {
            PublicGroup = string.Join("，", r.GroupBy.Select((g, i) =>
                $"{GroupLabel(r, text(g.Expr.Syntax))} {(i < r.GroupFields.Length && r.GroupFields[i] is { } gf && parts[i].AsText is { } code ? gf.LabelOf(code) : parts[i].ToString())}")),
        };
    }

    /// <summary>The label of a group expression: that of the field or rule it names (the ranking's inputs carry them).</summary>
    private static string GroupLabel(RankingSymbol r, string printed)
    {
        foreach (var i in r.Inputs) if (i.Name == printed) return i.Label ?? printed;
        return printed;
    }

    /// <summary>Computes the outcome for every record (<paramref name="rows"/> in input order) and hands each value and its explanation note to <paramref name="set"/>.</summary>
    public static void Complete(RankingSymbol r, IReadOnlyList<RankingRow> rows, Func<decimal, decimal, decimal>? count, Action<int, Value, string, string> set)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var orderOfGroups = new List<string>();
        for (int i = 0; i < rows.Count; i++)
        {
            var g = rows[i].Group;
            if (!groups.TryGetValue(g, out var list))
            {
                groups[g] = list = new List<int>();
                orderOfGroups.Add(g);
            }
            list.Add(i);
        }
        foreach (var g in orderOfGroups)
        {
            var members = groups[g];
            var among = members.Where(i => rows[i].Among).ToList();
            among.Sort((a, b) => Compare(r, rows, a, b));
            string groupText = rows[members[0]].GroupText;
            switch (r.RankingKind)
            {
                case RankingKind.Rank:
                    foreach (var i in members)
                        if (!rows[i].Among) set(i, Value.Empty, $"not ranked (not among those ranked{Where(groupText)})", $"不参加排名{In(rows[i])}");
                    for (int k = 0; k < among.Count; k++)
                        set(among[k], Value.Of(k + 1), $"rank {k + 1} of {among.Count}{Where(groupText)}", $"第 {k + 1} 名，共 {among.Count} 名{In(rows[among[k]])}");
                    break;
                case RankingKind.Select:
                {
                    decimal raw = count!(members.Count, among.Count);
                    int n = (int)Math.Clamp(decimal.Floor(raw), 0, among.Count);
                    foreach (var i in members)
                        if (!rows[i].Among) set(i, Value.Of(false), $"not among those eligible for selection{Where(groupText)}", $"不在评选范围内{In(rows[i])}");
                    for (int k = 0; k < among.Count; k++)
                        set(among[k], Value.Of(k < n),
                            $"place {k + 1} of {among.Count} eligible; {n} selected (count {Value.Of(raw)} with group size {members.Count}){Where(groupText)}",
                            $"{(k < n ? "入选" : "未入选")}：参评 {among.Count} 名中排第 {k + 1} 名，入选 {n} 名{In(rows[among[k]])}");
                    break;
                }
                case RankingKind.Allocate:
                    Allocate(rows, members, among, groupText, set);
                    break;
            }
        }
    }

    private static int Compare(RankingSymbol r, IReadOnlyList<RankingRow> rows, int a, int b)
    {
        var ra = rows[a].Order;
        var rb = rows[b].Order;
        for (int k = 0; k < r.OrderBy.Length; k++)
        {
            int c = CompareValues(ra[k], rb[k]);
            if (c != 0) return r.OrderBy[k].Descending ? -c : c;
        }
        return a.CompareTo(b); // input order makes the order total
    }

    private static int CompareValues(Value a, Value b)
    {
        if (a.Kind != b.Kind) return a.Kind.CompareTo(b.Kind);
        return a.Kind switch
        {
            ValueKind.Number => a.AsNumber.CompareTo(b.AsNumber),
            ValueKind.Boolean => a.AsBoolean.CompareTo(b.AsBoolean),
            ValueKind.Text => string.CompareOrdinal(a.AsText, b.AsText),
            ValueKind.Date => a.AsDate.CompareTo(b.AsDate),
            ValueKind.Month => a.AsMonth.CompareTo(b.AsMonth),
            _ => 0,
        };
    }

    private static string Where(string groupText) => groupText.Length == 0 ? "" : " in " + groupText;

    private static string In(RankingRow row) => row.PublicGroup.Length == 0 ? "" : "（" + row.PublicGroup + "）";

    private static void Allocate(IReadOnlyList<RankingRow> rows, List<int> members, List<int> ordered, string groupText, Action<int, Value, string, string> set)
    {
        decimal pool = rows[members[0]].Pool;
        decimal total = 0;
        foreach (var i in ordered) total += Math.Max(0, rows[i].Shares);
        // each member's outcome is written once: those outside the allocation here, the others below
        foreach (var i in members)
            if (!rows[i].Among) set(i, Value.Of(0m), $"takes no part in the allocation{Where(groupText)}", $"不参加分配{In(rows[i])}");
        if (total == 0)
        {
            foreach (var i in ordered) set(i, Value.Of(0m), $"pool {Value.Of(pool)}: total shares are 0, so nothing is shared{Where(groupText)}", $"总额 {Value.Of(pool)}，总份数为 0，不作分配{In(rows[i])}");
            return;
        }
        var amounts = new Dictionary<int, decimal>();
        var remainders = new List<(int Index, decimal Remainder, int Position)>();
        decimal given = 0;
        int position = 0;
        foreach (var i in ordered)
        {
            decimal shares = Math.Max(0, rows[i].Shares);
            decimal floor = decimal.Floor(pool * shares / total);
            // the exact remainder over the common denominator (pool × shares − floor × total) compares
            // fractions without the rounding of a 28-digit quotient, so equal fractions tie exactly
            decimal remainder = pool * shares - floor * total;
            if (remainder >= total) { floor += 1; remainder -= total; }
            if (remainder < 0) { floor -= 1; remainder += total; }
            amounts[i] = floor;
            given += floor;
            remainders.Add((i, remainder, position++));
        }
        // leftover whole units go one each to the largest remainders; ties in the ranking's order
        var byRemainder = remainders.OrderByDescending(x => x.Remainder).ThenBy(x => x.Position).ToList();
        decimal left = decimal.Floor(pool - given);
        for (int k = 0; k < byRemainder.Count && left >= 1; k++, left--)
            amounts[byRemainder[k].Index] += 1;
        foreach (var i in ordered)
        {
            decimal shares = Math.Max(0, rows[i].Shares);
            set(i, Value.Of(amounts[i]),
                $"pool {Value.Of(pool)} × shares {Value.Of(shares)} / total shares {Value.Of(total)} = {Value.Of(decimal.Round(pool * shares / total, 4))} → {Value.Of(amounts[i])}{Where(groupText)}",
                $"总额 {Value.Of(pool)} × 本份数 {Value.Of(shares)} ÷ 总份数 {Value.Of(total)} = {Value.Of(decimal.Round(pool * shares / total, 4))}，按最大余数取整为 {Value.Of(amounts[i])}{In(rows[i])}");
        }
    }
}
