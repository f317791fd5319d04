using System.Text.Json.Nodes;

namespace Scoring.Synth;

/// <summary>
/// <c>samples/households.jsonl</c>: 323 households of ten relocation communities, each with its <c>members</c>.
/// First the worked example H-0420 (幸福社区) verbatim, then households exactly on or just past every threshold
/// (hygiene 80/79, volunteer 20/19.99, income equal to / 0.01 below last year, members aged 5/6/15/16/59/60, an
/// empty school_enrolled, public-space violations 1/2/3, a household with no members); 石门小区 has only
/// black-listed households (total dividend shares 0). Then 296 drawn households.
/// </summary>
internal sealed class HouseholdsSample : Sample
{
    private const uint Seed = 20240315;

    /// <summary>(community, id prefix, first id number, drawn households).</summary>
    private static readonly (string Community, string Prefix, int First, int Count)[] Communities =
    {
        ("幸福社区", "DN", 100, 46), ("昕水社区", "DN", 300, 28), ("阳光社区", "GL", 100, 40), ("富民新村", "GL", 300, 30),
        ("黄羊川社区", "GL", 500, 24), ("同心家园", "SY", 100, 32), ("汉江社区", "ZY", 100, 36), ("安康社区", "ZY", 300, 26),
        ("龙门新居", "LS", 100, 34),
    };

    public override IEnumerable<JsonObject> Records()
    {
        var rng = new PythonRandom(Seed);
        var rows = FixedRecords();
        foreach (var (community, prefix, first, count) in Communities)
            for (int i = 0; i < count; i++)
                rows.Add(RandomHousehold(rng, $"{prefix}-{first + i:D4}", community));
        return rows;
    }

    private static JsonObject Member(string id, int age, string relation, bool employed = false, bool criminal = false, bool? school = null,
        bool omitSchool = true, bool complaint = false) // omitSchool: no school_enrolled at all (Python's "omit")
    {
        var m = new JsonObject { ["member_id"] = id, ["age"] = age, ["relation"] = relation, ["criminal_record_this_year"] = criminal };
        if (!omitSchool) m["school_enrolled"] = school; // true, false or null (empty)
        m["employed"] = employed;
        m["elder_complaint"] = complaint;
        return m;
    }

    private static JsonObject Enrolled(string id, int age, string relation, bool? school, bool employed = false) =>
        Member(id, age, relation, employed: employed, school: school, omitSchool: false);

    private static JsonObject Household(string id, string community, List<JsonObject> members, int hygiene = 90, int violations = 0,
        int disputes = 0, bool ceremony = false, bool gambling = false, bool defaulted = false, string volunteer = "24",
        string income = "10800", string last = "10200") => Household(id, community, members, hygiene, violations, disputes, ceremony,
        gambling, defaulted, Dec(volunteer), Dec(income), Dec(last));

    private static JsonObject Household(string id, string community, List<JsonObject> members, int hygiene, int violations, int disputes,
        bool ceremony, bool gambling, bool defaulted, decimal volunteer, decimal income, decimal last) => new()
    {
        ["household_id"] = id, ["community"] = community, ["hygiene_score"] = hygiene, ["public_space_violations"] = violations,
        ["neighbour_disputes_escalated"] = disputes, ["extravagant_ceremony"] = ceremony, ["gambling_reported"] = gambling,
        ["debt_default"] = defaulted, ["volunteer_hours"] = volunteer, ["per_capita_income"] = income, ["income_last_year"] = last,
        ["members"] = new JsonArray(members.ToArray<JsonNode?>()),
    };

    private static List<JsonObject> Family(string id, int headAge = 42, bool employed = true) =>
    [
        Member($"{id}-1", headAge, "head", employed: employed),
        Member($"{id}-2", 40, "spouse", employed: false),
        Enrolled($"{id}-3", 11, "child", true),
    ];

    /// <summary>The worked example, then the households on the thresholds.</summary>
    private static List<JsonObject> FixedRecords()
    {
        var rows = new List<JsonObject>
        {
            Household("H-0420", "幸福社区",
                [Member("H-0420-1", 45, "head", employed: true), Member("H-0420-2", 43, "spouse"), Enrolled("H-0420-3", 12, "child", true), Member("H-0420-4", 72, "parent")],
                hygiene: 86, volunteer: "12", income: "9096", last: "8400"),
        };
        const string c = "昕水社区";
        rows.Add(Household("DN-E01", c, Family("DN-E01"), hygiene: 80));                    // hygiene exactly 80
        rows.Add(Household("DN-E02", c, Family("DN-E02"), hygiene: 79));                    // just below
        rows.Add(Household("DN-E03", c, Family("DN-E03"), volunteer: "20"));                // volunteer exactly 20
        rows.Add(Household("DN-E04", c, Family("DN-E04"), volunteer: "19.99"));             // just below
        rows.Add(Household("DN-E05", c, Family("DN-E05"), income: "8400", last: "8400"));   // income equal
        rows.Add(Household("DN-E06", c, Family("DN-E06"), income: "8399.99", last: "8400"));// 0.01 below
        rows.Add(Household("DN-E07", c, [Member("DN-E07-1", 16, "child", employed: true), Member("DN-E07-2", 66, "head")]));             // only worker aged 16
        rows.Add(Household("DN-E08", c, [Enrolled("DN-E08-1", 15, "child", true, employed: true), Member("DN-E08-2", 67, "head")]));     // only worker aged 15
        rows.Add(Household("DN-E09", c, [Member("DN-E09-1", 59, "head", employed: true)]));                                              // worker aged 59
        rows.Add(Household("DN-E10", c, [Member("DN-E10-1", 60, "head", employed: true), Member("DN-E10-2", 58, "spouse")]));            // only worker aged 60
        rows.Add(Household("DN-E11", c, [Member("DN-E11-1", 38, "head", employed: true), Enrolled("DN-E11-2", 6, "child", false)]));     // age 6 not enrolled
        rows.Add(Household("DN-E12", c, [Member("DN-E12-1", 38, "head", employed: true), Enrolled("DN-E12-2", 5, "child", false)]));     // age 5 not enrolled
        rows.Add(Household("DN-E13", c, [Member("DN-E13-1", 44, "head", employed: true), Enrolled("DN-E13-2", 15, "child", null)]));     // age 15, empty
        rows.Add(Household("DN-E14", c, [Member("DN-E14-1", 44, "head", employed: true), Enrolled("DN-E14-2", 16, "child", false)]));    // age 16 not enrolled
        rows.Add(Household("DN-E15", c, [Member("DN-E15-1", 35, "head", employed: true), Member("DN-E15-2", 60, "parent", complaint: true)])); // age 60 complaint
        rows.Add(Household("DN-E16", c, [Member("DN-E16-1", 35, "head", employed: true), Member("DN-E16-2", 59, "other", complaint: true)]));  // age 59 complaint
        rows.Add(Household("DN-E17", c, Family("DN-E17"), violations: 1));                  // loses order only
        rows.Add(Household("DN-E18", c, Family("DN-E18"), violations: 2));                  // still not black-listed
        rows.Add(Household("DN-E19", c, Family("DN-E19"), violations: 3));                  // black list
        rows.Add(Household("DN-E20", c, []));                                               // no members
        rows.Add(Household("DN-E21", c, Family("DN-E21"), defaulted: true, volunteer: "5")); // exactly 8 stars
        rows.Add(Household("DN-E22", c, Family("DN-E22"), defaulted: true, volunteer: "5", hygiene: 70)); // 7 stars
        rows.Add(Household("DN-E23", c, Family("DN-E23")));                                 // ten stars
        // 石门小区 (邵阳县): every household black-listed → total shares 0, every dividend 0
        const string s = "石门小区";
        rows.Add(Household("SY-B01", s, Family("SY-B01"), gambling: true));
        rows.Add(Household("SY-B02", s, Family("SY-B02"), ceremony: true, hygiene: 84));
        rows.Add(Household("SY-B03", s, Family("SY-B03"), violations: 4, hygiene: 62));
        return rows;
    }

    private static readonly int[] ChildCounts = { 0, 1, 1, 2, 2, 3 }, EdgeAges = { 5, 6, 15, 16 }, GrandchildCounts = { 0, 1, 2 };

    private static List<JsonObject> RandomMembers(PythonRandom rng, string id)
    {
        var members = new List<JsonObject>();

        void Add(int age, string relation)
        {
            string memberId = $"{id}-{members.Count + 1}";
            bool? school = null;
            bool omit = true;
            if (age is >= 6 and <= 15)
            {
                double r = rng.Random();
                (school, omit) = (r < 0.93 ? true : r < 0.97 ? false : null, false);
            }
            else if (age is >= 16 and <= 18)
            {
                int pick = rng.Below(3); // choice([True, False, "omit"])
                (school, omit) = (pick == 0 ? true : pick == 1 ? false : null, pick == 2);
            }
            bool employed = age is >= 16 and <= 59 ? rng.Random() < (relation is "head" or "spouse" or "child" ? 0.7 : 0.5)
                : age >= 60 ? rng.Random() < 0.1
                : age >= 14 && rng.Random() < 0.05;
            bool complaint = age >= 60 && rng.Random() < 0.05;
            bool criminal = age >= 14 && rng.Random() < 0.015;
            members.Add(Member(memberId, age, relation, employed, criminal, school, omit, complaint));
        }

        int youngHead = rng.Int(24, 59), alsoYoung = rng.Int(24, 59), olderHead = rng.Int(55, 82);
        int headAge = rng.Choice(new[] { youngHead, alsoYoung, olderHead });
        Add(headAge, "head");
        if (rng.Random() < 0.8) Add(Math.Max(20, headAge + rng.Int(-6, 4)), "spouse");
        if (headAge < 62)
        {
            for (int i = rng.Choice(ChildCounts); i > 0; i--)
            {
                int any = rng.Int(0, 18);
                int edge = rng.Choice(EdgeAges);
                Add(Math.Max(0, Math.Min(headAge - 18, rng.Choice(new[] { any, edge }))), "child");
            }
            if (rng.Random() < 0.45) Add(headAge + rng.Int(20, 32), "parent");
        }
        else
        {
            if (rng.Random() < 0.5) Add(rng.Int(30, headAge - 20), "child");
            for (int i = rng.Choice(GrandchildCounts); i > 0; i--) Add(rng.Int(3, 17), "grandchild");
        }
        if (rng.Random() < 0.06) Add(rng.Int(18, 70), "other");
        return members;
    }

    private static readonly int[] EdgeHygiene = { 79, 80, 81 }, SomeViolations = { 1, 2 }, ManyViolations = { 3, 3, 4, 6 }, Disputes = { 1, 1, 2, 3 };
    private static readonly string[] EdgeVolunteer = { "19.5", "19.9", "19.99", "20", "20.0", "20.5" };

    private static JsonObject RandomHousehold(PythonRandom rng, string id, string community)
    {
        double r = rng.Random();
        int hygiene = r < 0.15 ? rng.Choice(EdgeHygiene) : r < 0.35 ? rng.Int(55, 79) : rng.Int(80, 100);
        r = rng.Random();
        int violations = r < 0.72 ? 0 : r < 0.9 ? rng.Choice(SomeViolations) : rng.Choice(ManyViolations);
        int disputes = rng.Random() < 0.85 ? 0 : rng.Choice(Disputes);
        r = rng.Random();
        decimal volunteer = r < 0.15 ? Dec(rng.Choice(EdgeVolunteer)) : r < 0.45 ? Exact(rng.Int(0, 195), 1) : Exact(rng.Int(200, 800), 1);
        long last = rng.Int(4500, 16000); // in yuan; the incomes below in fen
        r = rng.Random();
        long income = r < 0.1 ? last * 100                                             // exactly equal
            : r < 0.15 ? last * 100 - 1                                                // just below
            : r < 0.35 ? (last - rng.Int(1, 1500)) * 100
            : (last + rng.Int(1, 3000)) * 100 + rng.Int(0, 99);
        var members = RandomMembers(rng, id);
        bool ceremony = rng.Random() < 0.05, gambling = rng.Random() < 0.03, defaulted = rng.Random() < 0.06;
        return Household(id, community, members, hygiene, violations, disputes, ceremony, gambling, defaulted, volunteer, Exact(income, 2), last);
    }
}
