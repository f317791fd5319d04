using System.Text.Json.Nodes;

namespace Scoring.Synth;

/// <summary>
/// <c>samples/settlements.csv</c>: the worked example S-001, settlements exactly on or just past each threshold
/// (residents 500/499 with 3/2 party members, residents 800/799, households 30/29, garden exactly 20 m² per
/// household, 1 m² and 0.5 m² short), then 20 plausible settlements: 30 in all.
/// </summary>
internal sealed class SettlementsSample : Sample
{
    /// <summary>The seed of the stream that settlements.csv and then the cadre-months sample are drawn from.</summary>
    public const uint Seed = 20240101;

    private static readonly string[] Counties = { "大宁县", "紫阳县", "邵阳县", "古浪县", "芦山县" };

    private static readonly (string Id, string Name, string County, int Residents, int Households, int Party, string Garden)[] Fixed =
    {
        ("S-001", "幸福社区移民新区", "大宁县", 4689, 1538, 35, "25000"),
        ("S-002", "同心家园", "邵阳县", 500, 131, 3, "2620"),
        ("S-003", "龙山安置小区", "邵阳县", 499, 128, 3, "2560"),
        ("S-004", "清溪新村", "紫阳县", 500, 140, 2, "2800"),
        ("S-005", "汉江移民社区", "紫阳县", 800, 214, 7, "4280"),
        ("S-006", "红椿安置点", "紫阳县", 799, 212, 6, "4240"),
        ("S-007", "黄羊川小区", "古浪县", 112, 30, 1, "599.5"),
        ("S-008", "土门安置点", "古浪县", 108, 29, 1, "580"),
        ("S-009", "龙门新居", "芦山县", 236, 64, 2, "1279"),
        ("S-010", "双石安居小区", "芦山县", 1210, 318, 9, "6360"),
    };

    private static readonly string[] Heads =
    {
        "阳光", "和谐", "安康", "富民", "惠民", "兴隆", "祥和", "永宁", "金穗", "青山", "绿水", "新华", "团结", "振兴", "康乐",
        "宝塔", "凤凰", "桃源", "梨园", "石门", "白云", "向阳", "丰收", "长乐", "福寿", "昌盛", "平安", "锦绣", "云岭", "映山红",
    };

    private static readonly string[] Tails = { "社区", "家园", "新村", "小区", "安置点", "新居", "移民新区" };

    public override IEnumerable<JsonObject> Records() => Draw(new PythonRandom(Seed));

    /// <summary>The sample's records, drawn from <paramref name="rng"/> (which the cadre-months sample goes on drawing from).</summary>
    public static List<JsonObject> Draw(PythonRandom rng)
    {
        var rows = Fixed.Select(f => Row(f.Id, f.Name, f.County, f.Residents, f.Households, f.Party, Dec(f.Garden))).ToList();
        var used = Fixed.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var heads = Heads.ToList();
        rng.Shuffle(heads);
        int n = rows.Count;
        foreach (var head in heads)
        {
            if (n >= 30) break;
            string name = head + rng.Choice(Tails);
            if (!used.Add(name)) continue;
            n++;
            string county = rng.Choice(Counties);
            // mostly small and middle-sized settlements, a few large ones (Python draws all three, then chooses)
            int small = rng.Int(12, 60), middle = rng.Int(60, 260), large = rng.Int(260, 1400);
            int households = rng.Choice(new[] { small, middle, large });
            int residents = households * rng.Int(300, 420) / 100;
            int perParty = rng.Int(90, 220);
            int party = Math.Max(0, residents / perParty + rng.Int(-1, 2));
            // garden: 12–26 m² per household, in tenths of a m²; some whole numbers
            int tenths = households * rng.Int(120, 260);
            int odd = rng.Int(1, 9);
            tenths += rng.Choice(new[] { 0, 0, odd });
            rows.Add(Row($"S-{n:D3}", name, county, residents, households, party, Exact(tenths, 1)));
        }
        return rows;
    }

    private static JsonObject Row(string id, string name, string county, int residents, int households, int party, decimal garden) =>
        Fields(SettlementsScheme.Fields, id, name, county, residents, households, party, garden);
}
