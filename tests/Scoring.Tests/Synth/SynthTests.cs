using System.Globalization;
using System.Text;
using System.Text.Json;
using Scoring.Rules;
using Scoring.Synth;

namespace Scoring.Tests.Synth;

/// <summary>The generator (tools/Scoring.Synth): deterministic, valid, varied synthetic populations of the reference schemes.</summary>
public class SynthTests
{
    private static readonly string[] AllSchemes = { "settlements", "cadre-months", "cadre-years", "party-members", "households", "aid-households" };
    private static readonly string[] FlatSchemes = { "settlements", "cadre-months" };

    // ── the fields of the policy tables (shared/policies/*.md), in the tables' order ───────────────────────────

    private static readonly string[] SettlementFields =
        { "settlement_id", "name", "county", "residents", "households", "full_party_members", "garden_area_m2" };

    private static readonly string[] CadreMonthFields =
    {
        "cadre_id", "team", "month", "days_on_post", "required_days", "leave_approved", "skills_test_score", "tasks_assigned",
        "tasks_completed", "households_assigned", "households_visited", "hardships_reported", "hardships_resolved",
        "households_income_up", "satisfaction_score", "policy_sessions", "jobs_or_industry_linked", "log_complete", "discipline_violation",
    };

    private static readonly string[] CadreYearFields = { "cadre_id", "team", "year", "months" };
    private static readonly string[] MemberFields = { "member_id", "branch", "birth_date", "flowing", "last_sanction_date", "entries", "evaluations" };
    private static readonly string[] EntryFields = { "entry_id", "member_id", "date", "category", "quantity", "approved", "remote" };
    private static readonly string[] EvaluationFields = { "month", "rating" };

    private static readonly string[] HouseholdFields =
    {
        "household_id", "community", "hygiene_score", "public_space_violations", "neighbour_disputes_escalated", "extravagant_ceremony",
        "gambling_reported", "debt_default", "volunteer_hours", "per_capita_income", "income_last_year", "members",
    };

    private static readonly string[] HouseholdMemberFields =
        { "member_id", "age", "relation", "criminal_record_this_year", "school_enrolled", "employed", "elder_complaint" };

    private static readonly string[] AidFields =
    {
        "household_id", "county", "relocated", "financial_assets", "owns_vehicle", "owns_commercial_property", "major_expense_3m",
        "medical_out_of_pocket", "expense_reason", "documents", "members",
    };

    private static readonly string[] AidMemberFields =
        { "member_id", "age", "labor_capacity", "disability_grade", "monthly_income", "has_able_supporter", "months_worked_away", "work_location" };

    // ── helpers ───────────────────────────────────────────────────────────────────────────────────────────────

    private static byte[] Synthesize(string scheme, long n, ulong seed, bool csv = false)
    {
        using var ms = new MemoryStream();
        Schemes.Get(scheme).Write(n, seed, ms, csv);
        return ms.ToArray();
    }

    private static List<JsonElement> Records(string scheme, long n, ulong seed = 42)
    {
        var text = Encoding.UTF8.GetString(Synthesize(scheme, n, seed));
        Assert.True(n == 0 ? text.Length == 0 : text.EndsWith('\n'), "JSON Lines end with a line break");
        var list = new List<JsonElement>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
            list.Add(doc.RootElement.Clone());
        }
        return list;
    }

    private static string[] Names(JsonElement obj) => obj.EnumerateObject().Select(p => p.Name).ToArray();

    private static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, relative);
            if (File.Exists(path) && File.Exists(Path.Combine(dir.FullName, "Scoring.sln"))) return path;
        }
        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    private static ScoringRun Run(string rules, out CompiledRuleSet compiled)
    {
        var file = RuleFileLoader.Load(RepoFile(rules));
        Assert.True(file.Succeeded, string.Join(Environment.NewLine, file.Diagnostics));
        compiled = CompiledRuleSet.Compile(file.RuleSet!);
        return compiled.CreateRun(new RunOptions()).GetValueOrThrow();
    }

    private static List<Evaluation> Score(string rules, IEnumerable<JsonElement> records, out CompiledRuleSet compiled)
    {
        var run = Run(rules, out compiled);
        var results = new List<Evaluation>();
        long number = 0;
        foreach (var r in records)
        {
            var e = run.Evaluate(r, recordNumber: ++number);
            Assert.True(e.Succeeded, $"record {number} ({e.Key}) rejected: {e.Error}");
            results.Add(e);
        }
        return results;
    }

    // ── determinism ───────────────────────────────────────────────────────────────────────────────────────────

    [Theory]
    [InlineData("settlements")]
    [InlineData("cadre-months")]
    [InlineData("cadre-years")]
    [InlineData("party-members")]
    [InlineData("households")]
    [InlineData("aid-households")]
    public void Same_seed_gives_the_same_bytes_and_another_seed_other_bytes(string scheme)
    {
        var a = Synthesize(scheme, 300, 42);
        var b = Synthesize(scheme, 300, 42);
        var c = Synthesize(scheme, 300, 43);
        Assert.NotEmpty(a);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Same_seed_gives_the_same_bytes_in_csv()
    {
        foreach (var scheme in FlatSchemes)
        {
            Assert.Equal(Synthesize(scheme, 500, 7, csv: true), Synthesize(scheme, 500, 7, csv: true));
            Assert.NotEqual(Synthesize(scheme, 500, 7, csv: true), Synthesize(scheme, 500, 8, csv: true));
        }
    }

    [Theory]
    [InlineData("settlements", "5fa9fa9a377c2e5efc49fa668d7e3fcbe85070ac1de1e2c8e8f82039cc835b57")]
    [InlineData("cadre-months", "253d752025e13873d9bbaa01dc4fb9efc95fb5e83df8c12e204bc77ebd9bb1f4")]
    [InlineData("cadre-years", "2bb0ce0fec9cc917bbd3d13ceed4f9c8228a3224dec791298239f48bc3a1c64f")]
    [InlineData("party-members", "1dc56141c2996b077dd92cf571d840573e1209c706f9006da9311a30e59ac99a")]
    [InlineData("households", "9067d11e9501dccd323da0d7a4dc6e0f892ae50bd8a12fb94e8cfb64a32cb7ad")]
    [InlineData("aid-households", "c87f86544168f2e4ee8f4a2398fd5ab9c7fc4324417a0fa2d25f96b47496add4")]
    public void Output_is_pinned_for_a_known_seed(string scheme, string sha256)
    {
        // The generator is part of the contract: a seed gives the same population on every machine and in every
        // later version. Change these only on purpose (a deliberate change to the generator), and say so.
        Assert.Equal(sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Synthesize(scheme, 200, 1))));
    }

    [Fact]
    public void First_settlement_of_seed_1()
    {
        Assert.Equal("S-0000001,凤凰新村,紫阳县,423,105,10,1793.4", Encoding.UTF8.GetString(Synthesize("settlements", 3, 1, csv: true)).Split('\n')[1]);
    }

    [Fact]
    public void A_record_depends_only_on_the_seed_and_its_index()
    {
        // a smaller population is a prefix of a larger one (while the ids keep their width)
        foreach (var scheme in AllSchemes)
        {
            var small = Synthesize(scheme, 50, 9);
            var large = Synthesize(scheme, 120, 9);
            Assert.True(large.AsSpan().StartsWith(small), scheme);
        }
    }

    // ── counts, shapes, field names ──────────────────────────────────────────────────────────────────────────

    [Theory]
    [InlineData("settlements", 0)]
    [InlineData("settlements", 1)]
    [InlineData("cadre-months", 25)]
    [InlineData("cadre-years", 17)]
    [InlineData("party-members", 33)]
    [InlineData("households", 1000)]
    [InlineData("aid-households", 999)]
    public void Writes_exactly_n_json_lines(string scheme, int n)
    {
        Assert.Equal(n, Records(scheme, n).Count);
    }

    [Theory]
    [InlineData("settlements")]
    [InlineData("cadre-months")]
    public void Writes_a_header_and_n_csv_rows(string scheme)
    {
        foreach (var n in new[] { 0, 1, 2500 })
        {
            var lines = Encoding.UTF8.GetString(Synthesize(scheme, n, 5, csv: true)).Split('\n');
            Assert.Equal(n + 2, lines.Length); // header, n rows, and the empty string after the last line break
            Assert.Equal("", lines[^1]);
            var header = lines[0].Split(',');
            Assert.Equal(scheme == "settlements" ? SettlementFields : CadreMonthFields, header);
            foreach (var row in lines.Skip(1).SkipLast(1)) Assert.Equal(header.Length, row.Split(',').Length);
        }
    }

    [Fact]
    public void Csv_and_json_lines_hold_the_same_values()
    {
        foreach (var scheme in FlatSchemes)
        {
            var lines = Encoding.UTF8.GetString(Synthesize(scheme, 3000, 11, csv: true)).Split('\n');
            var header = lines[0].Split(',');
            var json = Records(scheme, 3000, 11);
            for (int i = 0; i < json.Count; i++)
            {
                var cells = lines[i + 1].Split(',');
                for (int f = 0; f < header.Length; f++)
                {
                    var v = json[i].GetProperty(header[f]);
                    string text = v.ValueKind switch
                    {
                        JsonValueKind.String => v.GetString()!,
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        _ => v.GetRawText(),
                    };
                    Assert.Equal(text, cells[f]);
                }
            }
        }
    }

    [Fact]
    public void Field_names_are_the_policy_tables_and_the_rule_sets()
    {
        foreach (var r in Records("settlements", 200)) Assert.Equal(SettlementFields, Names(r));
        foreach (var r in Records("cadre-months", 200)) Assert.Equal(CadreMonthFields, Names(r));
        foreach (var r in Records("cadre-years", 100))
        {
            Assert.Equal(CadreYearFields, Names(r));
            foreach (var m in r.GetProperty("months").EnumerateArray()) Assert.Equal(CadreMonthFields, Names(m));
        }
        foreach (var r in Records("party-members", 100))
        {
            Assert.Equal(MemberFields, Names(r));
            foreach (var e in r.GetProperty("entries").EnumerateArray()) Assert.Equal(EntryFields, Names(e));
            foreach (var e in r.GetProperty("evaluations").EnumerateArray()) Assert.Equal(EvaluationFields, Names(e));
        }
        foreach (var r in Records("households", 100))
        {
            Assert.Equal(HouseholdFields, Names(r));
            foreach (var m in r.GetProperty("members").EnumerateArray()) Assert.Equal(HouseholdMemberFields, Names(m));
        }
        foreach (var r in Records("aid-households", 100))
        {
            Assert.Equal(AidFields, Names(r));
            foreach (var m in r.GetProperty("members").EnumerateArray()) Assert.Equal(AidMemberFields, Names(m));
        }

        // and the shipped rule sets declare the same fields
        Run("rules/settlement-services.yaml", out var settlements);
        Assert.Equal(SettlementFields.Order(), settlements.RuleSet.Subject.Record.Fields.Select(f => f.Name).Order());
        Run("rules/ten-star-cadre-monthly.yaml", out var months);
        Assert.Equal(CadreMonthFields.Order(), months.RuleSet.Subject.Record.Fields.Select(f => f.Name).Order());
    }

    [Fact]
    public void Ids_are_unique_and_zero_padded()
    {
        Assert.Equal("S-0000001", Records("settlements", 1)[0].GetProperty("settlement_id").GetString());
        foreach (var (scheme, key) in new[] { ("settlements", "settlement_id"), ("cadre-years", "cadre_id"), ("party-members", "member_id"),
                     ("households", "household_id"), ("aid-households", "household_id") })
        {
            var ids = Records(scheme, 2000).Select(r => r.GetProperty(key).GetString()!).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.All(ids, id => Assert.Matches(@"^[A-Z]-\d{7}$", id));
        }
        var months = Records("cadre-months", 1200).Select(r => r.GetProperty("cadre_id").GetString() + "/" + r.GetProperty("month").GetString()).ToList();
        Assert.Equal(months.Count, months.Distinct().Count());
        var entries = Records("party-members", 300).SelectMany(r => r.GetProperty("entries").EnumerateArray()).Select(e => e.GetProperty("entry_id").GetString()).ToList();
        Assert.Equal(entries.Count, entries.Distinct().Count());
    }

    // ── the shipped rule sets score every record ─────────────────────────────────────────────────────────────

    [Fact]
    public void Settlements_score_without_rejects_and_with_every_outcome()
    {
        var results = Score("rules/settlement-services.yaml", Records("settlements", 5000), out _);
        Assert.Equal(new[] { "独立党支部", "联合党支部" }, results.Select(e => e["party_organisation"].AsText).Distinct().Order());
        Assert.Equal(new[] { "一站式服务中心", "服务管理中心" }, results.Select(e => e["service_centre"].AsText).Distinct().Order());
        Assert.Equal(2, results.Select(e => e["five_connections_required"].AsBoolean).Distinct().Count());
        Assert.Equal(2, results.Select(e => e["garden_ok"].AsBoolean).Distinct().Count());
        Assert.Contains(results, e => e["garden_shortfall_m2"].AsNumber is > 0 and < 1);
    }

    [Fact]
    public void Cadre_months_score_without_rejects_with_every_star_count()
    {
        var results = Score("rules/ten-star-cadre-monthly.yaml", Records("cadre-months", 12_000), out _);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (decimal)i), results.Select(e => e["stars"].AsNumber).Distinct().Order());
        foreach (var star in new[] { "on_post", "competence", "effectiveness", "visits", "income", "satisfaction", "policy", "employment", "records", "integrity" })
            Assert.Equal(2, results.Select(e => e[star].AsBoolean).Distinct().Count());
    }

    [Fact]
    public void Cadre_years_score_without_rejects_with_every_grade()
    {
        var results = Score("rules/ten-star-cadre-year.yaml", Records("cadre-years", 2000), out _);
        Assert.Equal(new[] { "不合格", "优秀", "合格", "基本合格" }.Order(), results.Select(e => e["grade"].AsText).Distinct().Order());
        Assert.Contains(results, e => e["missing_months"].AsList.Count > 0);
        Assert.Contains(results, e => e["stars_year"].AsNumber == 120);
    }

    [Fact]
    public void Cadre_years_are_the_cadre_months_of_the_same_seed()
    {
        var months = Records("cadre-months", 120, 3);
        var years = Records("cadre-years", 10, 3);
        foreach (var y in years)
            foreach (var m in y.GetProperty("months").EnumerateArray())
            {
                var flat = months.Single(r => r.GetProperty("cadre_id").GetString() == m.GetProperty("cadre_id").GetString()
                                              && r.GetProperty("month").GetString() == m.GetProperty("month").GetString());
                Assert.Equal(flat.GetRawText(), m.GetRawText());
            }
    }

    // ── every record passes the policy's input tables ────────────────────────────────────────────────────────

    [Fact]
    public void Settlements_and_cadre_months_pass_the_policy_tables()
    {
        foreach (var r in Records("settlements", 5000)) Check(r, SettlementSpec, "settlement");
        foreach (var r in Records("cadre-months", 5000)) CheckCadreMonth(r, "month");
    }

    [Fact]
    public void Cadre_years_pass_the_policy_tables()
    {
        foreach (var r in Records("cadre-years", 1000))
        {
            Check(r, "cadre_id string, team enum first_secretary|work_team|assistance_cadre|village_cadre, year int 2000..2100, months array", "cadre-year");
            var seen = new HashSet<string>();
            foreach (var m in r.GetProperty("months").EnumerateArray())
            {
                CheckCadreMonth(m, "cadre-year month");
                Assert.Equal(r.GetProperty("cadre_id").GetString(), m.GetProperty("cadre_id").GetString());
                Assert.Equal(r.GetProperty("team").GetString(), m.GetProperty("team").GetString());
                var month = m.GetProperty("month").GetString()!;
                Assert.StartsWith(r.GetProperty("year").GetInt32().ToString(CultureInfo.InvariantCulture) + "-", month);
                Assert.True(seen.Add(month), $"month {month} twice");
            }
        }
    }

    [Fact]
    public void Party_members_pass_the_policy_tables_and_cover_the_thresholds()
    {
        var records = Records("party-members", 3000);
        var categories = new HashSet<string>();
        var ratings = new HashSet<string>();
        int unapproved = 0, remote = 0, outsideYear = 0, sanctioned = 0, nearAge18 = 0, nearAge55 = 0;
        var asOf = new DateOnly(2024, 1, 1);
        foreach (var r in records)
        {
            Check(r, "member_id string, branch string, birth_date date, flowing bool, last_sanction_date date?, entries array, evaluations array", "member");
            Assert.EndsWith("党支部", r.GetProperty("branch").GetString());
            var months = new HashSet<string>();
            foreach (var e in r.GetProperty("entries").EnumerateArray())
            {
                Check(e, "entry_id string, member_id string, date date, category enum meeting|study|volunteer|errand|mediation|contact|commendation|absence|late_dues|complaint|sanction, quantity decimal 0.., approved bool, remote bool", "entry");
                Assert.Equal(r.GetProperty("member_id").GetString(), e.GetProperty("member_id").GetString());
                categories.Add(e.GetProperty("category").GetString()!);
                if (!e.GetProperty("approved").GetBoolean()) unapproved++;
                if (e.GetProperty("remote").GetBoolean()) remote++;
                if (!e.GetProperty("date").GetString()!.StartsWith("2023-", StringComparison.Ordinal)) outsideYear++;
            }
            foreach (var e in r.GetProperty("evaluations").EnumerateArray())
            {
                Check(e, "month month, rating enum 好|较好|一般|差", "evaluation");
                Assert.True(months.Add(e.GetProperty("month").GetString()!), "one evaluation per month");
                ratings.Add(e.GetProperty("rating").GetString()!);
            }
            if (r.GetProperty("last_sanction_date").ValueKind != JsonValueKind.Null) sanctioned++;
            var birth = DateOnly.Parse(r.GetProperty("birth_date").GetString()!, CultureInfo.InvariantCulture);
            int age = Age(birth, asOf);
            if (age is 17 or 18) nearAge18++;
            if (age is 55 or 56) nearAge55++;
        }
        Assert.Equal(11, categories.Count);
        Assert.Equal(4, ratings.Count);
        Assert.True(unapproved > 0 && remote > 0 && outsideYear > 0 && sanctioned > 0);
        Assert.True(nearAge18 > 10 && nearAge55 > 10, $"ages near 18: {nearAge18}, near 55: {nearAge55}");
    }

    [Fact]
    public void Households_pass_the_policy_tables_and_cover_the_thresholds()
    {
        var records = Records("households", 5000);
        var ages = new HashSet<int>();
        var relations = new HashSet<string>();
        var hygiene = new HashSet<int>();
        var communities = new HashSet<string>();
        int emptyEnrolment = 0, notEnrolled = 0, incomeDown = 0, incomeUp = 0, volunteer20 = 0, violations3 = 0, complaints = 0;
        foreach (var r in records)
        {
            Check(r, "household_id string, community string, hygiene_score int 0..100, public_space_violations int 0.., neighbour_disputes_escalated int 0.., extravagant_ceremony bool, gambling_reported bool, debt_default bool, volunteer_hours decimal 0.., per_capita_income decimal 0.., income_last_year decimal 0.., members array", "household");
            communities.Add(r.GetProperty("community").GetString()!);
            hygiene.Add(r.GetProperty("hygiene_score").GetInt32());
            if (r.GetProperty("per_capita_income").GetDecimal() < r.GetProperty("income_last_year").GetDecimal()) incomeDown++;
            else incomeUp++;
            if (r.GetProperty("volunteer_hours").GetDecimal() == 20) volunteer20++;
            if (r.GetProperty("public_space_violations").GetInt32() == 3) violations3++;
            var members = r.GetProperty("members");
            Assert.InRange(members.GetArrayLength(), 1, 8);
            Assert.Single(members.EnumerateArray(), m => m.GetProperty("relation").GetString() == "head");
            foreach (var m in members.EnumerateArray())
            {
                Check(m, "member_id string, age int 0..120, relation enum head|spouse|child|parent|grandchild|other, criminal_record_this_year bool, school_enrolled bool?, employed bool, elder_complaint bool", "member");
                int age = m.GetProperty("age").GetInt32();
                ages.Add(age);
                relations.Add(m.GetProperty("relation").GetString()!);
                var enrolled = m.GetProperty("school_enrolled");
                if (age is >= 6 and <= 15 && enrolled.ValueKind == JsonValueKind.Null) emptyEnrolment++;
                if (enrolled.ValueKind == JsonValueKind.False) notEnrolled++;
                if (m.GetProperty("elder_complaint").GetBoolean()) { complaints++; Assert.True(age >= 60); }
            }
        }
        Assert.Superset(new HashSet<int> { 5, 6, 15, 16, 59, 60 }, ages);
        Assert.Equal(6, relations.Count);
        Assert.Superset(new HashSet<int> { 79, 80 }, hygiene);
        Assert.Superset(new HashSet<string> { "幸福社区", "阳光社区" }, communities);
        Assert.True(emptyEnrolment > 0 && notEnrolled > 0 && incomeDown > 0 && incomeUp > 0 && volunteer20 > 0 && violations3 > 0 && complaints > 0);
    }

    [Fact]
    public void Aid_households_pass_the_policy_tables_and_cover_the_thresholds()
    {
        var records = Records("aid-households", 5000);
        var counties = new HashSet<string>();
        var reasons = new HashSet<string>();
        var ages = new HashSet<int>();
        var away = new HashSet<int>();
        var grades = new HashSet<int>();
        int nearStandard = 0, noDocuments = 0, allDocuments = 0, soloElderlyWithoutSupport = 0, overCapCosts = 0;
        foreach (var r in records)
        {
            Check(r, "household_id string, county string, relocated bool, financial_assets decimal 0.., owns_vehicle bool, owns_commercial_property bool, major_expense_3m decimal 0.., medical_out_of_pocket decimal 0.., expense_reason enum medical|accident|disaster|education|none, documents list id_card_copy|hukou_copy|application_form|application_reason|income_proof|employment_proof|medical_bills, members array", "aid household");
            counties.Add(r.GetProperty("county").GetString()!);
            reasons.Add(r.GetProperty("expense_reason").GetString()!);
            int docs = r.GetProperty("documents").GetArrayLength();
            if (docs == 0) noDocuments++;
            if (docs == 7) allDocuments++;
            if (r.GetProperty("medical_out_of_pocket").GetDecimal() > 70_000) overCapCosts++;
            var members = r.GetProperty("members");
            Assert.InRange(members.GetArrayLength(), 1, 8);
            decimal income = 0;
            foreach (var m in members.EnumerateArray())
            {
                Check(m, "member_id string, age int 0..120, labor_capacity enum full|half|none, disability_grade int 0..4, monthly_income decimal 0.., has_able_supporter bool, months_worked_away int 0..12, work_location enum local|in_province|out_of_province", "aid member");
                ages.Add(m.GetProperty("age").GetInt32());
                away.Add(m.GetProperty("months_worked_away").GetInt32());
                grades.Add(m.GetProperty("disability_grade").GetInt32());
                income += m.GetProperty("monthly_income").GetDecimal();
            }
            decimal perCapita = income / members.GetArrayLength();
            if (perCapita is >= 450 and < 530) nearStandard++;
            if (members.GetArrayLength() == 1 && members[0].GetProperty("age").GetInt32() >= 60 && !members[0].GetProperty("has_able_supporter").GetBoolean())
                soloElderlyWithoutSupport++;
        }
        Assert.Superset(new HashSet<string> { "大宁县", "古浪县", "邵阳县", "紫阳县", "芦山县" }, counties);
        Assert.True(counties.Count > 5, "some counties outside the parameter table");
        Assert.Equal(5, reasons.Count);
        Assert.Superset(new HashSet<int> { 15, 16, 59, 60 }, ages);
        Assert.Superset(new HashSet<int> { 0, 2, 3, 12 }, away);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, grades.Order());
        Assert.True(nearStandard > 100, $"per-capita incomes near the 低保 standards: {nearStandard}");
        Assert.True(noDocuments > 0 && allDocuments > 0 && soloElderlyWithoutSupport > 0 && overCapCosts > 0);
    }

    private const string SettlementSpec =
        "settlement_id string, name string, county string, residents int 0.., households int 0.., full_party_members int 0.., garden_area_m2 decimal 0..";

    private const string CadreMonthSpec =
        "cadre_id string, team enum first_secretary|work_team|assistance_cadre|village_cadre, month month, days_on_post int 0..31, " +
        "required_days int 0..31, leave_approved bool, skills_test_score int 0..100, tasks_assigned int 0.., tasks_completed int 0.., " +
        "households_assigned int 0.., households_visited int 0.., hardships_reported int 0.., hardships_resolved int 0.., " +
        "households_income_up int 0.., satisfaction_score decimal 0..100, policy_sessions int 0.., jobs_or_industry_linked int 0.., " +
        "log_complete bool, discipline_violation bool";

    private static void CheckCadreMonth(JsonElement r, string what)
    {
        Check(r, CadreMonthSpec, what);
        int I(string f) => r.GetProperty(f).GetInt32();
        Assert.True(I("tasks_completed") <= I("tasks_assigned"), "completed ≤ assigned");
        Assert.True(I("households_visited") <= I("households_assigned"), "visited ≤ assigned");
        Assert.True(I("hardships_resolved") <= I("hardships_reported"), "resolved ≤ reported");
        Assert.True(I("households_income_up") <= I("households_assigned"), "income_up ≤ assigned");
        var month = r.GetProperty("month").GetString()!;
        Assert.True(I("days_on_post") <= DateTime.DaysInMonth(int.Parse(month[..4], CultureInfo.InvariantCulture), int.Parse(month[5..], CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Checks one JSON object against a field list written like the policy tables: "name type" pairs, types
    /// <c>string</c>, <c>int lo..hi</c>, <c>decimal lo..hi</c> (at most two decimals), <c>bool</c>, <c>date</c>,
    /// <c>month</c>, <c>enum a|b</c>, <c>list a|b</c> (a JSON array of those, no repeats), <c>array</c>; a trailing
    /// <c>?</c> allows null. The object must have exactly these fields.
    /// </summary>
    private static void Check(JsonElement obj, string spec, string what)
    {
        var fields = spec.Split(", ");
        Assert.Equal(fields.Select(f => f.Split(' ')[0]), Names(obj));
        foreach (var field in fields)
        {
            var parts = field.Split(' ');
            string name = parts[0], type = parts[1];
            var v = obj.GetProperty(name);
            string where = $"{what} {name} = {v.GetRawText()}";
            bool optional = type.EndsWith('?');
            if (optional) type = type[..^1];
            if (v.ValueKind == JsonValueKind.Null)
            {
                Assert.True(optional, $"{where}: required");
                continue;
            }
            switch (type)
            {
                case "string":
                    Assert.True(v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0, where);
                    break;
                case "bool":
                    Assert.True(v.ValueKind is JsonValueKind.True or JsonValueKind.False, where);
                    break;
                case "date":
                    Assert.True(DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), where);
                    break;
                case "month":
                    Assert.Matches(@"^\d{4}-(0[1-9]|1[0-2])$", v.GetString());
                    break;
                case "int":
                case "decimal":
                {
                    Assert.True(v.ValueKind == JsonValueKind.Number, where);
                    var raw = v.GetRawText();
                    Assert.Matches(type == "int" ? @"^\d+$" : @"^\d+(\.\d{1,2})?$", raw);
                    var d = v.GetDecimal();
                    var range = parts[2].Split("..");
                    Assert.True(d >= decimal.Parse(range[0], CultureInfo.InvariantCulture), $"{where}: below {range[0]}");
                    if (range[1].Length > 0) Assert.True(d <= decimal.Parse(range[1], CultureInfo.InvariantCulture), $"{where}: above {range[1]}");
                    break;
                }
                case "enum":
                    Assert.Contains(v.GetString(), parts[2].Split('|'));
                    break;
                case "list":
                {
                    Assert.Equal(JsonValueKind.Array, v.ValueKind);
                    var items = v.EnumerateArray().Select(i => i.GetString()).ToList();
                    Assert.All(items, i => Assert.Contains(i, parts[2].Split('|')));
                    Assert.Equal(items.Count, items.Distinct().Count());
                    break;
                }
                case "array":
                    Assert.Equal(JsonValueKind.Array, v.ValueKind);
                    break;
                default:
                    throw new ArgumentException($"unknown type '{type}' in the spec", nameof(spec));
            }
        }
    }

    private static int Age(DateOnly birth, DateOnly on)
    {
        int age = on.Year - birth.Year;
        if (on < birth.AddYears(age)) age--;
        return age;
    }

    // ── the command ──────────────────────────────────────────────────────────────────────────────────────────

    private static (int Code, string Err) RunSynth(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = SynthCommand.Run(args, stdout, stderr);
        return (code, stderr.ToString());
    }

    [Fact]
    public void Writes_the_file_and_leaves_no_partial_file()
    {
        var dir = Directory.CreateTempSubdirectory("synth-");
        try
        {
            var csv = Path.Combine(dir.FullName, "s.csv");
            var (code, err) = RunSynth("--scheme", "settlements", "--n", "1000", "--seed", "5", "--out", csv);
            Assert.Equal(0, code);
            Assert.Contains("1000", err);
            Assert.Equal(Synthesize("settlements", 1000, 5, csv: true), File.ReadAllBytes(csv));
            var jsonl = Path.Combine(dir.FullName, "h.jsonl");
            Assert.Equal(0, RunSynth("--scheme", "households", "--n", "10", "--seed", "5", "--out", jsonl).Code);
            Assert.Equal(Synthesize("households", 10, 5), File.ReadAllBytes(jsonl));
            Assert.Empty(Directory.GetFiles(dir.FullName, "*.partial"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Usage_errors_exit_2_with_a_clear_message()
    {
        var dir = Directory.CreateTempSubdirectory("synth-");
        try
        {
            string csv = Path.Combine(dir.FullName, "x.csv"), jsonl = Path.Combine(dir.FullName, "x.jsonl");

            var (code, err) = RunSynth("--scheme", "villages", "--n", "10", "--out", jsonl);
            Assert.Equal(2, code);
            Assert.Contains("unknown scheme 'villages'", err);
            foreach (var s in AllSchemes) Assert.Contains(s, err);

            (code, err) = RunSynth("--scheme", "households", "--n", "10", "--out", csv);
            Assert.Equal(2, code);
            Assert.Contains("JSON Lines", err);
            Assert.Contains(".jsonl", err);

            foreach (var n in new[] { "-1", "1000000001", "ten", "1.5", "" })
            {
                (code, err) = RunSynth("--scheme", "settlements", "--n", n, "--out", csv);
                Assert.Equal(2, code);
                Assert.Contains("--n", err);
            }
            Assert.Equal(2, RunSynth("--scheme", "settlements", "--n", "10", "--seed", "x", "--out", csv).Code);
            Assert.Equal(2, RunSynth("--scheme", "settlements", "--n", "10", "--out", Path.Combine(dir.FullName, "x.txt")).Code);
            Assert.Equal(2, RunSynth("--scheme", "settlements", "--n", "10").Code);
            Assert.Equal(2, RunSynth("--n", "10", "--out", csv).Code);
            Assert.Equal(2, RunSynth("--scheme", "settlements", "--out", csv).Code);
            Assert.Equal(2, RunSynth("--scheme", "settlements", "--n", "10", "--out", csv, "--bogus").Code);
            Assert.Equal(2, RunSynth("--scheme").Code);
            Assert.Empty(Directory.GetFiles(dir.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_generator_has_help_and_names_the_known_schemes()
    {
        // was Synth_is_a_command_of_the_tool: the same checks, on the generator that replaced `scoring synth`
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, SynthCommand.Run(new[] { "--help" }, stdout, stderr));
        Assert.Contains("--scheme <name> --n <count>", stdout.ToString());
        Assert.Equal(2, SynthCommand.Run(new[] { "--scheme", "nope", "--n", "1", "--out", "x.jsonl" }, stdout, stderr));
        Assert.Contains("known schemes", stderr.ToString());
    }

    [Fact]
    public void The_shipped_tool_does_not_carry_the_generator()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, Scoring.Cli.Cli.Execute(new[] { "--help" }, stdout, stderr));
        Assert.DoesNotContain("synth", stdout.ToString());
        Assert.Equal(2, Scoring.Cli.Cli.Execute(new[] { "synth", "--scheme", "settlements", "--n", "1", "--out", "x.csv" }, stdout, stderr));
    }
}
