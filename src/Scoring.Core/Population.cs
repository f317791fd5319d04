using System.Globalization;
using Scoring.Binding;
using Scoring.Compilation;
using Scoring.Model;
using Scoring.Runtime;

namespace Scoring;

/// <summary>
/// Scores a population in two passes: <see cref="Add(Record, bool)"/> evaluates each record and keeps
/// only what the population-level outcomes need (group, order keys, shares); <see cref="Complete"/>
/// then computes ranks, quota selections and pro-rata allocations within each group and fills them
/// into the evaluations. Rejected records take no part. Not thread-safe.
/// </summary>
public sealed class Population
{
    private readonly ScoringRun _run;
    private readonly List<(Evaluation Evaluation, Row[] Rows)> _scored = new();
    private readonly DefSymbol[] _rankings;
    private readonly Func<decimal, decimal, decimal>?[] _counts;
    private bool _completed;

    internal Population(ScoringRun run)
    {
        _run = run;
        _rankings = run.RuleSet.Bound.Rankings.ToArray();
        lock (run.RuleSet.Nodes)
            _counts = Diagnostics.DeepStack.Run(() => _rankings.Select(r => r.Ranking!.Count is { } c ? Compiler.CompileCount(run.RuleSet.Bound, c, run.RuleSet.Nodes) : null).ToArray());
    }

    private sealed record Row(string Group, string GroupText, bool Among, Value[] Order, decimal Pool, decimal Shares);

    /// <summary>Number of records scored so far.</summary>
    public int Count => _scored.Count;

    /// <summary>Evaluates a record read by <see cref="RecordReader"/> and adds it to the population when it is scored.</summary>
    public Evaluation Add(RecordResult read, bool explain = false)
    {
        ArgumentNullException.ThrowIfNull(read);
        var (e, rows) = Detached(read, explain);
        Accept(e, rows);
        return e;
    }

    /// <summary>Evaluates a record and adds it to the population when it is scored.</summary>
    public Evaluation Add(Record record, bool explain = false)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (e, rows) = Detached(record, explain);
        Accept(e, rows);
        return e;
    }

    /// <summary>Evaluates without adding (thread-safe); <see cref="Accept"/> adds the result, in input order.</summary>
    internal (Evaluation Evaluation, object? Rows) Detached(RecordResult read, bool explain) =>
        read.Record is null ? (_run.Evaluate(read, explain), null) : Detached(read.Record, explain);

    internal (Evaluation Evaluation, object? Rows) Detached(Record record, bool explain)
    {
        Row[]? rows = null;
        var e = _run.Evaluate(record, explain, (f, _) => rows = Capture(f));
        return (e, rows);
    }

    internal void Accept(Evaluation e, object? rows)
    {
        if (_completed) throw new InvalidOperationException("the population is complete; start a new one");
        if (e.Succeeded && rows is Row[] r) _scored.Add((e, r));
    }

    private Row[] Capture(Frame f)
    {
        var rows = new Row[_rankings.Length];
        for (int r = 0; r < _rankings.Length; r++)
        {
            var info = _rankings[r].Ranking!;
            var parts = info.GroupBy.Select(g => ScoringRun.SlotValue(f, g.Storage, g.Slot, g.Expr.Type)).ToArray();
            string group = string.Join("\u001f", parts.Select(p => p.ToString()));
            string text = string.Join(", ", info.GroupBy.Select((g, i) => $"{_run.RuleSet.Text(g.Expr.Syntax)}={parts[i]}")); // expressions printed once per rule set
            bool among = info.Among is not { } am || f.B[am.Slot];
            var order = info.OrderBy.Select(k => ScoringRun.SlotValue(f, k.Storage, k.Slot, k.Expr.Type)).ToArray();
            rows[r] = new Row(group, text, among, order,
                info.Pool is { } p ? f.N[p.Slot] : 0m,
                info.Shares is { } s ? f.N[s.Slot] : 0m);
        }
        return rows;
    }

    /// <summary>Computes the population-level outcomes and fills them into every scored evaluation, in the order added.</summary>
    public IReadOnlyList<Evaluation> Complete()
    {
        if (_completed) throw new InvalidOperationException("the population is already complete");
        _completed = true;
        for (int r = 0; r < _rankings.Length; r++) CompleteOne(r);
        return _scored.Select(s => s.Evaluation).ToArray();
    }

    private int Compare(int r, int a, int b)
    {
        var keys = _rankings[r].Ranking!.OrderBy;
        var ra = _scored[a].Rows[r].Order;
        var rb = _scored[b].Rows[r].Order;
        for (int k = 0; k < keys.Count; k++)
        {
            int c = CompareValues(ra[k], rb[k]);
            if (c != 0) return keys[k].Descending ? -c : c;
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

    private void CompleteOne(int r)
    {
        var sym = _rankings[r];
        var def = (RankingDefinition)sym.Def;
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var orderOfGroups = new List<string>();
        for (int i = 0; i < _scored.Count; i++)
        {
            var g = _scored[i].Rows[r].Group;
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
            var among = members.Where(i => _scored[i].Rows[r].Among).ToList();
            among.Sort((a, b) => Compare(r, a, b));
            string groupText = _scored[members[0]].Rows[r].GroupText;
            switch (def.Kind)
            {
                case RankingKind.Rank:
                    foreach (var i in members)
                        if (!_scored[i].Rows[r].Among) Set(r, i, Value.Empty, $"not ranked (not among those ranked{Where(groupText)})");
                    for (int k = 0; k < among.Count; k++)
                        Set(r, among[k], Value.Of(k + 1), $"rank {k + 1} of {among.Count}{Where(groupText)}");
                    break;
                case RankingKind.Select:
                {
                    decimal raw = _counts[r]!(members.Count, among.Count);
                    int n = (int)Math.Clamp(decimal.Floor(raw), 0, among.Count);
                    foreach (var i in members)
                        if (!_scored[i].Rows[r].Among) Set(r, i, Value.Of(false), $"not among those eligible for selection{Where(groupText)}");
                    for (int k = 0; k < among.Count; k++)
                        Set(r, among[k], Value.Of(k < n),
                            $"place {k + 1} of {among.Count} eligible; {n} selected (count {Value.Of(raw)} with group size {members.Count}){Where(groupText)}");
                    break;
                }
                case RankingKind.Allocate:
                    Allocate(r, members, among, groupText);
                    break;
            }
        }
    }

    private static string Where(string groupText) => groupText.Length == 0 ? "" : " in " + groupText;

    private void Allocate(int r, List<int> members, List<int> ordered, string groupText)
    {
        decimal pool = _scored[members[0]].Rows[r].Pool;
        decimal total = 0;
        foreach (var i in ordered) total += Math.Max(0, _scored[i].Rows[r].Shares);
        // each member's outcome is written once: those outside the allocation here, the others below
        foreach (var i in members)
            if (!_scored[i].Rows[r].Among) Set(r, i, Value.Of(0m), $"takes no part in the allocation{Where(groupText)}");
        if (total == 0)
        {
            foreach (var i in ordered) Set(r, i, Value.Of(0m), $"pool {Value.Of(pool)}: total shares are 0, so nothing is shared{Where(groupText)}");
            return;
        }
        var amounts = new Dictionary<int, decimal>();
        var remainders = new List<(int Index, decimal Remainder, int Position)>();
        decimal given = 0;
        int position = 0;
        foreach (var i in ordered)
        {
            decimal shares = Math.Max(0, _scored[i].Rows[r].Shares);
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
            decimal shares = Math.Max(0, _scored[i].Rows[r].Shares);
            Set(r, i, Value.Of(amounts[i]),
                $"pool {Value.Of(pool)} × shares {Value.Of(shares)} / total shares {Value.Of(total)} = {Value.Of(decimal.Round(pool * shares / total, 4))} → {Value.Of(amounts[i])}{Where(groupText)}");
        }
    }

    private void Set(int r, int index, Value value, string note)
    {
        var key = _rankings[r].Key;
        var e = _scored[index].Evaluation;
        e.SetOutcome(key, value);
        e.Explanation?.Replace(key, item => item with { Value = value, Notes = new[] { note } });
    }
}
