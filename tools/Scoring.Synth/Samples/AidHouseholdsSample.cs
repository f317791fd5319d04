using System.Text.Json.Nodes;

namespace Scoring.Synth;

/// <summary>
/// <c>samples/aid-households.jsonl</c> (compact JSON): 320 households with their members, for a run as of 2023-08-15.
/// First the worked example H-77 (大宁县) verbatim, then 47 households exactly on, or one fen / one year / one month
/// past, a threshold (低保标准 大宁县 530, 古浪县 495, other counties 480; 监测线 7 100; the 2023 medical scale and
/// its 50 000 cap), then 272 drawn households of five relocation counties. <c>community</c>, <c>head_name</c> and the
/// members' <c>name</c> are for people reading the file; the rules do not read them.
/// </summary>
internal sealed class AidHouseholdsSample : Sample
{
    private const uint Seed = 20230815;

    public override bool CompactJson => true;

    private static readonly string[] Documents =
        { "id_card_copy", "hukou_copy", "application_form", "application_reason", "income_proof", "employment_proof", "medical_bills" };

    private static readonly (string County, string Prefix, string[] Communities)[] Counties =
    {
        ("大宁县", "DN", ["幸福社区移民新区", "昕水家园", "三多安置点", "曲峨新村"]),
        ("古浪县", "GL", ["黄花滩移民区", "富民新村", "绿洲小城镇", "西靖感恩新村"]),
        ("邵阳县", "SY", ["塘渡口安置区", "白仓同心家园", "九公桥新村", "五峰铺社区"]),
        ("紫阳县", "ZY", ["汉城安置社区", "洞河移民新区", "双桥安置点", "红椿新居"]),
        ("芦山县", "LS", ["龙门新居", "双石安居小区", "飞仙关新村", "宝盛移民社区"]),
    };

    private static readonly string[] Surnames =
    {
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑",
        "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾",
    };

    private static readonly string[] GivenMale =
        { "建国", "国强", "志强", "永刚", "德明", "海波", "春生", "长林", "金贵", "正华", "玉成", "小军", "伟", "勇", "军", "磊", "浩然", "子轩", "宇航", "俊杰", "天佑", "明辉", "家豪" };

    private static readonly string[] GivenFemale =
        { "秀英", "桂兰", "玉梅", "春燕", "丽娟", "凤英", "翠花", "淑芬", "红梅", "金花", "美玲", "小红", "芳", "静", "娟", "婷婷", "欣怡", "雨涵", "子涵", "佳怡", "梓萱", "思琪", "玉兰" };

    public override IEnumerable<JsonObject> Records()
    {
        var rng = new PythonRandom(Seed);
        var records = new List<JsonObject> { Household("H-77", "大宁县", null, null,
        [
            Member("H-77-1", 52, "full", 0, 1200, false),
            Member("H-77-2", 50, "half", 0, 300, false),
            Member("H-77-3", 14, "none", 0, 0, true),
            Member("H-77-4", 78, "none", 0, 150, true),
        ], assets: 20000, major: 15000, medical: 12000, reason: "medical", documents: ["id_card_copy", "hukou_copy", "application_form"]) };
        records.AddRange(FixedEdges());
        var counters = new int[Counties.Length];
        for (int i = 0; i < 272; i++)
        {
            int county = rng.Below(Counties.Length);
            records.Add(RandomHousehold(rng, county, ++counters[county]));
        }
        return records;
    }

    private static JsonObject Member(string id, int age, string capacity, int disability, decimal income, bool supporter, int away = 0,
        string location = "local", string? name = null)
    {
        var m = new JsonObject { ["member_id"] = id };
        if (name is not null) m["name"] = name;
        m["age"] = age;
        m["labor_capacity"] = capacity;
        m["disability_grade"] = disability;
        m["monthly_income"] = income;
        m["has_able_supporter"] = supporter;
        m["months_worked_away"] = away;
        m["work_location"] = location;
        return m;
    }

    private static JsonObject Household(string id, string county, string? community, string? headName, List<JsonObject> members,
        bool relocated = true, decimal assets = 0, bool vehicle = false, bool property = false, decimal major = 0, decimal medical = 0,
        string reason = "none", IEnumerable<string>? documents = null)
    {
        var r = new JsonObject { ["household_id"] = id, ["county"] = county };
        if (community is not null) r["community"] = community;
        if (headName is not null) r["head_name"] = headName;
        r["relocated"] = relocated;
        r["financial_assets"] = assets;
        r["owns_vehicle"] = vehicle;
        r["owns_commercial_property"] = property;
        r["major_expense_3m"] = major;
        r["medical_out_of_pocket"] = medical;
        r["expense_reason"] = reason;
        r["documents"] = new JsonArray((documents ?? Documents).Select(d => (JsonNode?)d).ToArray());
        r["members"] = new JsonArray(members.ToArray<JsonNode?>());
        return r;
    }

    // ── households on the thresholds (for a run as of 2023-08-15) ─────────────────────────────────────────────

    /// <summary>A fixed household; its community is the first of its county's unless given.</summary>
    private static JsonObject Edge(string id, string county, List<JsonObject> members, string? community = null, bool relocated = true,
        decimal assets = 0, bool vehicle = false, bool property = false, decimal major = 0, decimal medical = 0, string reason = "none",
        IEnumerable<string>? documents = null) =>
        Household(id, county, community ?? Counties.Single(c => c.County == county).Communities[0], null, members, relocated, assets,
            vehicle, property, major, medical, reason, documents);

    private static JsonObject Adult(string id, decimal income, int age = 40, string capacity = "full", int away = 0, string location = "local") =>
        Member(id, age, capacity, 0, income, false, away, location);

    private static List<JsonObject> FixedEdges()
    {
        var e = new List<JsonObject>
        {
            // 特困: age 60 / 59, 16 / 15, disability 2 / 3, income std / std − 0.01, supporter.
            Edge("B-001", "大宁县", [Member("B-001-1", 60, "full", 0, 0, false)], community: "幸福社区移民新区"),
            Edge("B-002", "大宁县", [Member("B-002-1", 59, "full", 0, 0, false)], community: "幸福社区移民新区"),
            Edge("B-003", "邵阳县", [Member("B-003-1", 15, "full", 0, 0, false)], community: "白仓同心家园"),
            Edge("B-004", "邵阳县", [Member("B-004-1", 16, "full", 0, 0, false)], community: "白仓同心家园"),
            Edge("B-005", "紫阳县", [Member("B-005-1", 45, "full", 2, 0, false)], community: "汉城安置社区"),
            Edge("B-006", "紫阳县", [Member("B-006-1", 45, "full", 3, 0, false)], community: "汉城安置社区"),
            Edge("B-007", "古浪县", [Member("B-007-1", 72, "none", 0, 495, false)], community: "黄花滩移民区"),
            Edge("B-008", "古浪县", [Member("B-008-1", 72, "none", 0, 494.99m, false)], community: "黄花滩移民区"),
            Edge("B-009", "古浪县", [Member("B-009-1", 72, "none", 0, 0, true)], community: "富民新村"),
            Edge("B-010", "芦山县", [Member("B-010-1", 40, "half", 0, 0, false)], community: "龙门新居"),
            // 低保: per capita exactly std / one fen less; assets exactly 24 × std × n / one fen more.
            Edge("B-011", "大宁县", [Adult("B-011-1", 530), Adult("B-011-2", 530, age: 38)]),
            Edge("B-012", "大宁县", [Adult("B-012-1", 530), Adult("B-012-2", 529.99m, age: 38)]),
            Edge("B-013", "邵阳县", [Adult("B-013-1", 300), Adult("B-013-2", 200, age: 38)], assets: 23040),
            Edge("B-014", "邵阳县", [Adult("B-014-1", 300), Adult("B-014-2", 200, age: 38)], assets: 23040.01m),
            Edge("B-015", "古浪县", [Adult("B-015-1", 445.01m)]),            // gap 49.99 → 50
            Edge("B-016", "古浪县", [Adult("B-016-1", 444.99m)]),            // gap 50.01 → 51
            Edge("B-017", "大宁县", [Adult("B-017-1", 400), Adult("B-017-2", 300), Adult("B-017-3", 300, age: 20)]),
            Edge("B-018", "紫阳县", [Member("B-018-1", 81, "none", 0, 200, false), Member("B-018-2", 77, "none", 0, 150, false)]), // n = 0
            Edge("B-019", "邵阳县", [Member("B-019-1", 78, "none", 0, 200, false), Adult("B-019-2", 500)]),
            Edge("B-020", "芦山县", [Adult("B-020-1", 300)], vehicle: true, property: true),
            // 临时救助: exactly 30 % of annual income / one fen more; cap exactly / exceeded.
            Edge("B-021", "邵阳县", [Adult("B-021-1", 1000)], major: 3600, reason: "medical"),
            Edge("B-022", "邵阳县", [Adult("B-022-1", 1000)], major: 3600.01m, reason: "accident"),
            Edge("B-023", "邵阳县", [Adult("B-023-1", 1000)], major: 9360, reason: "disaster"),
            Edge("B-024", "邵阳县", [Adult("B-024-1", 1000)], major: 9360.01m, reason: "disaster"),
            Edge("B-025", "古浪县", [Adult("B-025-1", 1000)], major: 20000, reason: "education"),
            // 监测: per-capita annual income exactly 7 100 / below; major expense exactly 50 % / above.
            Edge("B-026", "紫阳县", [Adult("B-026-1", 1000), Adult("B-026-2", 775, age: 38), Member("B-026-3", 12, "none", 0, 0, true)]),
            Edge("B-027", "紫阳县", [Adult("B-027-1", 999.99m), Adult("B-027-2", 775, age: 38), Member("B-027-3", 12, "none", 0, 0, true)]),
            Edge("B-028", "芦山县", [Adult("B-028-1", 1000)], major: 6000, reason: "medical"),
            Edge("B-029", "芦山县", [Adult("B-029-1", 1000)], major: 6000.01m, reason: "none"),
            // 交通补贴: ages 16 / 15 / 59 / 60, 3 / 2 months away, local, not relocated.
            Edge("B-030", "大宁县", [Adult("B-030-1", 3000, age: 16, away: 3, location: "in_province")]),
            Edge("B-031", "大宁县", [Adult("B-031-1", 3000, age: 15, away: 6, location: "in_province")]),
            Edge("B-032", "大宁县", [Adult("B-032-1", 3000, age: 59, away: 12, location: "out_of_province")]),
            Edge("B-033", "大宁县", [Adult("B-033-1", 3000, age: 60, away: 12, location: "out_of_province")]),
            Edge("B-034", "紫阳县", [Adult("B-034-1", 3000, away: 2, location: "out_of_province")]),
            Edge("B-035", "紫阳县", [Adult("B-035-1", 3000, away: 12, location: "local")]),
            Edge("B-036", "紫阳县", [Adult("B-036-1", 3000, away: 6, location: "out_of_province")], relocated: false),
        };
        // 医疗救助: band edges 3 000 and 20 000, just under and over the cap, no target, no costs.
        decimal[] costs = { 3000, 3001, 20000, 20001, 69933.33m, 69933.34m, 100000, 0.01m };
        for (int i = 0; i < costs.Length; i++)
        {
            string id = $"B-{37 + i:D3}";
            e.Add(Edge(id, "邵阳县", [Adult($"{id}-1", 500)], medical: costs[i]));
        }
        e.Add(Edge("B-045", "邵阳县", [Adult("B-045-1", 3000)], medical: 10000));
        e.Add(Edge("B-046", "邵阳县", [Adult("B-046-1", 300)], medical: 0));
        // documents: none at all (an empty list is allowed).
        e.Add(Edge("B-047", "大宁县", [Adult("B-047-1", 300, away: 6, location: "out_of_province"), Member("B-047-2", 80, "none", 0, 100, false)],
            major: 8000, medical: 5000, reason: "medical", documents: []));
        return e;
    }

    // ── drawn households ───────────────────────────────────────────────────────────────────────────────────────

    /// <summary>A random amount in yuan from lo to hi: whole yuan (also when <paramref name="whole"/>) or with fen.</summary>
    private static decimal Money(PythonRandom rng, int lo, int hi, bool whole = false) =>
        whole || rng.Random() < 0.6 ? rng.Int(lo, hi) : Exact(rng.Int(lo * 100, hi * 100), 2);

    private static readonly string[] Kinds = { "family", "couple", "single_elder", "elder_couple", "single_parent" };
    private static readonly int[] KindWeights = { 55, 12, 13, 10, 10 };
    private static readonly string[] Capacities = { "full", "half", "none" }, AwayLocations = { "in_province", "out_of_province", "out_of_province", "local" };
    private static readonly string[] ElderCapacities = { "none", "none", "half" }, PartnerCapacities = { "none", "half" };
    private static readonly int[] ElderDisability = { 0, 0, 0, 1, 2, 3, 4 }, PartnerDisability = { 0, 0, 2, 3 }, AnyDisability = { 0, 1, 2, 3, 4 },
        NoneDisability = { 0, 2, 3 }, ChildDisability = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3 }, ParentDisability = { 0, 0, 3 }, Children = { 1, 1, 2, 2, 3 };
    private static readonly string[] Reasons = { "none", "medical", "accident", "disaster", "education" };
    private static readonly int[] ReasonWeights = { 50, 25, 8, 7, 10 };

    private static JsonObject RandomHousehold(PythonRandom rng, int countyIndex, int number)
    {
        var (county, prefix, communities) = Counties[countyIndex];
        string id = $"{prefix}-{number:D4}";
        string surname = rng.Choice(Surnames);
        var members = new List<JsonObject>();
        int std = county switch { "大宁县" => 530, "古浪县" => 495, _ => 480 }; // as of 2023-08-15

        string Add(int age, bool female, string capacity, int disability, decimal income, bool supporter, int away = 0, string location = "local", bool sameSurname = true)
        {
            string family = sameSurname ? surname : rng.Choice(Surnames);
            string name = family + rng.Choice(female ? GivenFemale : GivenMale);
            members.Add(Member($"{id}-{members.Count + 1}", age, capacity, disability, income, supporter, away, location, name));
            return name;
        }

        (int Away, string Location) Work(int age, string capacity)
        {
            if (age is >= 16 and <= 59 && capacity != "none" && rng.Random() < 0.45)
            {
                int months = rng.Int(1, 12);
                return (months, rng.Choice(AwayLocations));
            }
            return (0, "local");
        }

        string kind = Kinds[rng.ChoiceIndex(KindWeights)];
        bool poor = rng.Random() < 0.45; // low incomes, to reach the 低保 and monitoring lines

        decimal IncomeFor(string capacity, int away)
        {
            if (capacity == "none") return rng.Random() < 0.6 ? Money(rng, 0, 300) : 0;
            if (poor) return Money(rng, 0, std + 100);
            if (capacity == "half") return Money(rng, 0, 1500);
            return Money(rng, away > 0 ? 800 : 0, 6000);
        }

        string head;
        if (kind is "single_elder" or "elder_couple")
        {
            int age = rng.Int(60, 92);
            bool female = rng.Random() < 0.5;
            int disability = rng.Choice(ElderDisability);
            bool supporter = rng.Random() < 0.35;
            string capacity = rng.Choice(ElderCapacities);
            head = Add(age, female, capacity, disability, IncomeFor("none", 0), supporter);
            if (kind == "elder_couple")
            {
                int age2 = Math.Max(60, Math.Min(95, age + rng.Int(-5, 5)));
                string capacity2 = rng.Choice(PartnerCapacities);
                int disability2 = rng.Choice(PartnerDisability);
                Add(age2, !female, capacity2, disability2, IncomeFor("none", 0), supporter, sameSurname: false);
            }
        }
        else
        {
            int age = rng.Int(24, 62);
            bool female = kind == "single_parent" && rng.Random() < 0.7;
            string capacity = Capacities[rng.ChoiceIndex([75, 18, 7])];
            int disability = capacity == "full" && rng.Random() < 0.9 ? 0 : rng.Choice(AnyDisability);
            var (away, location) = Work(age, capacity);
            head = Add(age, female, capacity, disability, IncomeFor(capacity, away), false, away, location);
            if (kind is "family" or "couple")
            {
                int age2 = Math.Max(20, Math.Min(70, age + rng.Int(-6, 4)));
                string capacity2 = Capacities[rng.ChoiceIndex([60, 30, 10])];
                var (away2, location2) = Work(age2, capacity2);
                int disability2 = capacity2 != "none" ? 0 : rng.Choice(NoneDisability);
                Add(age2, !female, capacity2, disability2, IncomeFor(capacity2, away2), false, away2, location2, sameSurname: false);
            }
            if (kind is "family" or "single_parent")
            {
                for (int i = rng.Choice(Children); i > 0; i--)
                {
                    int childAge = Math.Max(0, Math.Min(age - 18, rng.Int(0, 30)));
                    if (childAge >= 16)
                    {
                        string childCapacity = Capacities[rng.ChoiceIndex([85, 15])];
                        var (childAway, childLocation) = Work(childAge, childCapacity);
                        bool childFemale = rng.Random() < 0.5;
                        Add(childAge, childFemale, childCapacity, 0, IncomeFor(childCapacity, childAway), false, childAway, childLocation);
                    }
                    else
                    {
                        bool childFemale = rng.Random() < 0.5;
                        int childDisability = rng.Choice(ChildDisability);
                        Add(childAge, childFemale, "none", childDisability, 0, rng.Random() < 0.9);
                    }
                }
                if (rng.Random() < 0.3) // a parent of the head lives with them
                {
                    int parentAge = rng.Int(62, 90);
                    bool parentFemale = rng.Random() < 0.6;
                    int parentDisability = rng.Choice(ParentDisability);
                    decimal parentIncome = IncomeFor("none", 0);
                    Add(parentAge, parentFemale, "none", parentDisability, parentIncome, rng.Random() < 0.7);
                }
            }
        }

        string reason = Reasons[rng.ChoiceIndex(ReasonWeights)];
        decimal major = reason == "none" && rng.Random() < 0.8 ? 0 : Money(rng, 500, 60000);
        decimal medical = 0;
        if (rng.Random() >= 0.5)
        {
            int top = rng.Random() < 0.1 ? 120000 : 25000;
            medical = Money(rng, 50, top);
        }
        var documents = Documents.Where(_ => rng.Random() < 0.7).ToList();
        decimal assets = rng.Random() < 0.3 ? 0 : Money(rng, 100, poor ? 30000 : 90000);
        bool relocated = rng.Random() < 0.8;
        bool vehicle = rng.Random() < (poor ? 0.05 : 0.2);
        bool property = rng.Random() < 0.04;
        string community = rng.Choice(communities);
        return Household(id, county, community, head, members, relocated, assets, vehicle, property, major, medical, reason, documents);
    }
}
