namespace Scoring.Synth;

/// <summary>
/// ten-star-cadre.md, monthly: one flat record per cadre and month. Cadre number k (from 0) covers records 12k…12k+11,
/// the twelve months of one year (2023 or 2024). The cadre-years scheme uses the very same monthly records.
/// </summary>
internal sealed class CadreMonthsScheme : Scheme
{
    public override string Name => "cadre-months";
    public override Token[] Columns => CadreModel.MonthFields;

    public override Sample Sample { get; } = new CadreMonthsSample();

    public override Generator Create(long n, ulong seed) => new Gen(seed, Ids.Width((n + 11) / 12));

    private sealed class Gen(ulong seed, int width) : Generator
    {
        public override void Write(RecordWriter w, long index)
        {
            long k = index / 12;
            var cadre = CadreModel.Traits(seed, k);
            CadreModel.WriteMonth(w, seed, k, width, cadre, (int)(index % 12) + 1);
        }
    }
}

/// <summary>The cadres and their months, shared by cadre-months and cadre-years.</summary>
internal static class CadreModel
{
    public static readonly Token CadreId = new("cadre_id"), Team = new("team"), Month = new("month"),
        DaysOnPost = new("days_on_post"), RequiredDays = new("required_days"), LeaveApproved = new("leave_approved"),
        SkillsTestScore = new("skills_test_score"), TasksAssigned = new("tasks_assigned"), TasksCompleted = new("tasks_completed"),
        HouseholdsAssigned = new("households_assigned"), HouseholdsVisited = new("households_visited"),
        HardshipsReported = new("hardships_reported"), HardshipsResolved = new("hardships_resolved"),
        HouseholdsIncomeUp = new("households_income_up"), SatisfactionScore = new("satisfaction_score"),
        PolicySessions = new("policy_sessions"), JobsOrIndustryLinked = new("jobs_or_industry_linked"),
        LogComplete = new("log_complete"), DisciplineViolation = new("discipline_violation");

    public static readonly Token[] MonthFields =
    {
        CadreId, Team, Month, DaysOnPost, RequiredDays, LeaveApproved, SkillsTestScore, TasksAssigned, TasksCompleted,
        HouseholdsAssigned, HouseholdsVisited, HardshipsReported, HardshipsResolved, HouseholdsIncomeUp, SatisfactionScore,
        PolicySessions, JobsOrIndustryLinked, LogComplete, DisciplineViolation,
    };

    public static readonly Token[] Teams = Token.Of("first_secretary", "work_team", "assistance_cadre", "village_cadre");
    private static readonly int[] TeamWeights = { 15, 30, 35, 20 };

    /// <summary>What stays the same across one cadre's months.</summary>
    /// <param name="Team">index into <see cref="Teams"/></param>
    /// <param name="Paired">households paired with the cadre</param>
    /// <param name="Reliability">per mille: how often each standard is met in an ordinary month</param>
    /// <param name="Year">the year of the cadre's twelve months</param>
    /// <param name="ViolationMonth">the month (1–12) with a confirmed breach of discipline, or 0</param>
    /// <param name="Present">bit m−1 set when month m has a record (cadre-years only: the monthly scheme has all twelve)</param>
    public readonly record struct Cadre(int Team, int Paired, int Reliability, int Year, int ViolationMonth, int Present);

    public static Cadre Traits(ulong seed, long k)
    {
        var r = Rng.For(seed, 2, (ulong)k);
        int team = r.Pick(TeamWeights);
        int paired = r.Chance(20) ? 0 : team == 0 ? r.Range(15, 60) : r.Range(3, 40);
        int reliability = r.Below(100) switch
        {
            < 10 => r.Range(450, 700),
            < 40 => r.Range(700, 900),
            _ => r.Range(900, 995),
        };
        int year = r.Chance(500) ? 2023 : 2024;
        int violation = r.Chance(80) ? r.Range(1, 12) : 0;
        int present = 0xFFF;
        switch (r.Below(100))
        {
            case < 5: // joined during the year
                present = 0xFFF & ~((1 << (r.Range(2, 11) - 1)) - 1);
                break;
            case < 8: // left during the year
                present = (1 << r.Range(1, 10)) - 1;
                break;
            case < 12: // one to three months not reported
                for (int i = r.Range(1, 3); i > 0; i--) present &= ~(1 << r.Below(12));
                break;
        }
        return new Cadre(team, paired, reliability, year, violation, present);
    }

    /// <summary>Smallest whole k with k / n ≥ num / den.</summary>
    private static int CeilRatio(int n, int num, int den) => (n * num + den - 1) / den;

    /// <summary>Writes the fields of cadre <paramref name="k"/>'s record for <paramref name="month"/>.</summary>
    public static void WriteMonth(RecordWriter w, ulong seed, long k, int width, in Cadre c, int month)
    {
        var r = Rng.For(seed, 3, (ulong)(k * 12 + month - 1));
        // now and then a month where almost nothing went right (illness, a crisis, or plain neglect)
        bool bad = r.Chance(15);
        int p = bad ? 50 : c.Reliability;
        bool Met(ref Rng rng) => rng.Below(1000) < p;
        int pOnPost = 1000 - (1000 - p) / 3; // presence is the most reliable standard

        w.Id(CadreId, "C-", k + 1, width);
        w.String(Team, Teams[c.Team]);
        w.Month(Month, c.Year, month);

        // 守岗敬业星: days on post against the required days, approved leave forgives up to 3 days
        int required = c.Team == 0 ? 22 : 20;
        int days;
        bool leave;
        if (r.Below(1000) < pOnPost)
        {
            if (r.Chance(750)) (days, leave) = (required + r.Range(0, 3), r.Chance(30));
            else (days, leave) = (required - r.Range(1, 3), true);
        }
        else if (r.Chance(400)) (days, leave) = (required - r.Range(4, 6), true);
        else (days, leave) = (required - (bad ? r.Range(5, 20) : r.Range(1, 6)), false);
        w.Int(DaysOnPost, days);
        w.Int(RequiredDays, required);
        w.Bool(LeaveApproved, leave);

        // 业务能力星: skills test ≥ 80, with extra weight on 79 and 80
        int skills = Met(ref r) ? (r.Chance(150) ? 80 : r.Range(80, 100)) : (r.Chance(150) ? 79 : r.Range(bad ? 30 : 55, 79));
        w.Int(SkillsTestScore, skills);

        // 工作成效星: completed / assigned ≥ 0.9, or nothing assigned
        int assigned = r.Chance(120) ? 0 : r.Range(1, 15);
        int completed = Met(ref r) || assigned == 0
            ? r.Range(CeilRatio(assigned, 9, 10), assigned)
            : r.Range(Math.Max(0, CeilRatio(assigned, 9, 10) - (bad ? 15 : 3)), CeilRatio(assigned, 9, 10) - 1);
        w.Int(TasksAssigned, assigned);
        w.Int(TasksCompleted, completed);

        // 遍访解困星: every paired household visited, and resolved / reported ≥ 0.8 (or nothing reported)
        int paired = c.Paired;
        int visited = Met(ref r) || paired == 0 ? paired : paired - r.Range(1, Math.Min(bad ? paired : 4, paired));
        int reported = r.Chance(250) ? 0 : r.Range(1, 8);
        int resolved = Met(ref r) || reported == 0
            ? r.Range(CeilRatio(reported, 8, 10), reported)
            : r.Range(Math.Max(0, CeilRatio(reported, 8, 10) - 3), CeilRatio(reported, 8, 10) - 1);
        w.Int(HouseholdsAssigned, paired);
        w.Int(HouseholdsVisited, visited);
        w.Int(HardshipsReported, reported);
        w.Int(HardshipsResolved, resolved);

        // 稳定增收星: income_up / paired ≥ 0.95 (never with no paired households)
        int incomeUp = paired == 0 ? 0
            : Met(ref r) ? r.Range(CeilRatio(paired, 95, 100), paired)
            : r.Range(paired * 7 / 10, CeilRatio(paired, 95, 100) - 1);
        w.Int(HouseholdsIncomeUp, incomeUp);

        // 群众满意星: satisfaction ≥ 90, one decimal, with extra weight on 89.9 and 90
        int tenths = Met(ref r)
            ? (r.Chance(80) ? 900 : r.Range(900, 1000))
            : (r.Chance(80) ? 899 : r.Range(bad ? 500 : 750, 899));
        w.Decimal(SatisfactionScore, tenths, 1);

        // 政策宣传星, 就业产业星, 档案规范星
        w.Int(PolicySessions, Met(ref r) ? r.Range(2, 5) : r.Range(0, 1));
        w.Int(JobsOrIndustryLinked, Met(ref r) ? r.Range(1, 6) : 0);
        w.Bool(LogComplete, Met(ref r));

        // 廉洁自律星: a breach in the cadre's violation month, or (rarely) in a bad month
        w.Bool(DisciplineViolation, month == c.ViolationMonth || (bad && r.Chance(500)));
    }
}
