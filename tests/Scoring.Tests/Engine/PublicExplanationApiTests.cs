using Scoring.Rules;
using Scoring.Tests.Support;

namespace Scoring.Tests.Engine;

/// <summary><see cref="PublicExplanation"/> from C#: the rule set's words, value labels, the author's explain sentences, and their checking at load time.</summary>
public sealed class PublicExplanationApiTests
{
    private const string Yaml = """
        id: labels
        name: 标签测试
        version: "7"
        subject:
          key: id
          fields:
            id: { type: string, label: 编号 }
            team: { type: enum, label: 队伍, values: { first_secretary: 第一书记, work_team: 驻村工作队员 } }
            days: { type: integer, label: 驻村天数 }
        criteria:
          on_post:
            label: 守岗星
            when: days >= 20
            score: stars
            explain: { met: '驻村 {days} 天，达到 20 天', not_met: '驻村 {days} 天，不足 20 天' }
          secretary:
            label: 是第一书记
            when: team == 'first_secretary'
        scores:
          stars: { label: 星数 }
        values:
          team_name: { label: 队伍名称, expr: team }
        outcomes: [stars, secretary, team_name]
        """;

    [Fact]
    public void Format_SaysOutcomesAndStandards_InTheRuleSetsWords()
    {
        var rules = TestRules.Compile(Yaml);
        var run = rules.CreateRun(new RunOptions()).GetValueOrThrow();
        var e = run.Evaluate(new Dictionary<string, object?> { ["id"] = "A-1", ["team"] = "work_team", ["days"] = 18 }, explain: true);
        var text = PublicExplanation.Format(e, rules, asOf: new DateOnly(2024, 1, 15));
        Assert.Contains("标签测试（7 版）", text);
        Assert.Contains("评估日期：2024-01-15", text);
        Assert.Contains("星数：0（1 项中 0 项达标）", text);
        Assert.Contains("✗ 守岗星：驻村 18 天，不足 20 天", text);
        Assert.Contains("是第一书记：否（队伍 驻村工作队员，应为 第一书记）", text);
        Assert.Equal("驻村工作队员", PublicExplanation.FormatValue(rules, "team_name", e["team_name"]));
        Assert.DoesNotContain("work_team", text);
    }

    [Fact]
    public void Format_RejectedRecord_NamesTheFieldByItsLabel()
    {
        var rules = TestRules.Compile(Yaml);
        var run = rules.CreateRun(new RunOptions()).GetValueOrThrow();
        var e = run.Evaluate(new Dictionary<string, object?> { ["id"] = "A-2", ["team"] = "work_team" });
        Assert.Contains("未能评定：“驻村天数”缺失或有误", PublicExplanation.Format(e, rules));
    }

    [Fact]
    public void ExplainSentence_NamingWhatTheRuleDoesNotRead_IsAnErrorAtItsPlace()
    {
        var lines = TestRules.DiagnosticLines(Yaml.Replace("不足 20 天'", "不足 {required} 天'", StringComparison.Ordinal));
        var line = Assert.Single(lines);
        Assert.StartsWith("test.yaml(15,14)", line, StringComparison.Ordinal);
        Assert.Contains("error SCR0201: '{required}' in the explain sentence of 'on_post' is not something its rule reads; it can use {days}, {on_post}", line);
    }

    [Fact]
    public void ValuesAsAMapping_KeepTheCodes_ForMachines()
    {
        var file = RuleFileLoader.LoadText(Yaml, "test.yaml");
        var team = file.RuleSet!.Subject.Record.FindField("team")!;
        Assert.Equal(new[] { "first_secretary", "work_team" }, team.Values);
        Assert.Equal("第一书记", team.LabelOf("first_secretary"));
        Assert.Equal("unknown", team.LabelOf("unknown"));
    }
}
