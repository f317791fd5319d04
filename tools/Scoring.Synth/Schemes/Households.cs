namespace Scoring.Synth;

/// <summary>
/// civilized-household.md: one household per line with <c>"members"</c>. 300 households a community (幸福社区 and
/// 阳光社区, with their own dividend pools, come first); hygiene around 80, volunteer hours around 20, this year's income
/// around last year's, a few violations, disputes, ceremonies, gambling and defaults, members aged around 6/15/16/59/60,
/// so that every star, both titles, the red and black lists and the selections all occur.
/// </summary>
internal sealed class HouseholdsScheme : Scheme
{
    private static readonly Token HouseholdId = new("household_id"), Community = new("community"), HygieneScore = new("hygiene_score"),
        PublicSpaceViolations = new("public_space_violations"), NeighbourDisputes = new("neighbour_disputes_escalated"),
        ExtravagantCeremony = new("extravagant_ceremony"), GamblingReported = new("gambling_reported"), DebtDefault = new("debt_default"),
        VolunteerHours = new("volunteer_hours"), PerCapitaIncome = new("per_capita_income"), IncomeLastYear = new("income_last_year"),
        Members = new("members"),
        MemberId = new("member_id"), Age = new("age"), Relation = new("relation"), CriminalRecord = new("criminal_record_this_year"),
        SchoolEnrolled = new("school_enrolled"), Employed = new("employed"), ElderComplaint = new("elder_complaint");

    private static readonly Token[] Fields =
    {
        HouseholdId, Community, HygieneScore, PublicSpaceViolations, NeighbourDisputes, ExtravagantCeremony, GamblingReported,
        DebtDefault, VolunteerHours, PerCapitaIncome, IncomeLastYear, Members,
    };

    public override string Name => "households";
    public override bool Nested => true;
    public override string Shape => "a household with \"members\"";
    public override Token[] Columns => Fields;

    /// <summary>Households 0–299 are in the first community (幸福社区), 300–599 in the second (阳光社区), …</summary>
    public const int HouseholdsPerCommunity = 300;

    public override Sample Sample { get; } = new HouseholdsSample();

    public override Generator Create(long n, ulong seed) => new Gen(seed, Ids.Width(n));

    private sealed class Gen(ulong seed, int width) : Generator
    {
        private readonly Family.Person[] _people = new Family.Person[Family.MaxSize];
        private readonly TokenCache _communities = new(Places.Community);

        public override void Write(RecordWriter w, long index)
        {
            var r = Rng.For(seed, 5, (ulong)index);
            long number = index + 1;
            w.Id(HouseholdId, "H-", number, width);
            w.String(Community, _communities.Get(index / HouseholdsPerCommunity));

            w.Int(HygieneScore, r.Below(100) switch
            {
                < 25 => r.Range(77, 83),
                < 75 => r.Range(84, 98),
                < 80 => r.Range(99, 100),
                < 95 => r.Range(60, 76),
                _ => r.Range(30, 59),
            });
            w.Int(PublicSpaceViolations, r.Below(100) switch { < 75 => 0, < 87 => 1, < 93 => 2, < 98 => 3, _ => r.Range(4, 8) });
            w.Int(NeighbourDisputes, r.Below(100) switch { < 88 => 0, < 97 => 1, _ => r.Range(2, 3) });
            w.Bool(ExtravagantCeremony, r.Chance(30));
            w.Bool(GamblingReported, r.Chance(20));
            w.Bool(DebtDefault, r.Chance(30));
            w.Decimal(VolunteerHours, r.Below(100) switch
            {
                < 15 => 0,
                < 20 => 200,
                < 45 => r.Range(36, 44) * 5L,   // 18 to 22 hours
                _ => r.Range(1, 120) * 5L,      // 0.5 to 60 hours
            }, 1);

            // per-capita income this year and last, in fen; about one household in three earns less than last year
            long income = r.Range(2_500_00L, 25_000_00L);
            long last = r.Below(100) switch
            {
                < 5 => income,
                < 35 => income * r.Range(1001, 1150) / 1000,
                _ => income * r.Range(850, 999) / 1000,
            };
            if (r.Chance(600)) (income, last) = (income - income % 100, last - last % 100); // whole yuan
            w.Money(PerCapitaIncome, income);
            w.Money(IncomeLastYear, last);

            int size = Family.Compose(ref r, _people);
            int employRate = r.Range(400, 900);
            w.BeginArray(Members);
            for (int i = 0; i < size; i++)
            {
                var p = _people[i];
                w.BeginItem();
                w.Id(MemberId, "H-", number, width, i + 1, 2);
                w.Int(Age, p.Age);
                w.String(Relation, Family.Relations[p.Relation]);
                w.Bool(CriminalRecord, p.Age >= 16 && r.Chance(6));
                if (p.Age is >= 6 and <= 15)
                {
                    int x = r.Below(1000);
                    if (x < 15) w.Null(SchoolEnrolled); // empty: counts as not enrolled
                    else w.Bool(SchoolEnrolled, x >= 40);
                }
                else
                {
                    w.Null(SchoolEnrolled);
                }
                w.Bool(Employed, p.Age switch
                {
                    < 16 => false,
                    <= 59 => r.Below(1000) < employRate,
                    <= 70 => r.Chance(100),
                    _ => false,
                });
                w.Bool(ElderComplaint, p.Age >= 60 && r.Chance(30));
                w.EndItem();
            }
            w.EndArray();
        }
    }
}
