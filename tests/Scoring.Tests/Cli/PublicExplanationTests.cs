using System.Text.Json;
using System.Text.RegularExpressions;

namespace Scoring.Tests.Cli;

/// <summary>
/// <c>scoring explain --for public</c>: the worked example of every shipped rule set reads as plain Chinese —
/// no rule expressions, code names, English words or paths; letters appear only inside the record's own values
/// (ids such as <c>C-017</c>). <c>--for staff</c> is today's bilingual text, byte for byte.
/// </summary>
public sealed partial class PublicExplanationTests
{
    /// <summary>Each shipped rule set's worked example (the policy's, or the sample's first record where the policy has none).</summary>
    public static TheoryData<string, string, string, string[]> WorkedExamples => new()
    {
        { "settlement-services.yaml", "settlements.csv", "S-001", Array.Empty<string>() },
        { "ten-star-cadre-monthly.yaml", "cadre-months.csv", "C-017", new[] { "--match", "month=2023-05" } },
        { "ten-star-cadre-year.yaml", "cadre-years.jsonl", "C-017", Array.Empty<string>() },
        { "party-member-points.yaml", "party-members.jsonl", "M-001", new[] { "--param", "year=2023", "--as-of", "2024-01-15" } },
        { "civilized-household.yaml", "households.jsonl", "H-0420", Array.Empty<string>() },
        { "aid-eligibility.yaml", "aid-households.jsonl", "H-77", new[] { "--as-of", "2023-08-15" } },
    };

    private static CliResult Explain(TempDir t, string rules, string input, string id, IEnumerable<string> more) =>
        t.Run(new[] { "explain", "--rules", Repo.Rules(rules), "--input", Repo.Samples(input), "--id", id }.Concat(more).ToArray());

    [Theory]
    [MemberData(nameof(WorkedExamples))]
    public void Public_WorkedExample_IsPlainChinese_WithoutCodeNamesOrEnglish(string rules, string input, string id, string[] more)
    {
        using var t = new TempDir();
        var r = Explain(t, rules, input, id, more.Append("--for").Append("public")).ShouldExit(0).ShouldNotCrash();
        var text = r.Stdout;
        Assert.Contains("结果", text);
        Assert.DoesNotContain("shared/policies", text);
        Assert.DoesNotContain(" yes", text);
        Assert.DoesNotContain("✗ 黑榜", text); // a household not on the black list is not "failing" it
        // letters only inside the record's own text values (ids); every other word is the rule set's Chinese
        var stripped = RecordTexts(rules, input, id).OrderByDescending(v => v.Length).Aggregate(text, (s, v) => s.Replace(v, "", StringComparison.Ordinal));
        var english = Letters().Matches(stripped).Select(m => m.Value).Distinct().ToArray();
        Assert.True(english.Length == 0, $"English or code names in the public explanation: {string.Join(", ", english)}\n{text}");
        // no rule expressions
        foreach (var op in new[] { ">=", "<=", "==", "!=", " and ", " or ", "(", ")" }) Assert.DoesNotContain(op, stripped);
    }

    [Theory]
    [MemberData(nameof(WorkedExamples))]
    public void Staff_IsTheDefault_ByteForByte(string rules, string input, string id, string[] more)
    {
        using var t = new TempDir();
        var byDefault = Explain(t, rules, input, id, more).ShouldExit(0);
        var staff = Explain(t, rules, input, id, more.Append("--for").Append("staff")).ShouldExit(0);
        Assert.Equal(byDefault.Stdout, staff.Stdout);
    }

    [Fact]
    public void Public_C017_OneSentencePerStar_WithTheValuesAndTheThreshold()
    {
        using var t = new TempDir();
        var lines = Explain(t, "ten-star-cadre-monthly.yaml", "cadre-months.csv", "C-017", new[] { "--match", "month=2023-05", "--for", "public" }).ShouldExit(0).StdoutLines;
        Assert.Equal("C-017（评星月份 2023-05）", lines[0]);
        Assert.Contains("  ✓ 守岗敬业星：缺勤已获批准请假：是，驻村天数 21，应不少于 应驻村天数 22 − 3（19）", lines);
        Assert.Contains("  ✗ 政策宣传星：政策宣讲场次 1，应不少于 2", lines);
        Assert.Contains("  星数：8（10 项中 8 项达标）", lines);
    }

    [Fact]
    public void Public_H77_ProgrammesInWords_DocumentsByTheirLabels_ConditionsUnderEach()
    {
        using var t = new TempDir();
        var lines = Explain(t, "aid-eligibility.yaml", "aid-households.jsonl", "H-77", new[] { "--as-of", "2023-08-15", "--for", "public" }).ShouldExit(0).StdoutLines;
        Assert.Contains("  低保：符合条件，尚缺材料：收入证明；金额 470", lines);
        Assert.Contains("  防返贫监测户：纳入监测：人均年收入低于监测线、大额支出超过年收入的 50%", lines);
        Assert.Contains("    ✓ 金融资产不超过 24 倍低保标准 × 人数：家庭金融资产（元） 20000，应不超过 金融资产上限 50880", lines);
        Assert.DoesNotContain(lines, l => l.Contains("成员编号不重复", StringComparison.Ordinal)); // a consistency check, not a rule
    }

    [Fact]
    public void Public_H0420_NotOnTheBlackList_SaysSo()
    {
        using var t = new TempDir();
        var lines = Explain(t, "civilized-household.yaml", "households.jsonl", "H-0420", new[] { "--for", "public" }).ShouldExit(0).StdoutLines;
        Assert.Contains("  黑榜：未列入黑榜", lines);
        Assert.Contains("  社区评选公示：未入选：参评 33 名中排第 16 名，入选 10 名（所在社区 幸福社区）", lines);
    }

    [Fact]
    public void Public_BlackListedHousehold_NoTitleBecauseOfTheBlackList_AndAVetoSaysWhatItDid()
    {
        using var t = new TempDir();
        var household = Explain(t, "civilized-household.yaml", "households.jsonl", "SY-0103", new[] { "--for", "public" }).ShouldExit(0).StdoutLines;
        Assert.Contains("  星级称号：无（不符合八星级文明户的条件：黑榜：是）", household);
        Assert.Contains(household, l => l.StartsWith("  黑榜：列入黑榜（", StringComparison.Ordinal));
        var cadre = Explain(t, "ten-star-cadre-year.yaml", "cadre-years.jsonl", "C-111", new[] { "--for", "public" }).ShouldExit(0).Stdout;
        Assert.Contains("一票否决：全年有违纪，最高基本合格）", cadre);
    }

    [Fact]
    public void For_OtherThanStaffOrPublic_IsAUsageError()
    {
        using var t = new TempDir();
        var r = Explain(t, "settlement-services.yaml", "settlements.csv", "S-001", new[] { "--for", "everyone" }).ShouldExit(2);
        Assert.Contains("--for 'everyone' must be staff or public", r.Stderr);
    }

    /// <summary>Every text value of the record (its fields and its child records'), read independently of the tool.</summary>
    private static IEnumerable<string> RecordTexts(string rules, string input, string id)
    {
        var path = Repo.Samples(input);
        if (input.EndsWith(".csv", StringComparison.Ordinal))
            return TestFiles.ParseCsv(File.ReadAllText(path)).Where(r => r[0] == id).SelectMany(r => r).Where(IsIdOrDate);
        var line = File.ReadLines(path).First(l => JsonDocument.Parse(l).RootElement.GetProperty(KeyOf(rules)).GetString() == id);
        var texts = new List<string>();
        Collect(JsonDocument.Parse(line).RootElement, texts);
        return texts;
    }

    private static string KeyOf(string rules) => rules switch
    {
        "party-member-points.yaml" => "member_id",
        "ten-star-cadre-year.yaml" => "cadre_id",
        _ => "household_id",
    };

    private static void Collect(JsonElement e, List<string> into)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String when IsIdOrDate(e.GetString()!): into.Add(e.GetString()!); break;
            case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) Collect(p.Value, into); break;
            case JsonValueKind.Array: foreach (var x in e.EnumerateArray()) Collect(x, into); break;
        }
    }

    /// <summary>Values such as ids and dates (they hold digits) may keep their letters; codes such as <c>first_secretary</c> may not.</summary>
    private static bool IsIdOrDate(string v) => v.Any(char.IsAsciiDigit);

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex Letters();
}
