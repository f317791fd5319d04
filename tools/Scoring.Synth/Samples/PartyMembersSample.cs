using System.Text.Json.Nodes;

namespace Scoring.Synth;

/// <summary>
/// <c>samples/party-members.jsonl</c>: 327 party members of 2023 with their ledger <c>entries</c> (一事一登记) and
/// monthly <c>evaluations</c> (民主评议), for <c>--param year=2023 --as-of 2024-01-15</c>. First the worked example
/// M-001 (June 2023) verbatim, then members exactly on or just past a threshold (annual score 90 / 80 / 70 / 60,
/// ages 18 and 55 on 2024-01-15, a sanction exactly 24 months before it, the monthly caps), then members of eleven
/// branches with a drawn activity level.
/// </summary>
internal sealed class PartyMembersSample : Sample
{
    private const uint Seed = 20230601;
    private const int Year = 2023;

    /// <summary>党支部 in the five reference counties' relocation settlements (illustrative names).</summary>
    private static readonly string[] Branches =
    {
        "大宁县幸福社区移民新区党支部", "大宁县昕水镇安居社区党支部", "大宁县曲峨镇和谐家园党支部", "古浪县黄花滩绿洲生态移民区富民新村党支部",
        "古浪县西靖镇感恩新村党支部", "邵阳县塘渡口镇幸福家园社区党支部", "邵阳县下花桥镇安置小区党支部", "紫阳县城关镇书院社区党支部",
        "紫阳县向阳镇营梁社区党支部", "芦山县龙门乡青龙场社区党支部", "芦山县飞仙关镇南场社区党支部",
    };

    private const string WorkedExampleBranch = "幸福社区移民新区党支部";

    private static readonly int[] DaysInMonth = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

    // the quantities Python drew from (whole numbers and halves, as Python printed them)
    private static readonly decimal[] StudyUnits = { 1, 1, 2, 2, 3, 1.5m }, VolunteerHours = { 1.5m, 2, 3, 4, 2.5m, 6, 8, 10 },
        ErrandUnits = { 1, 1, 2, 3, 1.5m }, MediationUnits = { 1, 1, 2 }, ContactUnits = { 2, 3, 4, 5, 6 }, OneOrTwo = { 1, 2 };

    private static readonly int[] Meetings = { 1, 1, 1, 2 }, SanctionYears = { 2015, 2019, 2021, 2022 };
    private static readonly string[] UnapprovedCategories = { "errand", "volunteer", "contact", "study" };

    private static string Date(int month, int day) => Day(Year, month, day);

    /// <summary>One member's entries, numbered M-xxx-001, M-xxx-002, … as they are added.</summary>
    private sealed class Ledger(string memberId)
    {
        public List<JsonObject> Entries { get; } = new();

        public void Add(string date, string category, decimal quantity, bool approved = true, bool remote = false) => Entries.Add(new JsonObject
        {
            ["entry_id"] = $"{memberId}-{Entries.Count + 1:D3}", ["member_id"] = memberId, ["date"] = date, ["category"] = category,
            ["quantity"] = quantity, ["approved"] = approved, ["remote"] = remote,
        });
    }

    private static JsonObject Member(string id, string branch, string birth, bool flowing, List<JsonObject> entries, JsonObject[] evaluations, string? lastSanction = null)
    {
        var record = new JsonObject { ["member_id"] = id, ["branch"] = branch, ["birth_date"] = birth, ["flowing"] = flowing };
        if (lastSanction is not null) record["last_sanction_date"] = lastSanction;
        record["entries"] = new JsonArray(entries.ToArray<JsonNode?>());
        record["evaluations"] = new JsonArray(evaluations.ToArray<JsonNode?>());
        return record;
    }

    private static JsonObject Rating(string month, string rating) => new() { ["month"] = month, ["rating"] = rating };

    public override IEnumerable<JsonObject> Records()
    {
        var rng = new PythonRandom(Seed);
        var records = new List<JsonObject> { WorkedExample() };
        records.AddRange(ThresholdRecords());
        int n = records.Count;
        foreach (var branch in Branches)
        {
            for (int i = rng.Int(18, 34); i > 0; i--)
                records.Add(RandomMember(rng, $"M-{++n:D3}", branch));
        }
        return records;
    }

    /// <summary>The policy's worked example, verbatim: M-001 in 2023-06.</summary>
    private static JsonObject WorkedExample()
    {
        var led = new Ledger("M-001");
        led.Add("2023-06-02", "meeting", 4);
        led.Add("2023-06-10", "volunteer", 9);
        led.Add("2023-06-12", "errand", 6);
        led.Add("2023-06-15", "mediation", 1);
        led.Add("2023-06-20", "late_dues", 1);
        led.Add("2023-06-22", "errand", 1, approved: false);
        return Member("M-001", WorkedExampleBranch, "1979-03-12", false, led.Entries, [Rating("2023-06", "较好")]);
    }

    /// <summary>A ledger whose annual score is 60 + 10 × n (plus the extra entries), for threshold records.</summary>
    private static List<JsonObject> Commendations(string id, int n, params (string Date, string Category, decimal Quantity)[] extra)
    {
        var led = new Ledger(id);
        if (n > 0) led.Add(Date(5, 18), "commendation", n);
        foreach (var (date, category, quantity) in extra) led.Add(date, category, quantity);
        return led.Entries;
    }

    private static List<JsonObject> ThresholdRecords()
    {
        const string b = WorkedExampleBranch;
        var records = new List<JsonObject>
        {
            // annual score exactly 90 (优秀) and 89.5 (合格)
            Member("M-002", b, "1985-07-01", false, Commendations("M-002", 3), []),
            Member("M-003", b, "1986-02-11", false, Commendations("M-003", 3, (Date(8, 3), "complaint", 0.1m)), []),
            // exactly 80 (两委 score met) and 79.5 (not met)
            Member("M-004", b, "1990-10-20", false, Commendations("M-004", 2), []),
            Member("M-005", b, "1991-04-05", false, Commendations("M-005", 2, (Date(9, 9), "late_dues", 0.1m)), []),
            // exactly 70 (合格) and 69.5 (基本合格); exactly 60 (基本合格) and 59.5 (不合格)
            Member("M-006", b, "1975-12-30", false, Commendations("M-006", 1), []),
            Member("M-007", b, "1976-01-02", false, Commendations("M-007", 1, (Date(3, 3), "absence", 0.1m)), []),
            Member("M-008", b, "1970-06-06", false, [], []),
            Member("M-009", b, "1971-08-08", false, Commendations("M-009", 0, (Date(3, 3), "absence", 0.1m)), []),
            // ages on 2024-01-15: exactly 18, 17 (one day short), 55 (56 the next day), exactly 56
            Member("M-010", b, "2006-01-15", false, Commendations("M-010", 2), []),
            Member("M-011", b, "2006-01-16", false, Commendations("M-011", 2), []),
            Member("M-012", b, "1968-01-16", false, Commendations("M-012", 2), []),
            Member("M-013", b, "1968-01-15", false, Commendations("M-013", 2), []),
            // last sanction exactly 24 months before 2024-01-15 (no bar), one day later (bar)
            Member("M-014", b, "1982-05-05", false, Commendations("M-014", 2), [], lastSanction: "2022-01-15"),
            Member("M-015", b, "1983-05-05", false, Commendations("M-015", 2), [], lastSanction: "2022-01-16"),
            // a flowing member with a high score
            Member("M-016", b, "1988-09-09", true, Commendations("M-016", 3), []),
            // veto: score 100 but an approved sanction in the year
            Member("M-017", b, "1980-11-11", false, Commendations("M-017", 4, (Date(10, 10), "sanction", 1)), []),
        };
        // caps exactly reached and exceeded in one month (2023-04), with a 好 rating
        var led = new Ledger("M-018");
        led.Add(Date(4, 1), "meeting", 4);                 // 8, cap reached
        led.Add(Date(4, 2), "meeting", 1, remote: true);   // 9 → 8, cap exceeded
        led.Add(Date(4, 3), "study", 7);                   // 7 → 6
        led.Add(Date(4, 4), "volunteer", 19.5m);           // 9
        led.Add(Date(4, 5), "volunteer", 0.5m);            // month's total 20 h → 10, cap reached
        led.Add(Date(4, 6), "errand", 5.5m);               // 11 → 10
        led.Add(Date(4, 7), "mediation", 3);               // 9, cap reached
        led.Add(Date(4, 8), "contact", 6);                 // 6 → 5
        records.Add(Member("M-018", b, "1987-04-18", false, led.Entries, [Rating("2023-04", "好")]));
        return records;
    }

    private static JsonObject RandomMember(PythonRandom rng, string id, string branch)
    {
        var led = new Ledger(id);
        bool flowing = rng.Random() < 0.15;
        // birth dates: mostly 22–70 years old on 2024-01-15, a few young members
        int older = rng.Int(1954, 2001), alsoOlder = rng.Int(1954, 2001), young = rng.Int(2002, 2006);
        int birthYear = rng.Choice(new[] { older, alsoOlder, young });
        int birthMonth = rng.Int(1, 12);
        string birth = Day(birthYear, birthMonth, rng.Int(1, 28));
        double activity = rng.Triangular(0.1, 1.0, 0.65); // 0 = hardly active, 1 = very active
        var evaluations = new List<JsonObject>();
        for (int m = 1; m <= 12; m++)
        {
            int dim = DaysInMonth[m - 1];
            string D() => Date(m, rng.Int(1, dim));

            // 组织生活: the branch meets 1–2 times a month; not every deed gets registered, and flowing members
            // often attend remotely
            int meetings = rng.Choice(Meetings);
            int attended = 0;
            for (int i = 0; i < meetings; i++)
                if (rng.Random() < 0.25 + 0.5 * activity) attended++;
            if (attended > 0)
            {
                bool remote = flowing && rng.Random() < 0.7;
                led.Add(D(), "meeting", attended, remote: remote);
            }
            if (attended < meetings && rng.Random() < 0.45 - 0.4 * activity) led.Add(D(), "absence", 1);
            if (rng.Random() < 0.05 + 0.3 * activity) AddDrawn(rng, led, D(), "study", StudyUnits);
            if (rng.Random() < activity * 0.25) AddDrawn(rng, led, D(), "volunteer", VolunteerHours);
            if (rng.Random() < activity * 0.15) AddDrawn(rng, led, D(), "errand", ErrandUnits);
            if (rng.Random() < activity * 0.05) AddDrawn(rng, led, D(), "mediation", MediationUnits);
            if (rng.Random() < activity * 0.12) AddDrawn(rng, led, D(), "contact", ContactUnits);
            if (rng.Random() < 0.06 - 0.05 * activity) led.Add(D(), "late_dues", 1);
            if (rng.Random() < 0.015) led.Add(D(), "complaint", 1);
            if (rng.Random() < 0.08) // a deed registered but not (yet) passed by the monthly review
            {
                string date = D();
                string category = rng.Choice(UnapprovedCategories);
                led.Add(date, category, rng.Choice(OneOrTwo), approved: false);
            }
            // 民主评议: most months are rated; better ratings for more active members
            if (rng.Random() < 0.85)
            {
                double r = rng.Random() * 0.8 + 0.4 * activity;
                string rating = r > 1.05 ? "好" : r > 0.75 ? "较好" : r > 0.12 ? "一般" : "差";
                evaluations.Add(Rating(Month(Year, m), rating));
            }
        }
        if (rng.Random() < 0.02) led.Add(Date(rng.Int(1, 12), 15), "commendation", 1);
        string? lastSanction = null;
        if (rng.Random() < 0.03) // an approved sanction in the year: the veto
        {
            int month = rng.Int(1, 12);
            string date = Date(month, rng.Int(1, 28));
            led.Add(date, "sanction", 1);
            lastSanction = date;
        }
        else if (rng.Random() < 0.05) // an older sanction, some inside the 24 months before 2024-01-15
        {
            int year = rng.Choice(SanctionYears), month = rng.Int(1, 12);
            lastSanction = Day(year, month, rng.Int(1, 28));
        }
        // a few deeds outside the year (December 2022 / January 2024): they play no part in 2023
        if (rng.Random() < 0.1) led.Add(Day(2022, 12, rng.Int(1, 31)), "study", 2);
        if (rng.Random() < 0.1)
        {
            string date = Day(2024, 1, rng.Int(1, 14));
            led.Add(date, "meeting", 1, approved: rng.Random() < 0.5);
        }
        // in date order (a stable sort, as Python's), then numbered again
        var entries = led.Entries.OrderBy(e => (string)e["date"]!, StringComparer.Ordinal).ToList();
        for (int i = 0; i < entries.Count; i++) entries[i]["entry_id"] = $"{id}-{i + 1:D3}";
        return Member(id, branch, birth, flowing, entries, evaluations.ToArray(), lastSanction);
    }

    /// <summary>An entry whose quantity is drawn after its date (Python evaluated the arguments in that order).</summary>
    private static void AddDrawn(PythonRandom rng, Ledger led, string date, string category, decimal[] quantities) =>
        led.Add(date, category, rng.Choice(quantities));
}
