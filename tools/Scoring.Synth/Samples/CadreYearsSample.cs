using System.Text.Json.Nodes;

namespace Scoring.Synth;

/// <summary>
/// <c>samples/cadre-years.jsonl</c>: 380 cadre-years, <c>{"cadre_id", "team", "year", "months": [monthly records]}</c>.
/// Each month is made from the set of stars it loses: field values meet or miss each standard accordingly, often
/// exactly on the edge (80 / 79 points, 90 / 89.9 satisfaction, 90 % of tasks, 80 % of problems, 95 % of households,
/// 3 days short with approved leave), so the star counts are known by construction. In it: the worked example
/// C-017 (2023-05 verbatim); cadres on every grade threshold (120, 108 and 107, 108 with a month off post, 84 / 83,
/// 60 / 59), both vetoes, 1–3 missing months and an empty year; ties within a team on stars and satisfaction stars;
/// 300 ordinary cadres of varied diligence, 40 of them again in 2024.
/// </summary>
internal sealed class CadreYearsSample : Sample
{
    private const uint Seed = 20240315;

    private static readonly string[] Teams = { "first_secretary", "work_team", "assistance_cadre", "village_cadre" };

    private const string OnPost = "on_post", Competence = "competence", Effectiveness = "effectiveness", Visits = "visits",
        Income = "income", Satisfaction = "satisfaction", Policy = "policy", Employment = "employment", Records_ = "records",
        Integrity = "integrity";

    private static readonly string[] Stars = { OnPost, Competence, Effectiveness, Visits, Income, Satisfaction, Policy, Employment, Records_, Integrity };

    /// <summary>The stars that can be lost without a veto.</summary>
    private static readonly string[] Soft = { Competence, Effectiveness, Visits, Income, Satisfaction, Policy, Employment, Records_ };

    private static readonly int[] FullYear = Enumerable.Range(1, 12).ToArray();

    /// <summary>Month number → the stars lost that month; a month not in it was not reported.</summary>
    private sealed class Losses : SortedDictionary<int, HashSet<string>>
    {
        public static Losses None(IEnumerable<int> months)
        {
            var l = new Losses();
            foreach (var m in months) l[m] = new HashSet<string>();
            return l;
        }
    }

    private static Dictionary<int, string[]> Base(params (int Month, string Star)[] lost) =>
        lost.GroupBy(x => x.Month).ToDictionary(g => g.Key, g => g.Select(x => x.Star).ToArray());

    public override IEnumerable<JsonObject> Records()
    {
        var rng = new PythonRandom(Seed);
        int next = 101;
        string NextId() => $"C-{next++:D3}";
        var records = new List<JsonObject> { WorkedExampleCadre(rng) };
        records.AddRange(ThresholdCadres(rng, NextId));
        records.AddRange(TieCadres(rng, NextId));
        var ordinary = new List<JsonObject>();
        for (int i = 0; i < 300; i++)
        {
            string team = rng.Random() < 0.7 ? Teams[i % 4] : rng.Choice(Teams);
            ordinary.Add(OrdinaryCadre(rng, NextId(), team, 2023));
        }
        records.AddRange(ordinary);
        // some of the same cadres again in 2024 (ranked separately: per team and year)
        foreach (var r in rng.Sample(ordinary, 40))
            records.Add(OrdinaryCadre(rng, (string)r["cadre_id"]!, (string)r["team"]!, 2024));
        return records;
    }

    // ── one month from the set of stars lost ──────────────────────────────────────────────────────────────────

    /// <summary>A monthly record that earns exactly the stars not in <paramref name="lost"/>.</summary>
    private static JsonObject MakeMonth(PythonRandom rng, string id, string team, string month, int paired, HashSet<string> lost)
    {
        int required = team == "first_secretary" ? 22 : 20;
        bool Edge() => rng.Random() < 0.35; // a value on the very edge of a standard

        // 守岗敬业星: days ≥ required, or approved leave and days ≥ required − 3
        int days;
        bool leave;
        if (!lost.Contains(OnPost))
        {
            if (rng.Random() < 0.65)
            {
                days = required + (Edge() ? 0 : rng.Int(0, 4));
                leave = rng.Random() < 0.05;
            }
            else (days, leave) = (required - (Edge() ? 3 : rng.Int(1, 3)), true);
        }
        else if (rng.Random() < 0.5) (days, leave) = (required - (Edge() ? 4 : rng.Int(4, 9)), true);
        else (days, leave) = (required - (Edge() ? 1 : rng.Int(1, 8)), false);

        // 业务能力星: skills ≥ 80
        int skills = !lost.Contains(Competence) ? (Edge() ? 80 : rng.Int(80, 100)) : (Edge() ? 79 : rng.Int(52, 79));

        // 工作成效星: no tasks, or completed / assigned ≥ 0.9
        int assigned, completed;
        if (!lost.Contains(Effectiveness))
        {
            assigned = rng.Random() < 0.1 ? 0 : rng.Int(3, 15);
            int need = CeilRatio(assigned, 9, 10);
            completed = Edge() ? need : rng.Int(need, assigned);
        }
        else
        {
            assigned = rng.Int(2, 15);
            int need = CeilRatio(assigned, 9, 10);
            completed = Edge() ? need - 1 : rng.Int(0, need - 1);
        }

        // 遍访解困星: every paired household visited and (no problems or resolved / reported ≥ 0.8)
        int reported = rng.Random() < 0.2 ? 0 : rng.Int(1, 8);
        int visited, resolved;
        if (!lost.Contains(Visits))
        {
            visited = paired;
            resolved = Edge() ? CeilRatio(reported, 8, 10) : rng.Int(CeilRatio(reported, 8, 10), reported);
        }
        else if (paired > 0 && (reported == 0 || rng.Random() < 0.5))
        {
            visited = paired - rng.Int(1, Math.Min(3, paired));
            resolved = rng.Int(0, reported);
        }
        else
        {
            reported = Math.Max(reported, 1);
            visited = paired;
            int need = CeilRatio(reported, 8, 10);
            resolved = Edge() ? need - 1 : rng.Int(0, need - 1);
        }

        // 稳定增收星: paired > 0 and income_up / paired ≥ 0.95
        int incomeUp;
        if (paired == 0) incomeUp = 0;
        else if (!lost.Contains(Income))
        {
            int need = CeilRatio(paired, 95, 100);
            incomeUp = Edge() ? need : rng.Int(need, paired);
        }
        else
        {
            int need = CeilRatio(paired, 95, 100);
            incomeUp = Edge() ? need - 1 : rng.Int(paired * 3 / 4, need - 1);
        }

        // 群众满意星: satisfaction ≥ 90 (one decimal, sometimes two)
        decimal satisfaction = !lost.Contains(Satisfaction)
            ? (Edge() ? rng.Choice(new[] { 90m, 90.0m, 90.01m }) : Exact(rng.Int(900, 1000), 1))
            : (Edge() ? rng.Choice(new[] { 89.9m, 89.99m }) : Exact(rng.Int(700, 899), 1));

        int sessions = !lost.Contains(Policy) ? (Edge() ? 2 : rng.Int(2, 5)) : (Edge() ? 1 : rng.Int(0, 1));
        int jobs = !lost.Contains(Employment) ? (Edge() ? 1 : rng.Int(1, 6)) : 0;

        return Fields(CadreModel.MonthFields, id, team, month, days, required, leave, skills, assigned, completed, paired, visited,
            reported, resolved, incomeUp, satisfaction, sessions, jobs, !lost.Contains(Records_), lost.Contains(Integrity));
    }

    /// <summary>A year record; <paramref name="paired"/> (households paired) is drawn when not given.</summary>
    private static JsonObject MakeYear(PythonRandom rng, string id, string team, int year, Losses losses, int? paired = null,
        bool shuffle = false, (string Month, JsonObject Record)? fixedMonth = null)
    {
        int households = paired ?? rng.Int(5, 40);
        var months = new List<JsonObject>();
        foreach (var (m, lost) in losses)
        {
            string month = Month(year, m);
            if (fixedMonth is { } f && f.Month == month) months.Add(f.Record);
            else months.Add(MakeMonth(rng, id, team, month, households, lost));
        }
        if (shuffle) rng.Shuffle(months);
        return new JsonObject { ["cadre_id"] = id, ["team"] = team, ["year"] = year, ["months"] = new JsonArray(months.ToArray<JsonNode?>()) };
    }

    // ── how many stars are lost, and where ─────────────────────────────────────────────────────────────────────

    /// <summary>Loses <paramref name="count"/> more stars (each from <paramref name="stars"/>) spread over <paramref name="months"/>, on top of <paramref name="baseLost"/>.</summary>
    private static Losses Spread(PythonRandom rng, IEnumerable<int> months, int count, string[]? stars = null, Dictionary<int, string[]>? baseLost = null)
    {
        stars ??= Soft;
        var losses = new Losses();
        var order = months.ToList();
        foreach (var m in order) losses[m] = baseLost is not null && baseLost.TryGetValue(m, out var b) ? new HashSet<string>(b) : new HashSet<string>();
        var slots = (from m in order from s in stars where !losses[m].Contains(s) select (m, s)).ToList();
        foreach (var (m, s) in rng.Sample(slots, count)) losses[m].Add(s);
        return losses;
    }

    private static IEnumerable<int> Except(params int[] missing) => FullYear.Where(m => !missing.Contains(m));

    /// <summary>Records on every edge of the grade, the vetoes and the missing months.</summary>
    private static List<JsonObject> ThresholdCadres(PythonRandom rng, Func<string> ids)
    {
        var output = new List<JsonObject>();
        void Add(string team, Losses losses, int? paired = null, bool shuffle = false) =>
            output.Add(MakeYear(rng, ids(), team, 2023, losses, paired, shuffle));

        Add("work_team", Losses.None(FullYear));                                              // 120, 优秀
        Add("first_secretary", Spread(rng, FullYear, 12));                                    // 108, 优秀
        Add("village_cadre", Spread(rng, FullYear, 12));                                      // 108, 优秀
        Add("assistance_cadre", Spread(rng, FullYear, 13));                                   // 107, 合格
        Add("work_team", Spread(rng, FullYear, 11, baseLost: Base((6, OnPost))));             // 108, one month off post → 合格
        Add("first_secretary", Spread(rng, FullYear, 11, baseLost: Base((2, OnPost))));       // 108, one month off post → 合格
        Add("assistance_cadre", Spread(rng, FullYear, 36));                                   // 84, 合格
        Add("village_cadre", Spread(rng, FullYear, 37));                                      // 83, 基本合格
        Add("work_team", Spread(rng, FullYear, 60));                                          // 60, 基本合格
        Add("first_secretary", Spread(rng, FullYear, 61));                                    // 59, 不合格
        Add("village_cadre", Spread(rng, FullYear, 4, baseLost: Base((4, Integrity))));       // violation, 115 → 基本合格
        Add("assistance_cadre", Spread(rng, FullYear, 69, baseLost: Base((9, Integrity))));   // violation, 50 → 不合格
        Add("work_team", Spread(rng, FullYear, 11, baseLost: Base((11, Integrity))));         // violation, 108 → 基本合格
        Add("work_team", Spread(rng, FullYear, 2, baseLost: Base((3, OnPost), (8, OnPost)))); // 2 months off post → 合格
        Add("village_cadre", Spread(rng, FullYear, 0, baseLost: Base((3, OnPost), (8, OnPost), (11, OnPost)))); // 3 off post, 117 → 不合格
        Add("first_secretary", Losses.None(Except(8)));                                       // 1 missing, 110 → 合格
        Add("assistance_cadre", Spread(rng, Except(12), 0, baseLost: Base((1, OnPost))));     // 1 missing + 1 off post → 合格
        Add("work_team", Spread(rng, Except(1), 0, baseLost: Base((5, OnPost), (6, OnPost)))); // 1 missing + 2 off post → 不合格
        Add("village_cadre", Losses.None(Except(3, 11)), shuffle: true);                      // 2 missing, 100 → 合格
        Add("assistance_cadre", Losses.None(Except(1, 6, 12)), shuffle: true);                // 3 missing → 不合格
        Add("work_team", new Losses(), paired: 12);                                           // no months at all → 0, 不合格
        Add("first_secretary", Spread(rng, FullYear, 3,
            baseLost: Base((1, Integrity), (5, OnPost), (6, OnPost), (7, OnPost))));          // both vetoes
        Add("village_cadre", Spread(rng, FullYear, 20, stars: Soft[..^1]), paired: 0);        // no paired households: never income
        return output;
    }

    /// <summary>
    /// Within each team: equal stars and equal satisfaction stars (cadre_id decides), and equal stars with fewer
    /// satisfaction stars (satisfaction stars decide).
    /// </summary>
    private static List<JsonObject> TieCadres(PythonRandom rng, Func<string> ids)
    {
        var output = new List<JsonObject>();
        var others = Soft.Where(s => s != Satisfaction).ToArray();
        foreach (var team in Teams)
        {
            int stars = rng.Int(95, 116);
            foreach (int satisfactionLost in new[] { 2, 2, 2, 4 })
            {
                var baseLost = rng.Sample(FullYear, satisfactionLost).ToDictionary(m => m, _ => new[] { Satisfaction });
                var losses = Spread(rng, FullYear, 120 - stars - satisfactionLost, others, baseLost);
                output.Add(MakeYear(rng, ids(), team, 2023, losses));
            }
        }
        return output;
    }

    private static readonly double[] Diligence = { 0.99, 0.97, 0.95, 0.92, 0.9, 0.85, 0.8, 0.7, 0.55 };

    /// <summary>A cadre of varied diligence: each standard met with probability p each month.</summary>
    private static JsonObject OrdinaryCadre(PythonRandom rng, string id, string team, int year)
    {
        double p = rng.Choice(Diligence);
        int start = rng.Random() < 0.92 ? 1 : rng.Int(2, 9); // a few start mid-year
        var months = Enumerable.Range(start, 13 - start).ToList();
        if (rng.Random() < 0.08) months.Remove(rng.Choice(months)); // a gap in the reports
        var losses = new Losses();
        foreach (var m in months)
        {
            var lost = new HashSet<string>();
            foreach (var s in Stars[1..^1])
                if (rng.Random() > p) lost.Add(s);
            if (rng.Random() > (2 + p) / 3) lost.Add(OnPost); // being on post is the most kept standard
            if (rng.Random() < 0.012) lost.Add(Integrity);
            losses[m] = lost;
        }
        bool shuffle = rng.Random() < 0.05;
        return MakeYear(rng, id, team, year, losses, shuffle: shuffle);
    }

    /// <summary>C-017: May 2023 is the worked example verbatim; the other months mostly full.</summary>
    private static JsonObject WorkedExampleCadre(PythonRandom rng)
    {
        var losses = Spread(rng, FullYear, 4, baseLost: Base((5, Policy), (5, Employment)));
        return MakeYear(rng, "C-017", "first_secretary", 2023, losses, paired: 30, fixedMonth: ("2023-05", CadreMonthsSample.WorkedExample()));
    }
}
