namespace Scoring.Benchmarks;

/// <summary>One subject of the 20-criterion points scheme, as a host application would hold it.</summary>
public sealed class PointsSubject
{
    public string HouseholdId { get; set; } = "";
    public decimal VolunteerHours { get; set; }
    public int MeetingsAttended { get; set; }
    public decimal Donations { get; set; }
    public int HygieneScore { get; set; }
    public int GarbageSortingScore { get; set; }
    public bool FireSafetyCheck { get; set; }
    public bool IllegalBuild { get; set; }
    public int ChildrenTotal { get; set; }
    public int ChildrenEnrolled { get; set; }
    public int ElderlyVisits { get; set; }
    public bool FeesPaid { get; set; }
    public int Disputes { get; set; }
    public int Complaints { get; set; }
    public int WorkingAgeMembers { get; set; }
    public int EmployedMembers { get; set; }
    public decimal TrainingHours { get; set; }
    public decimal Income { get; set; }
    public decimal IncomeLastYear { get; set; }

    public Dictionary<string, object?> ToFields() => new()
    {
        ["household_id"] = HouseholdId, ["volunteer_hours"] = VolunteerHours, ["meetings_attended"] = MeetingsAttended,
        ["donations"] = Donations, ["hygiene_score"] = HygieneScore, ["garbage_sorting_score"] = GarbageSortingScore,
        ["fire_safety_check"] = FireSafetyCheck, ["illegal_build"] = IllegalBuild, ["children_total"] = ChildrenTotal,
        ["children_enrolled"] = ChildrenEnrolled, ["elderly_visits"] = ElderlyVisits, ["fees_paid"] = FeesPaid,
        ["disputes"] = Disputes, ["complaints"] = Complaints, ["working_age_members"] = WorkingAgeMembers,
        ["employed_members"] = EmployedMembers, ["training_hours"] = TrainingHours, ["income"] = Income,
        ["income_last_year"] = IncomeLastYear,
    };

    /// <summary>A deterministic population spread across every threshold.</summary>
    public static PointsSubject[] Population(int n, ulong seed = 20241123)
    {
        ulong s = seed;
        int Next(int max)
        {
            // SplitMix64: stable across runtimes
            s += 0x9E3779B97F4A7C15UL;
            ulong z = s;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)((z ^ (z >> 31)) % (ulong)max);
        }
        var list = new PointsSubject[n];
        for (int i = 0; i < n; i++)
        {
            int children = Next(4), working = Next(5);
            decimal last = 4000 + Next(8000);
            list[i] = new PointsSubject
            {
                HouseholdId = $"H-{i:0000000}",
                VolunteerHours = Next(1200) / 20m,
                MeetingsAttended = Next(13),
                Donations = Next(3) == 0 ? 0 : Next(500),
                HygieneScore = 60 + Next(41),
                GarbageSortingScore = 40 + Next(61),
                FireSafetyCheck = Next(5) != 0,
                IllegalBuild = Next(10) == 0,
                ChildrenTotal = children,
                ChildrenEnrolled = children == 0 ? 0 : children - (Next(6) == 0 ? 1 : 0),
                ElderlyVisits = Next(20),
                FeesPaid = Next(8) != 0,
                Disputes = Next(6) == 0 ? 1 : 0,
                Complaints = Next(7) == 0 ? 1 : 0,
                WorkingAgeMembers = working,
                EmployedMembers = working == 0 ? 0 : Next(working + 1),
                TrainingHours = Next(40),
                Income = last + Next(3000) - 1200,
                IncomeLastYear = last,
            };
        }
        return list;
    }
}

/// <summary>The scheme written by hand in C#: the practical limit for speed.</summary>
public static class HandWritten
{
    public readonly record struct Result(decimal Total, string Grade);

    public static Result Evaluate(PointsSubject x)
    {
        decimal civic = 0, env = 0, family = 0, economy = 0;
        if (x.VolunteerHours >= 20) civic += 10;
        if (x.VolunteerHours >= 50) civic += 5;
        if (x.MeetingsAttended >= 6) civic += 8;
        if (x.MeetingsAttended >= 10) civic += 4;
        if (x.Donations > 0) civic += 3;
        if (x.HygieneScore >= 80) env += 10;
        if (x.HygieneScore >= 95) env += 5;
        if (x.GarbageSortingScore >= 70) env += 8;
        if (x.FireSafetyCheck) env += 5;
        if (!x.IllegalBuild) env += 5;
        if (x.ChildrenTotal == 0 || x.ChildrenEnrolled == x.ChildrenTotal) family += 10;
        if (x.ElderlyVisits >= 12) family += 6;
        if (x.FeesPaid) family += 5;
        if (x.Disputes == 0) family += 6;
        if (x.Complaints == 0) family += 4;
        if (x.WorkingAgeMembers == 0 || (decimal)x.EmployedMembers / x.WorkingAgeMembers >= 0.5m) economy += 10;
        if (x.TrainingHours >= 16) economy += 6;
        if (x.Income >= x.IncomeLastYear) economy += 8;
        if (x.Income >= 1.1m * x.IncomeLastYear) economy += 4;
        if (x.Income >= 8000) economy += 6;
        decimal total = Math.Min(25, civic) + Math.Min(25, env) + Math.Min(25, family) + Math.Min(25, economy);
        total = Math.Min(100, Math.Max(0, total));
        return new Result(total, total >= 80 ? "A" : total >= 60 ? "B" : "C");
    }
}

/// <summary>The same scheme as a Microsoft RulesEngine workflow; points and caps are summed in C# from the rule results.</summary>
public sealed class RulesEngineScheme
{
    private static readonly (string Name, string Expression, string Category, int Points)[] Rules =
    {
        ("c01", "input1.VolunteerHours >= 20", "civic", 10),
        ("c02", "input1.VolunteerHours >= 50", "civic", 5),
        ("c03", "input1.MeetingsAttended >= 6", "civic", 8),
        ("c04", "input1.MeetingsAttended >= 10", "civic", 4),
        ("c05", "input1.Donations > 0", "civic", 3),
        ("c06", "input1.HygieneScore >= 80", "environment", 10),
        ("c07", "input1.HygieneScore >= 95", "environment", 5),
        ("c08", "input1.GarbageSortingScore >= 70", "environment", 8),
        ("c09", "input1.FireSafetyCheck", "environment", 5),
        ("c10", "!input1.IllegalBuild", "environment", 5),
        ("c11", "input1.ChildrenTotal == 0 || input1.ChildrenEnrolled == input1.ChildrenTotal", "family", 10),
        ("c12", "input1.ElderlyVisits >= 12", "family", 6),
        ("c13", "input1.FeesPaid", "family", 5),
        ("c14", "input1.Disputes == 0", "family", 6),
        ("c15", "input1.Complaints == 0", "family", 4),
        ("c16", "input1.WorkingAgeMembers == 0 || Convert.ToDecimal(input1.EmployedMembers) / Convert.ToDecimal(input1.WorkingAgeMembers) >= 0.5m", "economy", 10),
        ("c17", "input1.TrainingHours >= 16", "economy", 6),
        ("c18", "input1.Income >= input1.IncomeLastYear", "economy", 8),
        ("c19", "input1.Income >= 1.1m * input1.IncomeLastYear", "economy", 4),
        ("c20", "input1.Income >= 8000", "economy", 6),
    };

    private readonly global::RulesEngine.RulesEngine _engine;
    private readonly Dictionary<string, (string Category, int Points)> _byName;

    public RulesEngineScheme()
    {
        var wf = new global::RulesEngine.Models.Workflow
        {
            WorkflowName = "points",
            Rules = Rules.Select(r => new global::RulesEngine.Models.Rule
            {
                RuleName = r.Name,
                Expression = r.Expression,
                RuleExpressionType = global::RulesEngine.Models.RuleExpressionType.LambdaExpression,
            }).ToList(),
        };
        _engine = new global::RulesEngine.RulesEngine(new[] { wf }, new global::RulesEngine.Models.ReSettings());
        _byName = Rules.ToDictionary(r => r.Name, r => (r.Category, r.Points));
    }

    public HandWritten.Result Evaluate(PointsSubject x)
    {
        var results = _engine.ExecuteAllRulesAsync("points", x).GetAwaiter().GetResult();
        decimal civic = 0, env = 0, family = 0, economy = 0;
        foreach (var r in results)
        {
            if (!string.IsNullOrEmpty(r.ExceptionMessage)) throw new InvalidOperationException($"{r.Rule.RuleName}: {r.ExceptionMessage}");
            if (!r.IsSuccess) continue;
            var (cat, pts) = _byName[r.Rule.RuleName];
            switch (cat)
            {
                case "civic": civic += pts; break;
                case "environment": env += pts; break;
                case "family": family += pts; break;
                default: economy += pts; break;
            }
        }
        decimal total = Math.Min(25, civic) + Math.Min(25, env) + Math.Min(25, family) + Math.Min(25, economy);
        total = Math.Min(100, Math.Max(0, total));
        return new HandWritten.Result(total, total >= 80 ? "A" : total >= 60 ? "B" : "C");
    }
}
