using Scoring.Diagnostics;
using Scoring.Runtime;
using Scoring.Tests.Support;
using static Scoring.Tests.Support.Sandbox;

namespace Scoring.Tests.Language;

/// <summary>
/// Operators and functions evaluated end to end: each expression is the value 'result' of a tiny rule
/// set over <see cref="Sandbox"/>'s schema, evaluated for a record whose defaults are
/// x = 1.5, y = 2, n = 7, k = 2, b = true, c = false, s = 'abc', color = green, d = 2024-03-15,
/// d2 = 2024-01-31, mo = 2023-05, opt and opt_s empty, docs = [id_card, hukou],
/// members = [(age 70, income 0, unemployed), (45, 3000, employed), (10, 0, unemployed, school true)].
/// </summary>
public class OperatorTests
{
    private static readonly IReadOnlyList<IReadOnlyDictionary<string, object?>> NoMembers = new List<IReadOnlyDictionary<string, object?>>();

    private static void AssertNumber(string expected, string expr, IReadOnlyDictionary<string, object?>? overrides = null)
    {
        var v = Value(expr, overrides);
        Assert.Equal(ValueKind.Number, v.Kind);
        Assert.Equal(expected, v.ToString());
    }

    private static void AssertBool(bool expected, string expr, IReadOnlyDictionary<string, object?>? overrides = null)
    {
        var v = Value(expr, overrides);
        Assert.Equal(ValueKind.Boolean, v.Kind);
        Assert.Equal(expected, v.AsBoolean);
    }

    private static void AssertDate(string expected, string expr)
    {
        var v = Value(expr);
        Assert.Equal(ValueKind.Date, v.Kind);
        Assert.Equal(expected, v.ToString());
    }

    private static EvaluationError AssertRejected(string code, string expr, IReadOnlyDictionary<string, object?>? overrides = null)
    {
        var e = Evaluate(expr, overrides);
        Assert.False(e.Succeeded);
        Assert.Empty(e.Outcomes);
        Assert.Equal(code, e.Error!.Code);
        return e.Error;
    }

    // ------------------------------------------------------------------ arithmetic

    [Fact]
    public void Evaluate_PointOnePlusPointTwo_IsExactlyPointThree()
    {
        AssertNumber("0.3", "0.1 + 0.2");
        AssertBool(true, "0.1 + 0.2 == 0.3");
        Assert.Equal(0.3m, Value("0.1 + 0.2").AsNumber);
    }

    [Fact]
    public void Evaluate_OneThirdTimesThree_IsTwentyEightNinesNotOne()
    {
        // decimal keeps 28 significant digits: 1/3 is rounded, so multiplying back does not give 1
        AssertNumber("0.3333333333333333333333333333", "1 / 3");
        AssertNumber("0.9999999999999999999999999999", "1 / 3 * 3");
        AssertBool(false, "1 / 3 * 3 == 1");
        AssertBool(true, "1 * 3 / 3 == 1");
    }

    [Theory]
    [InlineData("9 / 10", "0.9")]
    [InlineData("n / k", "3.5")]
    [InlineData("2 / 2", "1")]
    [InlineData("1 / 8", "0.125")]
    public void Evaluate_IntegerDividedByInteger_IsDecimal(string expr, string expected)
    {
        AssertNumber(expected, expr);
    }

    [Theory]
    [InlineData("7 - 10", "-3")]
    [InlineData("2 * 3.5", "7")]
    [InlineData("x * y", "3")]
    [InlineData("x + y - n", "-3.5")]
    [InlineData("-x", "-1.5")]
    [InlineData("--x", "1.5")]
    [InlineData("1_000 * 3", "3000")]
    [InlineData("0.1 * 3", "0.3")]
    [InlineData("2 + 3 * 4", "14")]
    [InlineData("(2 + 3) * 4", "20")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("24 / 4 / 2", "3")]
    [InlineData("79228162514264337593543950335 - 1", "79228162514264337593543950334")]
    public void Evaluate_Arithmetic_IsExact(string expr, string expected)
    {
        AssertNumber(expected, expr);
    }

    [Fact]
    public void Evaluate_DecimalFieldValue_KeepsAllDigits()
    {
        AssertNumber("0.0000000000000000000000000001", "x", With(("x", "0.0000000000000000000000000001")));
    }

    // ------------------------------------------------------------------ comparisons

    [Theory]
    [InlineData("n > 6", true)]
    [InlineData("n >= 7", true)]
    [InlineData("n > 7", false)]
    [InlineData("n < 7", false)]
    [InlineData("n <= 7", true)]
    [InlineData("n == 7.0", true)]
    [InlineData("n != 7", false)]
    [InlineData("x == 1.50", true)]
    [InlineData("s == 'abc'", true)]
    [InlineData("s != 'ABC'", true)]
    [InlineData("s == \"abc\"", true)]
    [InlineData("color == 'green'", true)]
    [InlineData("color != 'red'", true)]
    [InlineData("b == true", true)]
    [InlineData("b != c", true)]
    [InlineData("d > d2", true)]
    [InlineData("d == date('2024-03-15')", true)]
    [InlineData("date('2023-07-01') < date('2023-07-02')", true)]
    [InlineData("mo < month('2023-06')", true)]
    [InlineData("mo == month('2023-05')", true)]
    [InlineData("居民人数 >= 500", true)]
    public void Evaluate_Comparison_GivesExpectedResult(string expr, bool expected)
    {
        AssertBool(expected, expr);
    }

    // ------------------------------------------------------------------ logic

    [Theory]
    [InlineData("b and c", false)]
    [InlineData("b or c", true)]
    [InlineData("not c", true)]
    [InlineData("not b", false)]
    [InlineData("not not b", true)]
    [InlineData("c or c", false)]
    [InlineData("b and b", true)]
    [InlineData("c or b and c", false)]
    [InlineData("(c or b) and b", true)]
    public void Evaluate_Logic_GivesExpectedResult(string expr, bool expected)
    {
        AssertBool(expected, expr);
    }

    [Fact]
    public void Evaluate_OrWithTrueLeftSide_DoesNotEvaluateTheDivision()
    {
        AssertBool(true, "x == 0 or y / x > 1", With(("x", 0m)));
    }

    [Fact]
    public void Evaluate_AndWithFalseLeftSide_DoesNotEvaluateTheDivision()
    {
        AssertBool(false, "x != 0 and y / x > 1", With(("x", 0m)));
    }

    [Fact]
    public void Evaluate_DivisionBeforeTheGuard_IsEvaluatedAndFails()
    {
        // control for the two tests above: the order of the operands matters
        AssertRejected(DiagnosticCodes.DivisionByZero, "y / x > 1 or x == 0", With(("x", 0m)));
    }

    [Fact]
    public void Evaluate_IfOnlyEvaluatesTheChosenBranch()
    {
        AssertNumber("0", "if x == 0 then 0 else y / x", With(("x", 0m)));
        AssertNumber("4", "if x == 0 then 0 else y / x", With(("x", 0.5m)));
    }

    // ------------------------------------------------------------------ in / between

    [Theory]
    [InlineData("n in [1, 7, 9]", true)]
    [InlineData("n in [1, 9]", false)]
    [InlineData("n not in [1, 7]", false)]
    [InlineData("n not in [1, 9]", true)]
    [InlineData("color in ['red', 'blue']", false)]
    [InlineData("color in ['green']", true)]
    [InlineData("color not in ['red', 'blue']", true)]
    [InlineData("x in [1.50]", true)]
    [InlineData("s in ['ab', 'abc']", true)]
    [InlineData("d in [date('2024-03-15'), date('2024-03-16')]", true)]
    [InlineData("n in [k + 5]", true)]
    public void Evaluate_InList_GivesExpectedResult(string expr, bool expected)
    {
        AssertBool(expected, expr);
    }

    [Theory]
    [InlineData("n between 7 and 10", true)]   // low end included
    [InlineData("n between 1 and 7", true)]    // high end included
    [InlineData("n between 7 and 7", true)]
    [InlineData("n between 8 and 10", false)]
    [InlineData("n between 1 and 6", false)]
    [InlineData("n between 10 and 1", false)]  // reversed bounds hold for nothing
    [InlineData("x between 1 and 2", true)]
    [InlineData("x between 1.5 and 1.5", true)]
    [InlineData("n between 6.99 and 7.01", true)]
    [InlineData("d between date('2024-03-15') and date('2024-12-31')", true)]
    [InlineData("d between date('2024-01-01') and date('2024-03-14')", false)]
    [InlineData("mo between month('2023-01') and month('2023-05')", true)]
    public void Evaluate_Between_IncludesBothEnds(string expr, bool expected)
    {
        AssertBool(expected, expr);
    }

    // ------------------------------------------------------------------ if / ?? / is_empty

    [Fact]
    public void Evaluate_If_ChoosesTheBranchByCondition()
    {
        Assert.Equal("yes", Value("if b then 'yes' else 'no'").AsText);
        AssertNumber("2.5", "if c then 1 else 2.5");
    }

    [Fact]
    public void Evaluate_CoalesceOnEmptyOptional_GivesFallback()
    {
        AssertNumber("5", "opt ?? 5");
        Assert.Equal("none", Value("opt_s ?? 'none'").AsText);
    }

    [Fact]
    public void Evaluate_CoalesceOnPresentOptional_GivesTheValue()
    {
        AssertNumber("3.25", "opt ?? 5", With(("opt", 3.25m)));
        Assert.Equal("x", Value("opt_s ?? 'none'", With(("opt_s", "x"))).AsText);
    }

    [Fact]
    public void Evaluate_CoalescedOptionalInArithmetic_Works()
    {
        AssertNumber("1", "(opt ?? 0) + 1");
        AssertNumber("3", "(opt ?? 0) + 1", With(("opt", 2)));
    }

    [Fact]
    public void Evaluate_IsEmpty_TellsWhetherTheOptionalFieldIsEmpty()
    {
        AssertBool(true, "is_empty(opt)");
        AssertBool(false, "is_empty(opt)", With(("opt", 0m)));
        AssertBool(true, "is_empty(opt)", With(("opt", "")));
    }

    // ------------------------------------------------------------------ min / max / abs

    [Theory]
    [InlineData("min(3, 1.5, 2)", "1.5")]
    [InlineData("max(n, k, 10)", "10")]
    [InlineData("max(n, k)", "7")]
    [InlineData("min(-1, -3)", "-3")]
    [InlineData("abs(-2.5)", "2.5")]
    [InlineData("abs(x)", "1.5")]
    [InlineData("abs(0)", "0")]
    public void Evaluate_MinMaxAbs_OnNumbers(string expr, string expected)
    {
        AssertNumber(expected, expr);
    }

    [Fact]
    public void Evaluate_MinMaxOfDates_GiveDates()
    {
        AssertDate("2024-01-31", "min(d, d2)");
        AssertDate("2024-03-15", "max(d, d2)");
    }

    // ------------------------------------------------------------------ rounding

    [Theory]
    [InlineData("round(2.5)", "3")]
    [InlineData("round(-2.5)", "-3")]
    [InlineData("round(2.4)", "2")]
    [InlineData("round(2.5, 0, 'half_up')", "3")]
    [InlineData("round(-2.5, 0, 'half_up')", "-3")]
    [InlineData("round(2.5, 0, 'half_even')", "2")]
    [InlineData("round(3.5, 0, 'half_even')", "4")]
    [InlineData("round(-2.5, 0, 'half_even')", "-2")]
    [InlineData("round(2.1, 0, 'up')", "3")]
    [InlineData("round(-2.1, 0, 'up')", "-3")]
    [InlineData("round(2.0, 0, 'up')", "2")]
    [InlineData("round(2.9, 0, 'down')", "2")]
    [InlineData("round(-2.9, 0, 'down')", "-2")]
    [InlineData("round(1.005, 2)", "1.01")]
    [InlineData("round(1234.5678, 1)", "1234.6")]
    [InlineData("round(1.2345, 2, 'half_even')", "1.23")]
    [InlineData("round(1.235, 2, 'half_even')", "1.24")]
    [InlineData("round(1.225, 2, 'half_even')", "1.22")]
    [InlineData("round(2.341, 2, 'up')", "2.35")]
    [InlineData("round(-2.341, 2, 'up')", "-2.35")]
    [InlineData("round(2.349, 2, 'down')", "2.34")]
    [InlineData("round(x / 7, 4)", "0.2143")]
    public void Evaluate_Round_UsesTheModeAndDigits(string expr, string expected)
    {
        AssertNumber(expected, expr);
    }

    [Theory]
    [InlineData("floor(2.7)", "2")]
    [InlineData("floor(-2.7)", "-3")]
    [InlineData("floor(5)", "5")]
    [InlineData("ceil(2.1)", "3")]
    [InlineData("ceil(-2.1)", "-2")]
    [InlineData("floor(2.789, 2)", "2.78")]
    [InlineData("floor(-2.781, 2)", "-2.79")]
    [InlineData("ceil(2.781, 2)", "2.79")]
    [InlineData("ceil(-2.789, 2)", "-2.78")]
    [InlineData("ceil(2.780, 2)", "2.78")]
    public void Evaluate_FloorAndCeil_RoundTowardsInfinities(string expr, string expected)
    {
        AssertNumber(expected, expr);
    }

    // ------------------------------------------------------------------ dates and months

    [Theory]
    [InlineData("age(date('2000-02-29'), date('2023-02-28'))", "22")]
    [InlineData("age(date('2000-02-29'), date('2023-03-01'))", "23")]
    [InlineData("age(date('2000-02-29'), date('2024-02-29'))", "24")]
    [InlineData("age(date('2000-03-15'), date('2024-03-15'))", "24")]   // on the birthday
    [InlineData("age(date('2000-03-15'), date('2024-03-14'))", "23")]   // the day before
    [InlineData("age(date('2000-03-15'), date('2000-03-15'))", "0")]
    [InlineData("years_between(date('2020-06-30'), date('2024-06-29'))", "3")]
    public void Evaluate_Age_CountsCompletedYears(string expr, string expected)
    {
        AssertNumber(expected, expr);
    }

    [Fact]
    public void Evaluate_AgeOnAsOf_UsesTheRunDate()
    {
        Assert.Equal(34m, Value("age(date('1990-06-30'), as_of)", asOf: new DateOnly(2024, 6, 30)).AsNumber);
        Assert.Equal(33m, Value("age(date('1990-06-30'), as_of)", asOf: new DateOnly(2024, 6, 29)).AsNumber);
    }

    [Theory]
    [InlineData("months_between(date('2023-01-31'), date('2023-02-28'))", "0")]
    [InlineData("months_between(date('2023-01-15'), date('2023-03-15'))", "2")]
    [InlineData("months_between(date('2023-01-15'), date('2023-03-14'))", "1")]
    [InlineData("months_between(date('2023-03-15'), date('2023-01-15'))", "-2")]
    [InlineData("months_between(date('2022-12-01'), date('2024-01-01'))", "13")]
    [InlineData("days_between(date('2024-02-28'), date('2024-03-01'))", "2")]
    [InlineData("days_between(date('2023-02-28'), date('2023-03-01'))", "1")]
    [InlineData("days_between(date('2023-03-01'), date('2023-02-28'))", "-1")]
    [InlineData("days_between(d2, d)", "44")]
    [InlineData("d - d2", "44")]
    [InlineData("month('2024-01') - mo", "8")]
    [InlineData("year(d)", "2024")]
    [InlineData("month_of(d)", "3")]
    [InlineData("day(d)", "15")]
    [InlineData("year(mo)", "2023")]
    [InlineData("month_of(mo)", "5")]
    public void Evaluate_DateArithmetic_GivesNumbers(string expr, string expected)
    {
        AssertNumber(expected, expr);
    }

    [Theory]
    [InlineData("add_months(date('2023-01-31'), 1)", "2023-02-28")]
    [InlineData("add_months(date('2024-01-31'), 1)", "2024-02-29")]
    [InlineData("add_months(date('2023-03-31'), -1)", "2023-02-28")]
    [InlineData("add_months(date('2023-01-31'), 13)", "2024-02-29")]
    [InlineData("add_months(date('2023-05-15'), 0)", "2023-05-15")]
    [InlineData("add_years(date('2024-02-29'), 1)", "2025-02-28")]
    [InlineData("add_years(date('2024-02-29'), 4)", "2028-02-29")]
    [InlineData("d + 1", "2024-03-16")]
    [InlineData("1 + d", "2024-03-16")]
    [InlineData("d - 15", "2024-02-29")]
    [InlineData("date('2023-12-31') + 1", "2024-01-01")]
    [InlineData("date('2023-07-01')", "2023-07-01")]
    public void Evaluate_DateFunctions_GiveDates(string expr, string expected)
    {
        AssertDate(expected, expr);
    }

    [Theory]
    [InlineData("month(d)", "2024-03")]
    [InlineData("mo + 1", "2023-06")]
    [InlineData("mo + 8", "2024-01")]
    [InlineData("mo - 5", "2022-12")]
    [InlineData("month('2023-05')", "2023-05")]
    public void Evaluate_MonthExpressions_GiveMonths(string expr, string expected)
    {
        var v = Value(expr);
        Assert.Equal(ValueKind.Month, v.Kind);
        Assert.Equal(expected, v.ToString());
    }

    [Fact]
    public void Evaluate_DateOutOfRange_IsRejectedWithSCR0504()
    {
        AssertRejected(DiagnosticCodes.Overflow, "add_years(d, 9000)");
        AssertRejected(DiagnosticCodes.Overflow, "date('9999-12-31') + 1");
    }

    // ------------------------------------------------------------------ aggregates

    [Theory]
    [InlineData("count(members)", "3")]
    [InlineData("count(members where age >= 60)", "1")]
    [InlineData("count(members where employed or age < 18)", "2")]
    [InlineData("sum(members, income)", "3000")]
    [InlineData("sum(members where employed, income)", "3000")]
    [InlineData("sum(members where not employed, income)", "0")]
    [InlineData("sum(members, age)", "125")]
    [InlineData("sum(members, income / 2 + 1)", "1503")]
    [InlineData("min(members, age)", "10")]
    [InlineData("max(members, age)", "70")]
    [InlineData("max(members where employed, age)", "45")]
    [InlineData("min(members where age >= 18, age)", "45")]
    public void Evaluate_NumericAggregate_OverChildren(string expr, string expected)
    {
        AssertNumber(expected, expr);
    }

    [Theory]
    [InlineData("any(members where age >= 60)", true)]
    [InlineData("any(members where age >= 100)", false)]
    [InlineData("any(members, employed)", true)]
    [InlineData("any(members where age < 18, employed)", false)]
    [InlineData("all(members, age > 5)", true)]
    [InlineData("all(members, employed)", false)]
    [InlineData("all(members where age between 18 and 59, employed)", true)]
    [InlineData("all(members where age > 100, employed)", true)]   // nothing matches: true
    [InlineData("all(members where age between 6 and 15, school ?? false)", true)]
    [InlineData("all(members, school ?? false)", false)]
    public void Evaluate_BooleanAggregate_OverChildren(string expr, bool expected)
    {
        AssertBool(expected, expr);
    }

    [Theory]
    [InlineData("count(members)", "0")]
    [InlineData("sum(members, income)", "0")]
    [InlineData("count(members where employed)", "0")]
    public void Evaluate_NumericAggregateOverNoChildren_IsZero(string expr, string expected)
    {
        AssertNumber(expected, expr, With(("members", NoMembers)));
    }

    [Fact]
    public void Evaluate_AllOverNoChildren_IsTrue()
    {
        AssertBool(true, "all(members, employed)", With(("members", NoMembers)));
    }

    [Fact]
    public void Evaluate_AnyOverNoChildren_IsFalse()
    {
        AssertBool(false, "any(members, employed)", With(("members", NoMembers)));
        AssertBool(false, "any(members where age > 0)", With(("members", NoMembers)));
    }

    [Theory]
    [InlineData("min(members, age)")]
    [InlineData("max(members, income)")]
    public void Evaluate_MinOrMaxOverNoChildren_IsRejectedWithSCR0505(string expr)
    {
        var err = AssertRejected(DiagnosticCodes.EmptyCollection, expr, With(("members", NoMembers)));
        Assert.Equal($"no child record matched, so there is no minimum or maximum (guard it with count(...) > 0) in '{expr}' while evaluating value 'result'", err.Message);
        Assert.Equal(("test.yaml", 34, 7), (err.Span.File, err.Span.Line, err.Span.Column));
    }

    [Fact]
    public void Evaluate_MinOverNoMatchingChild_IsRejectedWithSCR0505()
    {
        AssertRejected(DiagnosticCodes.EmptyCollection, "min(members where age > 100, age)");
    }

    [Fact]
    public void Evaluate_MinGuardedByCount_IsNotEvaluated()
    {
        AssertNumber("-1", "if count(members) > 0 then min(members, age) else -1", With(("members", NoMembers)));
    }

    [Fact]
    public void Evaluate_ParentFieldInsideAggregateFilter_ReadsTheParentRecord()
    {
        AssertNumber("2", "count(members where age > n)", With(("n", 40)));
        AssertNumber("0", "count(members where age > n)", With(("n", 80)));
    }

    [Fact]
    public void Evaluate_ParentFieldInsideAggregateBody_ReadsTheParentRecord()
    {
        AssertNumber("250", "sum(members, age * k)");
        AssertBool(true, "any(members, income > y * 1000)");
    }

    [Fact]
    public void Evaluate_DerivedValueInsideAggregate_IsComputedFirst()
    {
        var run = TestRules.Run(Yaml("count(members where age > threshold)", "threshold: n * 10"));
        Assert.Equal(0m, run.Evaluate(Record())["result"].AsNumber);               // threshold 70: nobody over 70
        Assert.Equal(1m, run.Evaluate(Record(With(("n", 6))))["result"].AsNumber); // threshold 60
        Assert.Equal(2m, run.Evaluate(Record(With(("n", 4))))["result"].AsNumber); // threshold 40
    }

    [Fact]
    public void Evaluate_AggregateWithChildRecordsFromJson_ReadsThem()
    {
        var run = TestRules.Run(Yaml("sum(members where employed, income)"));
        var json = System.Text.Json.JsonDocument.Parse("""
            {"id":"J","x":1,"y":2,"n":3,"k":4,"big":1,"b":true,"c":false,"s":"s","color":"red",
             "d":"2024-01-01","d2":"2024-01-01","mo":"2024-01","居民人数":1,"docs":[],
             "members":[{"age":30,"income":1000.5,"employed":true},{"age":40,"income":99,"employed":false},{"age":50,"income":0.5,"employed":true}]}
            """).RootElement;
        var e = run.Evaluate(json);
        Assert.Null(e.Error);
        Assert.Equal(1001m, e["result"].AsNumber);
    }

    // ------------------------------------------------------------------ lists

    [Theory]
    [InlineData("contains(docs, 'id_card')", true)]
    [InlineData("contains(docs, 'hukou')", true)]
    [InlineData("contains(docs, 'passport')", false)]
    [InlineData("contains(docs, 'ID_CARD')", false)]
    public void Evaluate_Contains_ChecksTheListField(string expr, bool expected)
    {
        AssertBool(expected, expr);
    }

    [Fact]
    public void Evaluate_ContainsOnEmptyList_IsFalse()
    {
        AssertBool(false, "contains(docs, 'id_card')", With(("docs", new List<string>())));
    }

    [Fact]
    public void Evaluate_CountOfListField_IsItsLength()
    {
        AssertNumber("2", "count(docs)");
        AssertNumber("0", "count(docs)", With(("docs", new List<string>())));
    }

    // ------------------------------------------------------------------ text

    [Fact]
    public void Evaluate_TextWithEscapedQuote_KeepsOneQuote()
    {
        Assert.Equal("it's", Value("'it''s'").AsText);
        AssertBool(true, "s == 'it''s'", With(("s", "it's")));
    }

    [Fact]
    public void Evaluate_ChineseIdentifierAndText_Work()
    {
        AssertNumber("1040", "居民人数 * 2");
        Assert.Equal("大", Value("if 居民人数 >= 500 then '大' else '小'").AsText);
    }

    // ------------------------------------------------------------------ scopes

    private const string Villages = """
        id: villages
        name: villages
        version: "1"
        subject:
          key: id
          fields:
            id: string
            age: integer
            limit: integer
          collections:
            households:
              fields:
                poor: boolean
              collections:
                members:
                  fields:
                    age: integer
        values:
          old_members: sum(households, count(members where age >= 60))
          parent_age_used: count(households where poor and age > 40)
          households_with_child_over_limit: count(households where any(members where age > limit))
          youngest_in_poor: min(households where poor, min(members, age))
        outcomes: [old_members, parent_age_used, households_with_child_over_limit, youngest_in_poor]

        """;

    private static Evaluation EvaluateVillage(int age, int limit)
    {
        static IReadOnlyDictionary<string, object?> H(bool poor, params int[] ages) => new Dictionary<string, object?>
        {
            ["poor"] = poor,
            ["members"] = ages.Select(a => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["age"] = a }).ToList(),
        };
        return TestRules.Run(Villages).Evaluate(new Dictionary<string, object?>
        {
            ["id"] = "V", ["age"] = age, ["limit"] = limit,
            ["households"] = new List<IReadOnlyDictionary<string, object?>> { H(true, 70, 8), H(false, 61, 62, 30), H(true, 35, 12) },
        });
    }

    [Fact]
    public void Evaluate_ChildFieldShadowsParentField_InsideAggregate()
    {
        // 'age' inside members(...) is the member's age, not the village's
        Assert.Equal(3m, EvaluateVillage(age: 0, limit: 0)["old_members"].AsNumber);
        Assert.Equal(3m, EvaluateVillage(age: 99, limit: 0)["old_members"].AsNumber);
    }

    [Fact]
    public void Evaluate_ParentFieldNotShadowed_IsVisibleInChildScope()
    {
        // households have no 'age', so 'age' in a household filter is the village's
        Assert.Equal(2m, EvaluateVillage(age: 41, limit: 0)["parent_age_used"].AsNumber);
        Assert.Equal(0m, EvaluateVillage(age: 40, limit: 0)["parent_age_used"].AsNumber);
    }

    [Fact]
    public void Evaluate_NestedAggregate_SeesTheOutermostRecord()
    {
        Assert.Equal(2m, EvaluateVillage(age: 0, limit: 61)["households_with_child_over_limit"].AsNumber);
        Assert.Equal(1m, EvaluateVillage(age: 0, limit: 62)["households_with_child_over_limit"].AsNumber);
        Assert.Equal(8m, EvaluateVillage(age: 0, limit: 0)["youngest_in_poor"].AsNumber);
    }
}
