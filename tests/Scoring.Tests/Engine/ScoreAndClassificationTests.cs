using Scoring.Model;
using Scoring.Runtime;
using Scoring.Tests.Support;

namespace Scoring.Tests.Engine;

public class ScoreTests
{
    private const string Yaml = """
        id: scores
        name: scores
        version: "1"
        subject:
          key: id
          fields:
            id: string
            a: integer
            b: integer
            bonus: decimal
        criteria:
          has_a: { when: a >= 1, score: total }
          has_b: { when: b >= 1, score: total, points: 3 }
          many_b: { when: b >= 5, score: total, points: b - 4 }
          half: { when: a >= 10, score: fine, points: 0.5 }
          plain: a >= 100
        scores:
          total: { base: 1, min: 2, max: 10, plus: bonus }
          fine: {}
          empty: { base: 4 }
        values:
          total_seen: total * 10
        outcomes: [has_a, has_b, many_b, total, fine, empty, total_seen, plain]

        """;

    private static Evaluation Eval(int a, int b, decimal bonus = 0, bool explain = false) =>
        TestRules.Run(Yaml).Evaluate(new Dictionary<string, object?> { ["id"] = "S", ["a"] = a, ["b"] = b, ["bonus"] = bonus }, explain);

    [Fact]
    public void Score_AddsBaseAndPointsOfMetCriteria()
    {
        // base 1 + has_a 1 + has_b 3 = 5
        var e = Eval(a: 1, b: 1);
        Assert.Equal(5m, e["total"].AsNumber);
        Assert.True(e["has_a"].AsBoolean);
    }

    [Fact]
    public void Score_UnmetCriteriaAddNothing()
    {
        var e = Eval(a: 0, b: 1);
        Assert.Equal(4m, e["total"].AsNumber);   // 1 + 3
        Assert.False(e["has_a"].AsBoolean);
    }

    [Fact]
    public void Score_PointsExpression_IsEvaluatedPerRecord()
    {
        // 1 + 1 + 3 + (6 - 4) = 7
        Assert.Equal(7m, Eval(a: 1, b: 6)["total"].AsNumber);
    }

    [Fact]
    public void Score_AboveMax_IsCapped()
    {
        // raw 1 + 1 + 3 + (9 - 4) = 10, + bonus 5 = 15 → capped at 10
        var e = Eval(a: 1, b: 9, bonus: 5, explain: true);
        Assert.Equal(10m, e["total"].AsNumber);
        var item = e.Explanation!.Items.Single(i => i.Key == "total");
        Assert.Contains("capped at 10 (was 15)", item.Notes);
    }

    [Fact]
    public void Score_BelowMin_IsFloored()
    {
        // raw 1 + 0 - 3 = -2 → raised to 2
        var e = Eval(a: 0, b: 0, bonus: -3, explain: true);
        Assert.Equal(2m, e["total"].AsNumber);
        Assert.Contains("raised to the floor 2 (was -2)", e.Explanation!.Items.Single(i => i.Key == "total").Notes);
    }

    [Fact]
    public void Score_PlusIsAddedBeforeClamping()
    {
        Assert.Equal(6.5m, Eval(a: 1, b: 0, bonus: 4.5m)["total"].AsNumber);   // 1 + 1 + 4.5
    }

    [Fact]
    public void Score_ReadInAnExpression_IsTheClampedTotal()
    {
        Assert.Equal(100m, Eval(a: 1, b: 9, bonus: 50)["total_seen"].AsNumber);
        Assert.Equal(20m, Eval(a: 0, b: 0, bonus: -50)["total_seen"].AsNumber);
    }

    [Fact]
    public void Score_WithDecimalPoints_KeepsTheFraction()
    {
        Assert.Equal(0.5m, Eval(a: 10, b: 0)["fine"].AsNumber);
        Assert.Equal(0m, Eval(a: 9, b: 0)["fine"].AsNumber);
    }

    [Fact]
    public void Score_WithoutCriteria_IsItsBase()
    {
        Assert.Equal(4m, Eval(a: 0, b: 0)["empty"].AsNumber);
    }

    [Fact]
    public void Score_Explanation_ListsPointsPerCriterion()
    {
        var e = Eval(a: 1, b: 6, explain: true);
        var items = e.Explanation!.Items.ToDictionary(i => i.Key);
        Assert.Equal(1m, items["has_a"].Points);
        Assert.Equal(3m, items["has_b"].Points);
        Assert.Equal(2m, items["many_b"].Points);
        Assert.Null(items["plain"].Points);
        Assert.Equal("base 1; 3 of 3 met, 6 points; plus bonus = 0", items["total"].Notes[0]);
    }
}

public class ClassificationTests
{
    private const string Yaml = """
        id: grades
        name: grades
        version: "1"
        subject:
          key: id
          fields:
            id: string
            points: integer
            violation: boolean
            absent: integer
        classifications:
          grade:
            levels: [优秀, 合格, 基本合格, 不合格]
            cases:
              - { when: points >= 108, then: 优秀 }
              - { when: points >= 84, then: 合格 }
              - { when: points >= 60, then: 基本合格 }
            else: 不合格
            vetoes:
              - { when: violation, at_most: 基本合格, label: 违纪 }
              - { when: absent >= 3, set: 不合格, label: 三个月未在岗 }
          size:
            cases:
              - { when: points >= 100, then: big }
              - { when: points >= 50, then: medium }
            else: small
            vetoes:
              - { when: absent >= 10, set: excluded }
          loose:
            cases:
              - { when: points >= 1000, then: huge }
        criteria:
          excellent: grade == '优秀'
        outcomes: [grade, size, loose, excellent]

        """;

    private static Evaluation Eval(int points, bool violation = false, int absent = 0, bool explain = false) =>
        TestRules.Run(Yaml).Evaluate(new Dictionary<string, object?> { ["id"] = "C", ["points"] = points, ["violation"] = violation, ["absent"] = absent }, explain);

    [Theory]
    [InlineData(120, "优秀")]
    [InlineData(108, "优秀")]
    [InlineData(107, "合格")]
    [InlineData(84, "合格")]
    [InlineData(60, "基本合格")]
    [InlineData(59, "不合格")]
    [InlineData(0, "不合格")]
    public void Classify_FirstCaseThatHoldsWins_ElseOtherwise(int points, string expected)
    {
        Assert.Equal(expected, Eval(points)["grade"].AsText);
    }

    [Fact]
    public void Classify_AtMostVeto_CapsABetterLevel()
    {
        var e = Eval(120, violation: true, explain: true);
        Assert.Equal("基本合格", e["grade"].AsText);
        Assert.Contains("veto 违纪: at most 基本合格", e.Explanation!.Items.Single(i => i.Key == "grade").Notes);
    }

    [Fact]
    public void Classify_AtMostVeto_LeavesALowerLevelLower()
    {
        Assert.Equal("不合格", Eval(10, violation: true)["grade"].AsText);
    }

    [Fact]
    public void Classify_AtMostVeto_LeavesTheSameLevel()
    {
        Assert.Equal("基本合格", Eval(70, violation: true)["grade"].AsText);
    }

    [Fact]
    public void Classify_SetVeto_OverridesPoints()
    {
        Assert.Equal("不合格", Eval(200, absent: 3)["grade"].AsText);
    }

    [Fact]
    public void Classify_BothVetoes_SetAppliesAfterAtMost()
    {
        Assert.Equal("不合格", Eval(200, violation: true, absent: 5)["grade"].AsText);
    }

    [Fact]
    public void Classify_VetoNotFiring_ChangesNothing()
    {
        Assert.Equal("优秀", Eval(200, violation: false, absent: 2)["grade"].AsText);
    }

    [Theory]
    [InlineData(100, 0, "big")]
    [InlineData(99, 0, "medium")]
    [InlineData(10, 0, "small")]
    [InlineData(100, 10, "excluded")]
    public void Classify_FreeLabels_WorkWithSetVeto(int points, int absent, string expected)
    {
        Assert.Equal(expected, Eval(points, absent: absent)["size"].AsText);
    }

    [Fact]
    public void Classify_UsedInExpression_ComparesItsLabel()
    {
        Assert.True(Eval(120)["excellent"].AsBoolean);
        Assert.False(Eval(120, violation: true)["excellent"].AsBoolean);
    }

    [Fact]
    public void Classify_NoCaseAndNoElse_IsEmpty()
    {
        // see TypeCheckerTests.Bind_ClassificationWithoutElseAndOnlyConditionalCases_ReportsMissingElse (BUG)
        var e = Eval(10);
        Assert.Equal(ValueKind.Empty, e["loose"].Kind);
        Assert.Equal("huge", Eval(1000)["loose"].AsText);
    }

    [Fact]
    public void Classify_Explanation_NamesTheCaseThatHeld()
    {
        var item = Eval(90, explain: true).Explanation!.Items.Single(i => i.Key == "grade");
        Assert.Equal("case 2: points >= 84", item.Notes[0]);
        Assert.Equal("points >= 84", item.Rule);
        var none = Eval(10, explain: true).Explanation!.Items.Single(i => i.Key == "grade");
        Assert.Equal("no case held: else", none.Notes[0]);
    }
}

public class EligibilityTests
{
    private const string Yaml = """
        id: aid
        name: aid
        version: "1"
        subject:
          key: id
          fields:
            id: string
            income: decimal
            members: integer
            vehicle: boolean
            docs: { type: list, values: [id_card, hukou, form, proof] }
        criteria:
          low_income: { label: 收入低于标准, when: income < 500 }
          has_members: { label: 有家庭成员, when: members > 0 }
          no_vehicle: not vehicle
        eligibility:
          dibao:
            label: 低保
            conditions: [has_members, low_income, no_vehicle]
            documents: { provided: docs, required: [id_card, hukou, form] }
            amount: (500 - income) * 1000 / (members * 1000)
          plain:
            conditions: [low_income]
          nested:
            conditions: [dibao, has_members]
            amount: 7
        outcomes: [dibao, plain, nested]

        """;

    private static Evaluation Eval(decimal income, int members = 2, bool vehicle = false, params string[] docs) =>
        TestRules.Run(Yaml).Evaluate(new Dictionary<string, object?>
        {
            ["id"] = "E", ["income"] = income, ["members"] = members, ["vehicle"] = vehicle, ["docs"] = docs.ToList(),
        });

    private static string[] Texts(Value list) => list.AsList.Select(v => v.ToString()).ToArray();

    [Fact]
    public void Eligibility_AllConditionsAndDocuments_IsEligibleWithAmount()
    {
        var r = Eval(300, 2, false, "id_card", "hukou", "form")["dibao"];
        Assert.Equal(ValueKind.Object, r.Kind);
        Assert.Equal("eligible", r["status"].AsText);
        Assert.Equal(100m, r["amount"].AsNumber);
        Assert.Empty(r["missing_documents"].AsList);
        Assert.Empty(r["reasons"].AsList);
        Assert.Equal("{status: eligible, amount: 100, missing_documents: [], reasons: []}", r.ToString());
    }

    [Fact]
    public void Eligibility_MissingDocuments_ListsThemInRequiredOrder()
    {
        var r = Eval(300, 2, false, "hukou")["dibao"];
        Assert.Equal("eligible_missing_documents", r["status"].AsText);
        Assert.Equal(new[] { "id_card", "form" }, Texts(r["missing_documents"]));
        Assert.Equal(100m, r["amount"].AsNumber);
    }

    [Fact]
    public void Eligibility_FailedConditions_AreAllListedAsReasonsByKey()
    {
        var r = Eval(600, 2, true, "id_card")["dibao"];
        Assert.Equal("not_eligible", r["status"].AsText);
        Assert.Equal(new[] { "low_income", "no_vehicle" }, Texts(r["reasons"]));
    }

    [Fact]
    public void Eligibility_NotEligible_HasAmountZeroAndNoMissingDocuments()
    {
        var r = Eval(600, 2, false)["dibao"];
        Assert.Equal(0m, r["amount"].AsNumber);
        Assert.Empty(r["missing_documents"].AsList);
    }

    [Fact]
    public void Eligibility_AmountIsNotEvaluatedWhenNotEligible()
    {
        // members = 0 fails has_members, and the amount would divide by zero
        var e = Eval(100, members: 0);
        Assert.True(e.Succeeded);
        Assert.Equal("not_eligible", e["dibao"]["status"].AsText);
        Assert.Equal(new[] { "has_members" }, Texts(e["dibao"]["reasons"]));
    }

    [Fact]
    public void Eligibility_WithoutAmountOrDocuments_HasNoAmountField()
    {
        var r = Eval(100)["plain"];
        Assert.Equal("{status: eligible, missing_documents: [], reasons: []}", r.ToString());
        var info = TestRules.Compile(Yaml).Outcomes.Single(o => o.Key == "plain");
        Assert.Equal(new[] { "status", "missing_documents", "reasons" }, info.Fields);
        Assert.Equal("eligibility", info.Kind.ToKeyword());
    }

    [Fact]
    public void Eligibility_AsConditionOfAnother_UsesItsMetState()
    {
        Assert.Equal("eligible", Eval(100, 2, false)["nested"]["status"].AsText);
        var r = Eval(900, 2, false)["nested"];
        Assert.Equal("not_eligible", r["status"].AsText);
        Assert.Equal(new[] { "dibao" }, Texts(r["reasons"]));
    }
}
