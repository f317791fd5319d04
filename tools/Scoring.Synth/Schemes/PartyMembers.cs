namespace Scoring.Synth;

/// <summary>
/// party-member-points.md: one member per line with <c>"entries"</c> (the ledger) and <c>"evaluations"</c> (monthly
/// democratic ratings), for the year 2023 (run with <c>--param year=2023</c> and an as-of date around 2024-01-01).
/// Each member has an activity level that drives deeds, deductions and ratings, so annual scores spread over all four
/// levels; birth dates cluster around the 18 and 55 limits of 两委 eligibility, sanction dates around the 24-month line;
/// some entries are unapproved (pending), a few fall just outside the year, and a few members carry a sanction.
/// </summary>
internal sealed class PartyMembersScheme : Scheme
{
    public const int Year = 2023;

    /// <summary>Members 0–39 are in the first branch, 40–79 in the second, …</summary>
    public const int MembersPerBranch = 40;

    private static readonly Token MemberId = new("member_id"), Branch = new("branch"), BirthDate = new("birth_date"),
        Flowing = new("flowing"), LastSanctionDate = new("last_sanction_date"), Entries = new("entries"), Evaluations = new("evaluations"),
        EntryId = new("entry_id"), Date = new("date"), Category = new("category"), Quantity = new("quantity"),
        Approved = new("approved"), Remote = new("remote"), Month = new("month"), Rating = new("rating");

    private static readonly Token[] Fields = { MemberId, Branch, BirthDate, Flowing, LastSanctionDate, Entries, Evaluations };

    // categories, in the policy's order
    private const int Meeting = 0, Study = 1, Volunteer = 2, Errand = 3, Mediation = 4, Contact = 5, Commendation = 6,
        Absence = 7, LateDues = 8, Complaint = 9, Sanction = 10;

    private static readonly Token[] Categories = Token.Of(
        "meeting", "study", "volunteer", "errand", "mediation", "contact", "commendation", "absence", "late_dues", "complaint", "sanction");

    private static readonly Token[] Ratings = Token.Of("好", "较好", "一般", "差");

    private static readonly string[] Ordinals = { "", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九", "第十" };

    public override string Name => "party-members";
    public override bool Nested => true;
    public override string Shape => "a member with \"entries\" and \"evaluations\"";
    public override Token[] Columns => Fields;

    public override Sample Sample { get; } = new PartyMembersSample();

    public override Generator Create(long n, ulong seed) => new Gen(seed, Ids.Width(n));

    /// <summary>The name of branch number <paramref name="b"/>: 幸福社区党支部, …, then 幸福社区第二党支部, ….</summary>
    public static string BranchName(long b)
    {
        int pool = Places.SettlementNames.Length;
        long round = b / pool;
        string ordinal = round < Ordinals.Length ? Ordinals[round] : "第" + (round + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Places.SettlementNames[b % pool].Text + ordinal + "党支部";
    }

    private struct Entry
    {
        public int Day, Category, Units, Scale;
        public bool Approved, Remote;
    }

    private sealed class Gen(ulong seed, int width) : Generator
    {
        private Entry[] _entries = new Entry[64];
        private int _count;
        private readonly TokenCache _branches = new(BranchName);

        public override void Write(RecordWriter w, long index)
        {
            var r = Rng.For(seed, 4, (ulong)index);
            long number = index + 1;
            w.Id(MemberId, "M-", number, width);
            w.String(Branch, _branches.Get(index / MembersPerBranch));

            // ages: clusters around 18 and 55 (on 2024-01-01), the rest from 18 to 83
            int birth = r.Below(100) switch
            {
                < 5 => r.Range(Day(2005, 1, 1), Day(2006, 3, 31)),
                < 20 => r.Range(Day(1967, 6, 1), Day(1969, 6, 30)),
                _ => r.Range(Day(1940, 1, 1), Day(2004, 12, 31)),
            };
            w.Date(BirthDate, DateOnly.FromDayNumber(birth));
            bool flowing = r.Chance(120);
            w.Bool(Flowing, flowing);

            // activity, per mille: drives deeds, deductions and ratings
            int a = r.Below(100) switch
            {
                < 20 => r.Range(0, 150),
                < 65 => r.Range(150, 350),
                < 90 => r.Range(350, 600),
                _ => r.Range(600, 1000),
            };

            // the ledger, month by month, in date order within each month
            _count = 0;
            int sanctionMonth = r.Chance(25) ? r.Range(1, 12) : 0;
            int? lastSanction = null;
            if (r.Chance(50)) Add(ref r, -1, Study, a, flowing); // an entry of December of the year before
            for (int m = 1; m <= 12; m++)
            {
                int start = _count;
                Deeds(ref r, m, Meeting, 4, a / 2, a, flowing);
                Deeds(ref r, m, Study, 3, a / 4, a, flowing);
                Deeds(ref r, m, Volunteer, 2, a / 5, a, flowing);
                Deeds(ref r, m, Errand, 2, a / 6, a, flowing);
                Deeds(ref r, m, Mediation, 1, a / 12, a, flowing);
                Deeds(ref r, m, Contact, 2, a / 5, a, flowing);
                Deeds(ref r, m, Commendation, 1, a / 100, a, flowing);
                Deeds(ref r, m, Absence, 1, (1000 - a) / 8, a, flowing);
                Deeds(ref r, m, LateDues, 1, (1000 - a) / 12, a, flowing);
                Deeds(ref r, m, Complaint, 1, (1000 - a) / 25, a, flowing);
                if (m == sanctionMonth)
                {
                    Add(ref r, m, Sanction, a, flowing);
                    ref var s = ref _entries[_count - 1];
                    if (s.Approved) lastSanction = s.Day;
                }
                SortByDay(start, _count);
            }
            if (r.Chance(30)) Add(ref r, 13, Meeting, a, flowing); // an entry of January of the year after

            // a sanction before the year: some just either side of 24 months before the as-of date
            if (lastSanction is null && r.Chance(60))
            {
                lastSanction = r.Below(100) switch
                {
                    < 40 => r.Range(Day(2015, 1, 1), Day(2021, 6, 30)),
                    < 80 => r.Range(Day(2021, 7, 1), Day(2022, 6, 30)),
                    _ => r.Range(Day(2022, 7, 1), Day(2022, 12, 31)),
                };
            }
            if (lastSanction is { } ls) w.Date(LastSanctionDate, DateOnly.FromDayNumber(ls));
            else w.Null(LastSanctionDate);

            w.BeginArray(Entries);
            for (int i = 0; i < _count; i++)
            {
                ref var e = ref _entries[i];
                w.BeginItem();
                w.Id(EntryId, "E-", number, width, i + 1, 3);
                w.Id(MemberId, "M-", number, width);
                w.Date(Date, DateOnly.FromDayNumber(e.Day));
                w.String(Category, Categories[e.Category]);
                w.Decimal(Quantity, e.Units, e.Scale);
                w.Bool(Approved, e.Approved);
                w.Bool(Remote, e.Remote);
                w.EndItem();
            }
            w.EndArray();

            // democratic evaluation: most months rated, better ratings for more active members
            w.BeginArray(Evaluations);
            for (int m = 1; m <= 12; m++)
            {
                if (r.Chance(50)) continue; // a month without a rating
                int x = r.Below(1000);
                int good = a * 3 / 10, bad = (1000 - a) / 15;
                int rating = x < good ? 0 : x < good + 300 ? 1 : x < 1000 - bad ? 2 : 3;
                w.BeginItem();
                w.Month(Month, Year, m);
                w.String(Rating, Ratings[rating]);
                w.EndItem();
            }
            w.EndArray();
        }

        private static int Day(int y, int m, int d) => new DateOnly(y, m, d).DayNumber;

        /// <summary>Up to <paramref name="trials"/> deeds of a category in month <paramref name="m"/>, each with probability <paramref name="perMille"/>.</summary>
        private void Deeds(ref Rng r, int m, int category, int trials, int perMille, int a, bool flowing)
        {
            for (int t = 0; t < trials; t++)
                if (r.Below(1000) < perMille) Add(ref r, m, category, a, flowing);
        }

        /// <summary>Adds one entry in month <paramref name="m"/> of the year (0 = December before, 13 = January after).</summary>
        private void Add(ref Rng r, int m, int category, int a, bool flowing)
        {
            var month = m < 1 ? new DateOnly(Year - 1, 12, 1) : m > 12 ? new DateOnly(Year + 1, 1, 1) : new DateOnly(Year, m, 1);
            int day = month.DayNumber + r.Below(Places.Days(month.Year, month.Month));
            (int units, int scale) = category switch
            {
                Study => (r.Chance(200) ? 2 : 1, 0),
                Volunteer => (r.Range(1, 12) * 5, 1), // 0.5 to 6 hours, in halves
                Errand => r.Chance(60) ? (15, 1) : (r.Chance(150) ? 2 : 1, 0),
                Contact => (r.Range(1, 4), 0),
                _ => (1, 0),
            };
            if (_count == _entries.Length) Array.Resize(ref _entries, _entries.Length * 2);
            _entries[_count++] = new Entry
            {
                Day = day,
                Category = category,
                Units = units,
                Scale = scale,
                Approved = !r.Chance(a < 200 ? 60 : 25),
                Remote = category == Meeting && r.Chance(flowing ? 600 : 80),
            };
        }

        private void SortByDay(int from, int to)
        {
            for (int i = from + 1; i < to; i++)
            {
                var e = _entries[i];
                int j = i - 1;
                while (j >= from && _entries[j].Day > e.Day)
                {
                    _entries[j + 1] = _entries[j];
                    j--;
                }
                _entries[j + 1] = e;
            }
        }
    }
}
