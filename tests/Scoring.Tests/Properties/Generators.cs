using FsCheck;
using FsCheck.Fluent;
using Scoring.Diagnostics;
using Scoring.Syntax;

namespace Scoring.Tests.Properties;

/// <summary>Random syntax trees over a fixed set of names: every node kind, operator and literal kind the parser can produce.</summary>
public static class ExprGen
{
    private static readonly SourceSpan S = SourceSpan.None;

    // names the parser reads as single identifiers (no keywords), including Chinese and keyword-prefixed ones
    private static readonly string[] Names = { "x", "y", "n", "居民人数", "members", "age", "a_1", "order", "notes", "index", "_tmp", "人数2" };
    private static readonly string[] Functions = { "count", "sum", "min", "max", "round", "any", "all", "abs", "f", "date" };
    private static readonly string[] TextPieces = { "a", "Z", "'", "\"", "''", "居", "民", " ", "_", "%", "0", "\\", "#" };

    private static readonly BinaryOp[] BinaryOps = Enum.GetValues<BinaryOp>();

    public static Gen<Expr> Leaf { get; } = Gen.Frequency(
        (3, Gen.Choose(0, 100_000).Select(i => (Expr)new LiteralExpr(LiteralKind.Integer, i, null, false, S))),
        (1, Gen.Elements(0m, 1m, 79228162514264337593543950335m, 1_000_000_000_000m).Select(d => (Expr)new LiteralExpr(LiteralKind.Integer, d, null, false, S))),
        (2, (from n in Gen.Choose(0, 1_000_000)
             from scale in Gen.Choose(1, 8)
             select (Expr)new LiteralExpr(LiteralKind.Decimal, new decimal(n, 0, 0, false, (byte)scale), null, false, S))),
        (2, Gen.ListOf(Gen.Elements(TextPieces)).Select(p => (Expr)new LiteralExpr(LiteralKind.Text, 0, string.Concat(p.Take(6)), false, S))),
        (1, Gen.Elements(true, false).Select(b => (Expr)new LiteralExpr(LiteralKind.Boolean, 0, null, b, S))),
        (4, Gen.Elements(Names).Select(n => (Expr)new NameExpr(n, S))));

    /// <summary>Trees up to a depth that grows with FsCheck's size (1 … 6), whose text fits the 4 000-character limit.</summary>
    public static Gen<Expr> Tree { get; } = Gen.Sized(size => TreeOfDepth(Math.Clamp(size / 15 + 1, 1, 6)))
        .Where(e => ExprPrinter.Print(e).Length <= ExpressionLimits.MaxLength);

    public static Gen<Expr> TreeOfDepth(int depth)
    {
        if (depth <= 0) return Leaf;
        var sub = TreeOfDepth(depth - 1);
        var unary = from op in Gen.Elements(UnaryOp.Negate, UnaryOp.Not)
                    from e in sub
                    select (Expr)new UnaryExpr(op, e, S);
        var binary = from op in Gen.Elements(BinaryOps)
                     from l in sub
                     from r in sub
                     select (Expr)new BinaryExpr(op, l, r, S, S);
        var inList = from v in sub
                     from count in Gen.Choose(0, 3)
                     from items in Gen.ListOf(sub, count)
                     from negated in Gen.Elements(true, false)
                     select (Expr)new InExpr(v, items.ToArray(), negated, S);
        var between = from v in sub
                      from lo in sub
                      from hi in sub
                      select (Expr)new BetweenExpr(v, lo, hi, S);
        var conditional = from c in sub
                          from a in sub
                          from b in sub
                          select (Expr)new IfExpr(c, a, b, S);
        var call = from f in Gen.Elements(Functions)
                   from count in Gen.Choose(0, 3)
                   from args in Gen.ListOf(sub, count)
                   from wantFilter in Gen.Elements(true, false, false)
                   from filter in sub
                   select (Expr)new CallExpr(f, S, args.ToArray(), wantFilter && count > 0 ? filter : null, S);
        return Gen.Frequency(
            (2, Leaf),
            (2, unary),
            (5, binary),
            (1, inList),
            (1, between),
            (1, conditional),
            (2, call));
    }
}

/// <summary>Well-typed expression text over <see cref="Support.Sandbox"/>'s schema (numbers and conditions), for evaluating.</summary>
public static class TypedExprGen
{
    private static Gen<string> Lit { get; } = Gen.Frequency(
        (3, Gen.Choose(0, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.Elements("0.5", "1.25", "0.1", "3.75", "1_000", "0.001")));

    private static Gen<string> Paren(Gen<string> g) => g.Select(s => "(" + s + ")");

    public static Gen<string> Number(int depth)
    {
        var leaf = Gen.Frequency(
            (3, Lit),
            (4, Gen.Elements("x", "y", "n", "k", "居民人数", "(opt ?? 0)", "count(members)", "sum(members, income)", "count(docs)")));
        if (depth <= 0) return leaf;
        var num = Number(depth - 1);
        var cond = Condition(depth - 1);
        return Gen.Frequency(
            (3, leaf),
            (4, from op in Gen.Elements(" + ", " - ", " * ", " / ")
                from l in num
                from r in num
                select "(" + l + op + r + ")"),
            (1, num.Select(e => "-" + "(" + e + ")")),
            (1, from f in Gen.Elements("min", "max")
                from a in num
                from b in num
                select $"{f}({a}, {b})"),
            (1, num.Select(e => $"abs({e})")),
            (1, from mode in Gen.Elements("", ", 0", ", 2", ", 2, 'half_even'", ", 1, 'up'", ", 3, 'down'")
                from e in num
                select $"round({e}{mode})"),
            (1, from f in Gen.Elements("floor", "ceil")
                from e in num
                select $"{f}({e})"),
            (1, from c in cond
                from a in num
                from b in num
                select $"(if {c} then {a} else {b})"),
            (1, from c in ChildCondition
                select $"count(members where {c})"),
            (1, from c in ChildCondition
                from e in ChildNumber
                select $"sum(members where {c}, {e})"),
            (1, from f in Gen.Elements("min", "max")
                from e in ChildNumber
                select $"{f}(members, {e})"));
    }

    public static Gen<string> Condition(int depth)
    {
        var leaf = Gen.Elements("b", "c", "is_empty(opt)", "contains(docs, 'id_card')", "color == 'red'", "color in ['green', 'blue']", "any(members, employed)");
        if (depth <= 0) return leaf;
        var num = Number(depth - 1);
        var cond = Condition(depth - 1);
        return Gen.Frequency(
            (2, leaf),
            (4, from op in Gen.Elements(" == ", " != ", " < ", " <= ", " > ", " >= ")
                from l in num
                from r in num
                select "(" + l + op + r + ")"),
            (2, from op in Gen.Elements(" and ", " or ")
                from l in cond
                from r in cond
                select "(" + l + op + r + ")"),
            (1, cond.Select(c => "not (" + c + ")")),
            (1, from v in num
                from lo in num
                from hi in num
                select $"({v} between {lo} and {hi})"),
            (1, from v in num
                from a in num
                from b in num
                from neg in Gen.Elements("in", "not in")
                select $"({v} {neg} [{a}, {b}])"),
            (1, ChildCondition.Select(c => $"all(members where {c}, employed)")));
    }

    private static Gen<string> ChildCondition { get; } = Gen.Elements("employed", "age >= 60", "age < n", "income > x", "school ?? false", "not employed and age between 6 and 15");

    private static Gen<string> ChildNumber { get; } = Gen.Elements("age", "income", "age * k", "income / 2", "age - n");

    /// <summary>A random record for <see cref="Support.Sandbox"/>'s schema (as overrides of every field).</summary>
    public static Gen<Dictionary<string, object?>> Record { get; } =
        from x in Gen.Elements(0m, 1m, -2.5m, 0.1m, 1000.75m, 3m)
        from y in Gen.Elements(0m, 2m, -1m, 0.3m, 7.125m)
        from n in Gen.Choose(-3, 30)
        from k in Gen.Choose(0, 5)
        from b in Gen.Elements(true, false)
        from c in Gen.Elements(true, false)
        from opt in Gen.Elements<object?>(null, 0m, 4.5m, -1m)
        from color in Gen.Elements("red", "green", "blue")
        from docs in Gen.SubListOf(new[] { "id_card", "hukou", "form" })
        from memberCount in Gen.Choose(0, 4)
        from members in Gen.ListOf(Member, memberCount)
        select new Dictionary<string, object?>
        {
            ["x"] = x, ["y"] = y, ["n"] = n, ["k"] = k, ["b"] = b, ["c"] = c, ["opt"] = opt, ["color"] = color,
            ["docs"] = docs.ToList(),
            ["members"] = members.ToList(),
        };

    private static Gen<IReadOnlyDictionary<string, object?>> Member { get; } =
        from age in Gen.Choose(0, 95)
        from income in Gen.Elements(0m, 150.5m, 3000m, 820.25m)
        from employed in Gen.Elements(true, false)
        from school in Gen.Elements<bool?>(null, true, false)
        select (IReadOnlyDictionary<string, object?>)Support.Sandbox.Member(age, income, employed, school);
}

/// <summary>Random input records for the shipped rule files.</summary>
public static class RecordGen
{
    /// <summary>A record of rules/ten-star-cadre-monthly.yaml whose fields are all valid.</summary>
    public static Gen<Dictionary<string, object?>> TenStar { get; } =
        from id in Gen.Choose(1, 9999)
        from team in Gen.Elements("first_secretary", "work_team", "assistance_cadre", "village_cadre")
        from month in Gen.Choose(1, 12)
        from required in Gen.Elements(20, 22, 0, 25)
        from onPost in Gen.Choose(0, 31)
        from leave in Gen.Elements(true, false)
        from skills in Gen.Choose(0, 100)
        from assigned in Gen.Choose(0, 15)
        from completed in Gen.Choose(0, 16)
        from households in Gen.Choose(0, 40)
        from visited in Gen.Frequency((3, Gen.Constant(-1)), (1, Gen.Choose(0, 41)))
        from reported in Gen.Choose(0, 10)
        from resolved in Gen.Choose(0, 11)
        from incomeUp in Gen.Choose(0, 41)
        from satisfaction in Gen.Choose(0, 10_000).Select(i => i / 100m)
        from sessions in Gen.Choose(0, 4)
        from linked in Gen.Choose(0, 3)
        from log in Gen.Elements(true, false)
        from violation in Gen.Elements(true, false)
        select new Dictionary<string, object?>
        {
            ["cadre_id"] = $"C-{id:0000}",
            ["team"] = team,
            ["month"] = $"2023-{month:00}",
            ["days_on_post"] = onPost,
            ["required_days"] = required,
            ["leave_approved"] = leave,
            ["skills_test_score"] = skills,
            ["tasks_assigned"] = assigned,
            ["tasks_completed"] = completed,
            ["households_assigned"] = households,
            ["households_visited"] = visited < 0 ? households : visited,
            ["hardships_reported"] = reported,
            ["hardships_resolved"] = resolved,
            ["households_income_up"] = incomeUp,
            ["satisfaction_score"] = satisfaction,
            ["policy_sessions"] = sessions,
            ["jobs_or_industry_linked"] = linked,
            ["log_complete"] = log,
            ["discipline_violation"] = violation,
        };

    /// <summary>A ten-star record that may also be invalid (missing field, out of range, wrong type).</summary>
    public static Gen<Dictionary<string, object?>> TenStarMaybeInvalid { get; } =
        from r in TenStar
        from damage in Gen.Choose(0, 9)
        select Damage(r, damage);

    private static Dictionary<string, object?> Damage(Dictionary<string, object?> r, int damage)
    {
        switch (damage)
        {
            case 0: r.Remove("skills_test_score"); break;
            case 1: r["satisfaction_score"] = 100.5m; break;
            case 2: r["tasks_completed"] = "many"; break;
            case 3: r["team"] = "township_leader"; break;
        }
        return r;
    }

    /// <summary>A record of rules/settlement-services.yaml, often with the garden area right at 20 m² per household.</summary>
    public static Gen<Dictionary<string, object?>> Settlement { get; } =
        from id in Gen.Choose(1, 9999)
        from residents in Gen.Choose(0, 6000)
        from households in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 2000)), (1, Gen.Choose(2000, 100_000)))
        from party in Gen.Choose(0, 50)
        from kind in Gen.Choose(0, 3)
        from delta in Gen.Choose(-10_000, 10_000)
        from scale in Gen.Choose(0, 4)
        from random in Gen.Choose(0, 2_000_000)
        select new Dictionary<string, object?>
        {
            ["settlement_id"] = $"S-{id:0000}",
            ["name"] = "测试安置点",
            ["county"] = "邵阳县",
            ["residents"] = residents,
            ["households"] = households,
            ["full_party_members"] = party,
            ["garden_area_m2"] = kind switch
            {
                0 => 20m * households,                                                            // exactly the requirement
                1 => Math.Max(0m, 20m * households + new decimal(Math.Abs(delta), 0, 0, delta < 0, (byte)scale)), // near it
                _ => new decimal(random, 0, 0, false, (byte)scale),                               // anywhere
            },
        };
}

/// <summary>Arbitraries registered with <c>[Property(Arbitrary = new[] { typeof(Arbitraries) })]</c>.</summary>
public static class Arbitraries
{
    public static Arbitrary<Expr> Expr() => Arb.From(ExprGen.Tree);
}
