using System.Text.Json.Nodes;

namespace Scoring.Synth;

/// <summary>
/// <c>samples/cadre-months.csv</c> and <c>.jsonl</c>: six cadres' months of 2023 (60 records, some months not
/// reported), the worked example C-017 in 2023-05 verbatim, two months with a breach of discipline. Drawn from the
/// stream of the settlements sample, after it (both were first written by one Python generator).
/// </summary>
internal sealed class CadreMonthsSample : Sample
{
    private static readonly (string Id, string Team, int Paired, double Reliability, int[] Absent)[] Cadres =
    {
        ("C-003", "village_cadre", 24, 0.92, []),
        ("C-008", "work_team", 18, 0.80, []),
        ("C-011", "assistance_cadre", 12, 0.80, [8]),
        ("C-017", "first_secretary", 30, 0.90, []),
        ("C-021", "work_team", 20, 0.60, [2, 9, 10]),
        ("C-024", "assistance_cadre", 8, 0.75, [1, 2, 3, 4, 5, 6, 7, 8]),
    };

    /// <summary>A confirmed breach of discipline in these months (exercises the yearly veto).</summary>
    private static readonly HashSet<(string, string)> Violations = new() { ("C-011", "2023-07"), ("C-021", "2023-04") };

    /// <summary>The worked example of ten-star-cadre.md: 8 stars (policy and employment missed).</summary>
    public static JsonObject WorkedExample() =>
        Fields(CadreModel.MonthFields, "C-017", "first_secretary", "2023-05", 21, 22, true, 85, 10, 9, 30, 30, 5, 4, 29, 91.5m, 1, 0, true, false);

    public override IEnumerable<JsonObject> Records()
    {
        var rng = new PythonRandom(SettlementsSample.Seed);
        SettlementsSample.Draw(rng);
        var rows = new List<JsonObject>();
        foreach (var (id, team, paired, p, absent) in Cadres)
        {
            for (int m = 1; m <= 12; m++)
            {
                string month = Month(2023, m);
                // drawn for every month, reported or not, so that one cadre's months do not shift another's
                var row = CadreMonth(rng, id, team, paired, p, month);
                if (absent.Contains(m)) continue;
                rows.Add(id == "C-017" && month == "2023-05" ? WorkedExample() : row);
            }
        }
        return rows;
    }

    private static JsonObject CadreMonth(PythonRandom rng, string id, string team, int paired, double p, string month)
    {
        bool Ok() => rng.Random() < p;
        int required = team == "first_secretary" ? 22 : 20;

        int days;
        bool leave;
        if (Ok()) (days, leave) = (required + rng.Int(0, 3), false);
        else if (rng.Random() < 0.5) (days, leave) = (required - rng.Int(1, 4), true); // approved leave: up to 3 days short still earns the star
        else (days, leave) = (required - rng.Int(1, 6), false);

        int skills = Ok() ? rng.Int(80, 100) : rng.Int(60, 79);

        int some = rng.Int(3, 12), other = rng.Int(3, 12);
        int assigned = rng.Choice(new[] { 0, some, other });
        int completed = Ok() ? rng.Int(CeilRatio(assigned, 9, 10), assigned) : rng.Int(0, Math.Max(0, CeilRatio(assigned, 9, 10) - 1));

        int visited = Ok() ? paired : paired - rng.Int(1, Math.Min(3, paired));
        int reported = rng.Int(0, 6);
        int resolved = Ok() ? rng.Int(CeilRatio(reported, 8, 10), reported) : rng.Int(0, Math.Max(0, CeilRatio(reported, 8, 10) - 1));
        int incomeUp = Ok() ? rng.Int(CeilRatio(paired, 95, 100), paired) : rng.Int(paired * 3 / 4, CeilRatio(paired, 95, 100) - 1);

        decimal satisfaction = Exact(Ok() ? rng.Int(900, 995) : rng.Int(780, 899), 1);
        int sessions = Ok() ? rng.Int(2, 4) : rng.Int(0, 1);
        int jobs = Ok() ? rng.Int(1, 5) : 0;
        bool log = Ok();

        return Fields(CadreModel.MonthFields, id, team, month, days, required, leave, skills, assigned, completed, paired, visited,
            reported, resolved, incomeUp, satisfaction, sessions, jobs, log, Violations.Contains((id, month)));
    }
}
