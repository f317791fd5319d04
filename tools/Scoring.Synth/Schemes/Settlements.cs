namespace Scoring.Synth;

/// <summary>
/// settlement-services.md: one flat record per settlement. Residents cluster around 500 and 800 (and sit exactly on
/// 499/500/799/800 now and then), households around 30, full party members around 3, gardens around 20 m² per household,
/// so that both party organisations, both service centres, both sides of 五通三化 and of the garden standard all occur.
/// </summary>
internal sealed class SettlementsScheme : Scheme
{
    private static readonly Token SettlementId = new("settlement_id"), SettlementName = new("name"), County = new("county"),
        Residents = new("residents"), Households = new("households"), FullPartyMembers = new("full_party_members"),
        GardenArea = new("garden_area_m2");

    public static readonly Token[] Fields = { SettlementId, SettlementName, County, Residents, Households, FullPartyMembers, GardenArea };

    private static readonly (long, long, int)[] ResidentBands =
    {
        (20, 99, 8), (100, 299, 14), (300, 469, 12), (470, 530, 18), (531, 769, 10),
        (770, 830, 14), (831, 1999, 14), (2000, 6000, 7), (6001, 12000, 1),
    };

    public override string Name => "settlements";
    public override Token[] Columns => Fields;
    public override Sample Sample { get; } = new SettlementsSample();

    public override Generator Create(long n, ulong seed) => new Gen(seed, Ids.Width(n));

    private sealed class Gen(ulong seed, int width) : Generator
    {
        public override void Write(RecordWriter w, long index)
        {
            var r = Rng.For(seed, 1, (ulong)index);
            w.Id(SettlementId, "S-", index + 1, width);
            w.String(SettlementName, Places.SettlementNames[r.Below(Places.SettlementNames.Length)]);
            w.String(County, Places.Counties[r.Pick(Places.CountyWeights)]);

            int residents, households;
            int size = r.Range(260, 460); // people per household, in hundredths
            if (r.Chance(80))
            {
                // a small settlement around the 30-household line of 五通三化
                households = r.Range(24, 36);
                residents = households * size / 100;
            }
            else
            {
                residents = r.Chance(40) ? (r.Below(4) switch { 0 => 499, 1 => 500, 2 => 799, _ => 800 }) : (int)r.Band(ResidentBands);
                households = Math.Max(1, residents * 100 / size);
            }

            // full party members: around 3 for many settlements, else 0.4 %–3 % of the residents
            int party = r.Chance(300) ? r.Range(0, 6) : residents * r.Range(4, 30) / 1000;

            // micro-gardens: 20 m² per household is the standard; areas in tenths of a m²
            long required = 200L * households;
            long area = r.Below(100) switch
            {
                < 8 => required,                                     // exactly on the standard
                < 16 => required - r.Range(1, 9),                   // under 1 m² short
                < 46 => required * r.Range(850, 999) / 1000,         // short
                < 90 => required * r.Range(1001, 1600) / 1000,       // enough
                _ => required * r.Range(200, 849) / 1000,            // far short
            };
            if (r.Chance(500)) area -= area % 10; // half of them whole square metres

            w.Int(Residents, residents);
            w.Int(Households, households);
            w.Int(FullPartyMembers, party);
            w.Decimal(GardenArea, Math.Max(0, area), 1);
        }
    }
}
