using Scoring.Tests.Cli;

namespace Scoring.Tests.Publish;

/// <summary>The pages' contents, read as text: the notice board's tables per group and masking, the report's counts, rejects and manifest.</summary>
public sealed class NoticeAndReportTests
{
    private const string MaskedRules = """
        id: masked
        name: 测试公示
        version: "3"
        subject:
          key: id
          fields:
            id: { type: string, label: 编号 }
            id_number: { type: string, label: 身份证号, mask: true }
            village: { type: string, label: 村 }
            score: { type: integer, label: 得分 }
        criteria:
          passed: { label: 合格, when: score >= 60 }
        outcomes: [passed]
        """;

    [Fact]
    public void Notice_OneTablePerGroup_PeriodAndVersion_MaskedFields_AndShortReasons()
    {
        using var t = new TempDir();
        t.Write("m.yaml", MaskedRules);
        t.Write("in.csv", "id,id_number,village,score\nP-1,142701198001010012,东村,75\nP-2,142701199202020034,西村,40\nP-3,142701199303030056,东村,90\n");
        t.Run("notice", "--rules", "m.yaml", "--input", "in.csv", "--group-by", "village", "--keep", "id_number", "--period", "2024-03-01..2024-03-07", "--out", "board/b.html").ShouldExit(0);
        var html = File.ReadAllText(t["board/b.html"]);
        Assert.Contains("公示期：2024-03-01 至 2024-03-07", html);
        Assert.Contains("依据：测试公示（3 版）", html);
        Assert.Contains("村：东村（2 条）", html);
        Assert.Contains("村：西村（1 条）", html);
        Assert.Contains("1427**********0012", html);
        Assert.DoesNotContain("142701198001010012", html);
        Assert.Equal(2, html.Split("<table>").Length - 1);
        Assert.Contains("@page { size: A4", html);
    }

    [Fact]
    public void Notice_Households_SayWhatWasMissed_InWords()
    {
        using var t = new TempDir();
        t.Run("notice", "--rules", Repo.Rules("civilized-household.yaml"), "--input", Repo.Samples("households.jsonl"), "--group-by", "community", "--out", "b.html").ShouldExit(0);
        var html = File.ReadAllText(t["b.html"]);
        Assert.Contains("<td>H-0420</td>", html);
        Assert.Contains("未得：热心公益星", html);
        Assert.Contains("八星级文明户", html);
    }

    [Fact]
    public void Report_CountsEveryOutcome_ListsRejectsByReason_AndTheManifest()
    {
        using var t = new TempDir();
        t.Run("report", "--rules", Repo.SettlementRules, "--input", Repo.Data("run/bad-settlements.csv"), "--out", "r.html").ShouldExit(0);
        var html = File.ReadAllText(t["r.html"]);
        foreach (var label in new[] { "党组织设置", "服务中心类型", "须实施五通三化", "微菜园达标", "微菜园缺口面积（平方米）" })
            Assert.Contains($"<h3>{label}</h3>", html);
        Assert.Contains("拒收记录", html);
        Assert.Contains("SCR0501", html);
        Assert.Contains("规则文件 SHA-256", html);
        var sha = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Repo.SettlementRules))).ToLowerInvariant();
        Assert.Contains(sha, html);
        Assert.Contains("<svg", html);
    }

    [Fact]
    public void RunReport_BesideTheResults_SameCounts()
    {
        using var t = new TempDir();
        var r = t.Run("run", "--rules", Repo.Rules("aid-eligibility.yaml"), "--input", Repo.Samples("aid-households.jsonl"), "--as-of", "2023-08-15", "--out", "aid.csv", "--report", "aid.html").ShouldExit(0);
        Assert.Contains("report: aid.html", r.Stderr);
        var html = File.ReadAllText(t["aid.html"]);
        Assert.Contains("共读取 320 条，评定 320 条，拒收 0 条", html);
        Assert.Contains("低保标准（dibao_standard）", html);
        Assert.Contains("大宁县：530（自 2023-07-01）", html);
        Assert.True(File.Exists(t["aid.csv"]));
    }

    [Fact]
    public void Pages_NeedAnHtmlOut()
    {
        using var t = new TempDir();
        Assert.Contains("notice needs --out <file.html>", t.Run("notice", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv")).ShouldExit(2).Stderr);
        Assert.Contains("--report must name an .html file", t.Run("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--report", "r.txt").ShouldExit(2).Stderr);
    }
}
