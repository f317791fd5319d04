namespace Scoring.Synth;

/// <summary>Place names shared by the schemes.</summary>
internal static class Places
{
    /// <summary>The five reference counties, then a few others (which fall under the "any other county" parameters).</summary>
    public static readonly Token[] Counties = Token.Of("大宁县", "古浪县", "邵阳县", "紫阳县", "芦山县", "隆回县", "洞口县", "天祝县", "平利县", "宝兴县", "吉县", "汉阴县");

    /// <summary>Relative weights of <see cref="Counties"/>: mostly the five reference counties.</summary>
    public static readonly int[] CountyWeights = { 18, 18, 17, 16, 16, 2, 2, 2, 2, 2, 3, 2 };

    public static readonly string[] Heads =
    {
        "幸福", "阳光", "和谐", "安康", "富民", "惠民", "兴隆", "祥和", "永宁", "金穗", "青山", "绿水", "新华", "团结",
        "振兴", "康乐", "宝塔", "凤凰", "桃源", "梨园", "石门", "白云", "向阳", "丰收", "长乐", "福寿", "昌盛", "平安",
        "锦绣", "云岭", "映山红", "龙山", "清溪", "汉江", "红椿", "黄羊川", "土门", "龙门", "双石", "同心", "城南", "翠屏",
    };

    public static readonly string[] Tails = { "社区", "家园", "新村", "小区", "安置点", "新居", "移民新区", "安置小区", "佳苑" };

    private static readonly string[] Ordinals = { "", "二", "三", "四", "五", "六", "七", "八", "九", "十" };

    /// <summary>Every head + tail: 幸福社区, 幸福家园, …, the names of settlements.</summary>
    public static readonly Token[] SettlementNames = BuildSettlementNames();

    private static Token[] BuildSettlementNames()
    {
        var t = new Token[Heads.Length * Tails.Length];
        for (int i = 0; i < t.Length; i++) t[i] = new Token(Heads[i % Heads.Length] + Tails[i / Heads.Length]);
        return t;
    }

    /// <summary>
    /// The name of community number <paramref name="c"/>: 幸福社区, 阳光社区, 和谐社区, …, then 幸福二社区, … (then a number).
    /// The first two are the communities with their own dividend pools in civilized-household.md.
    /// </summary>
    public static string Community(long c)
    {
        long round = c / Heads.Length;
        string head = Heads[c % Heads.Length];
        return round < Ordinals.Length ? head + Ordinals[round] + "社区" : head + (round + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "社区";
    }

    /// <summary>Days in a month.</summary>
    public static int Days(int year, int month) => DateTime.DaysInMonth(year, month);
}
