namespace Scoring.Synth;

/// <summary>
/// aid-eligibility.md: one household per line with <c>"members"</c> and <c>"documents"</c> as a JSON array. Mostly 大宁县
/// and 古浪县 (their own 低保 standards) and the other reference counties; per-capita monthly incomes cluster around the
/// standards (450–530 yuan), assets around 24 × std × n, expenses and medical costs across the scale's bands and cap;
/// single elderly people with and without supporters (特困), migrant workers around 3 months away, ages around 16/59/60;
/// documents often incomplete, so that every programme is eligible, eligible with missing documents, or not.
/// </summary>
internal sealed class AidHouseholdsScheme : Scheme
{
    private static readonly Token HouseholdId = new("household_id"), County = new("county"), Relocated = new("relocated"),
        FinancialAssets = new("financial_assets"), OwnsVehicle = new("owns_vehicle"), OwnsCommercialProperty = new("owns_commercial_property"),
        MajorExpense3m = new("major_expense_3m"), MedicalOutOfPocket = new("medical_out_of_pocket"), ExpenseReason = new("expense_reason"),
        Documents = new("documents"), Members = new("members"),
        MemberId = new("member_id"), Age = new("age"), LaborCapacity = new("labor_capacity"), DisabilityGrade = new("disability_grade"),
        MonthlyIncome = new("monthly_income"), HasAbleSupporter = new("has_able_supporter"), MonthsWorkedAway = new("months_worked_away"),
        WorkLocation = new("work_location");

    private static readonly Token[] Fields =
    {
        HouseholdId, County, Relocated, FinancialAssets, OwnsVehicle, OwnsCommercialProperty, MajorExpense3m, MedicalOutOfPocket,
        ExpenseReason, Documents, Members,
    };

    private static readonly Token[] Reasons = Token.Of("medical", "accident", "disaster", "education", "none");
    private static readonly Token[] Capacities = Token.Of("full", "half", "none");
    private static readonly Token[] Locations = Token.Of("local", "in_province", "out_of_province");
    private static readonly Token[] DocumentNames = Token.Of(
        "id_card_copy", "hukou_copy", "application_form", "application_reason", "income_proof", "employment_proof", "medical_bills");

    /// <summary>Per mille: how often each document has been handed in (medical_bills: when there are medical costs).</summary>
    private static readonly int[] DocumentRates = { 930, 890, 760, 520, 560, 380, 720 };

    // 大宁县 and 古浪县 have their own standards; the others use "any other county"
    private static readonly int[] CountyWeights = { 30, 25, 11, 11, 11, 2, 2, 2, 2, 2, 1, 1 };

    private const int Full = 0, Half = 1, None = 2;

    public override string Name => "aid-households";
    public override bool Nested => true;
    public override string Shape => "a household with \"members\" and \"documents\"";
    public override Token[] Columns => Fields;

    public override Sample Sample { get; } = new AidHouseholdsSample();

    public override Generator Create(long n, ulong seed) => new Gen(seed, Ids.Width(n));

    private struct Member
    {
        public int Age, Capacity, Disability, MonthsAway, Location;
        public long Income;
        public bool Supporter;
    }

    private sealed class Gen(ulong seed, int width) : Generator
    {
        private readonly Family.Person[] _people = new Family.Person[Family.MaxSize];
        private readonly Member[] _members = new Member[Family.MaxSize];

        public override void Write(RecordWriter w, long index)
        {
            var r = Rng.For(seed, 6, (ulong)index);
            long number = index + 1;
            w.Id(HouseholdId, "H-", number, width);
            w.String(County, Places.Counties[r.Pick(CountyWeights)]);
            w.Bool(Relocated, r.Chance(850));
            long assets = r.Band(
            [
                (0, 0, 10), (1_00, 5_000_00, 20), (5_000_00, 30_000_00, 30), (30_000_00, 60_000_00, 25), (60_000_00, 300_000_00, 15),
            ]);
            if (r.Chance(600)) assets -= assets % 100; // whole yuan
            w.Money(FinancialAssets, assets);
            w.Bool(OwnsVehicle, r.Chance(120));
            w.Bool(OwnsCommercialProperty, r.Chance(40));

            long expense = r.Chance(550) ? 0 : r.Band([(500_00, 8_000_00, 20), (8_000_00, 30_000_00, 15), (30_000_00, 100_000_00, 10)]) / 100 * 100;
            long medical = r.Chance(450) ? 0 : r.Band(
            [
                (100_00, 3_000_00, 20), (3_000_00, 5_000_00, 12), (5_000_00, 20_000_00, 13), (20_000_00, 70_000_00, 8), (70_000_00, 150_000_00, 2),
            ]);
            int reason = expense > 0 ? r.Pick([45, 15, 10, 20, 10]) : r.Pick([4, 0, 0, 4, 92]);
            if (reason == 0 && expense > 0) medical = Math.Max(medical, expense * r.Range(50, 100) / 100);
            if (r.Chance(500)) medical -= medical % 100;
            w.Money(MajorExpense3m, expense);
            w.Money(MedicalOutOfPocket, medical);
            w.String(ExpenseReason, Reasons[reason]);

            w.BeginArray(Documents);
            if (!r.Chance(30))
            {
                for (int d = 0; d < DocumentNames.Length; d++)
                {
                    int rate = d == 6 && medical == 0 ? 100 : DocumentRates[d];
                    if (r.Below(1000) < rate) w.StringItem(DocumentNames[d]);
                }
            }
            w.EndArray();

            int size = Compose(ref r);
            w.BeginArray(Members);
            for (int i = 0; i < size; i++)
            {
                ref var m = ref _members[i];
                w.BeginItem();
                w.Id(MemberId, "H-", number, width, i + 1, 2);
                w.Int(Age, m.Age);
                w.String(LaborCapacity, Capacities[m.Capacity]);
                w.Int(DisabilityGrade, m.Disability);
                w.Money(MonthlyIncome, m.Income);
                w.Bool(HasAbleSupporter, m.Supporter);
                w.Int(MonthsWorkedAway, m.MonthsAway);
                w.String(WorkLocation, Locations[m.Location]);
                w.EndItem();
            }
            w.EndArray();
        }

        /// <summary>Fills <see cref="_members"/>; returns how many.</summary>
        private int Compose(ref Rng r)
        {
            int size;
            switch (r.Below(100))
            {
                case < 12: // an elderly person living alone
                    size = 1;
                    _people[0] = new Family.Person(r.Range(60, 92), Family.Head);
                    break;
                case < 20: // an elderly couple
                    size = 2;
                    _people[0] = new Family.Person(r.Range(58, 85), Family.Head);
                    _people[1] = new Family.Person(Math.Max(55, _people[0].Age + r.Range(-5, 3)), Family.Spouse);
                    break;
                case < 26: // a working-age adult living alone
                    size = 1;
                    _people[0] = new Family.Person(r.Range(18, 59), Family.Head);
                    break;
                default:
                    size = Family.Compose(ref r, _people);
                    break;
            }

            bool hasEarner = false, anyWorking = false;
            for (int i = 0; i < size; i++)
            {
                ref var m = ref _members[i];
                int age = _people[i].Age;
                m = new Member { Age = age, Disability = r.Chance(120) ? r.Range(1, 4) : 0 };
                m.Capacity = age < 16 ? None
                    : m.Disability is 1 or 2 ? (r.Chance(750) ? None : Half)
                    : age >= 60 ? r.Pick([8, 42, 50])
                    : m.Disability > 0 ? r.Pick([30, 50, 20])
                    : r.Pick([78, 12, 10]);
                bool working = age is >= 16 and <= 59 && m.Capacity != None;
                hasEarner |= working && m.Capacity == Full;
                anyWorking |= working;
                if (working)
                {
                    m.MonthsAway = r.Below(100) switch { < 50 => 0, < 60 => r.Range(1, 2), < 72 => 3, _ => r.Range(4, 12) };
                    m.Location = m.MonthsAway > 0 ? r.Pick([8, 52, 40]) : r.Pick([88, 8, 4]);
                }
            }

            // incomes: a per-capita target (yuan a month) clustered around the 低保 standards, shared among the earners
            long target = r.Band([(0, 300, 15), (300, 700, 40), (700, 1500, 25), (1500, 4000, 20)]) * 100;
            long total = target * size, others = 0;
            int weights = 0;
            for (int i = 0; i < size; i++)
            {
                ref var m = ref _members[i];
                bool working = m.Age is >= 16 and <= 59 && m.Capacity != None;
                if (working)
                {
                    m.Income = (m.Capacity == Full ? 3 : 1) * r.Range(50, 150); // a weight for now
                    weights += (int)m.Income;
                }
                else
                {
                    m.Income = m.Age < 16 ? 0
                        : !anyWorking ? r.Band([(100, 300, 30), (300, 650, 45), (650, 1200, 25)]) * 100 // nobody works: pensions, allowances, odd jobs
                        : m.Age >= 60 ? r.Range(100, 300) * 100L
                        : r.Range(0, 200) * 100L;
                    others += m.Income;
                }
            }
            long rest = Math.Max(0, total - others);
            for (int i = 0; i < size; i++)
            {
                ref var m = ref _members[i];
                bool working = m.Age is >= 16 and <= 59 && m.Capacity != None;
                if (working) m.Income = weights == 0 ? 0 : rest * m.Income / weights;
                if (r.Chance(600)) m.Income -= m.Income % 100; // whole yuan
                bool unable = m.Capacity == None || m.Age >= 60 || m.Age < 16 || m.Disability is 1 or 2;
                m.Supporter = unable ? r.Chance(hasEarner ? 850 : 450) : r.Chance(300);
            }
            return size;
        }
    }
}
