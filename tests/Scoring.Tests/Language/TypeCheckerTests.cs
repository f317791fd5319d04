using Scoring.Diagnostics;
using Scoring.Tests.Support;

namespace Scoring.Tests.Language;

public class TypeCheckerTests
{
    // 21 lines: whatever a test appends starts on line 22.
    private const string Head = """
        id: t
        name: t
        version: "1"
        subject:
          key: id
          fields:
            id: string
            residents: integer
            households: integer
            area: decimal
            flag: boolean
            county: string
            color: { type: enum, values: [red, green, blue] }
            born: date
            opt: { type: decimal, optional: true }
            docs: { type: list, values: [id_card, hukou] }
          collections:
            members:
              fields:
                age: integer
                employed: boolean

        """;

    /// <summary>A file whose only definition is <c>v: expr</c> on line 23 (the expression starts at column 6).</summary>
    private static string Value(string expr) => Head + "values:\n  v: " + expr + "\noutcomes: [v]\n";

    private static IReadOnlyList<string> Diagnostics(string yaml) => TestRules.DiagnosticLines(yaml);

    private static string Single(string yaml) => Assert.Single(Diagnostics(yaml));

    [Fact]
    public void Head_IsValidOnItsOwn()
    {
        Assert.Empty(Diagnostics(Value("residents + 1")));
        Assert.Equal(22, Head.Split('\n').Length);
    }

    // ------------------------------------------------------------------ names (SCR0201)

    [Fact]
    public void Bind_UnknownNameCloseToAField_ReportsSCR0201WithDidYouMean()
    {
        Assert.Equal("test.yaml(23,6): error SCR0201: unknown name 'residnts'; did you mean 'residents'?", Single(Value("residnts + 1")));
    }

    [Fact]
    public void Bind_UnknownNameCloseToADefinition_SuggestsTheDefinition()
    {
        var yaml = Head + "values:\n  garden_required: 20 * households\n  v: garden_requird + 1\noutcomes: [v]\n";
        Assert.Equal("test.yaml(24,6): error SCR0201: unknown name 'garden_requird'; did you mean 'garden_required'?", Single(yaml));
    }

    [Fact]
    public void Bind_UnknownNameFarFromEveryName_HasNoSuggestion()
    {
        Assert.Equal("test.yaml(23,10): error SCR0201: unknown name 'zzzzzzzz'", Single(Value("1 + zzzzzzzz")));
    }

    [Fact]
    public void Bind_FunctionNameWithoutParentheses_SaysItIsAFunction()
    {
        Assert.Equal("test.yaml(23,6): error SCR0201: unknown name 'count'; 'count' is a function: write count(...)", Single(Value("count")));
    }

    [Fact]
    public void Bind_MisspeltChildFieldInAggregate_SuggestsTheChildField()
    {
        Assert.Equal("test.yaml(23,26): error SCR0201: unknown name 'agee'; did you mean 'age'?", Single(Value("count(members where agee > 60)")));
    }

    [Fact]
    public void Bind_ChildFieldOutsideAggregate_IsUnknown()
    {
        Assert.Equal("test.yaml(23,10): error SCR0201: unknown name 'employed'", Single(Value("not employed")));
    }

    [Fact]
    public void Bind_AsOf_IsAKnownDate()
    {
        Assert.Empty(Diagnostics(Value("age(born, as_of)")));
    }

    // ------------------------------------------------------------------ type mismatches (SCR0202)

    [Theory]
    [InlineData("residents + true", "test.yaml(23,16): error SCR0202: '+' cannot combine integer and boolean")]
    [InlineData("\"'a' < 'b'\"", "test.yaml(23,7): error SCR0202: '<' compares numbers, dates or months, not text")]
    [InlineData("if flag then 1 else 'a'", "test.yaml(23,26): error SCR0202: 'then' is integer but 'else' is text; both branches must have the same type")]
    [InlineData("county + 1", "test.yaml(23,13): error SCR0202: '+' cannot combine text and integer")]
    [InlineData("area + born", "test.yaml(23,11): error SCR0202: '+' cannot combine decimal and date")]
    [InlineData("born + 1.5", "test.yaml(23,11): error SCR0202: '+' cannot combine date and decimal (only whole numbers of days or months can be added to a date or month)")]
    [InlineData("flag and 1", "test.yaml(23,15): error SCR0202: the right side of 'and' must be a yes/no condition (boolean), but this is integer")]
    [InlineData("residents or flag", "test.yaml(23,6): error SCR0202: the left side of 'or' must be a yes/no condition (boolean), but this is integer")]
    [InlineData("not residents", "test.yaml(23,10): error SCR0202: the operand of 'not' must be a yes/no condition (boolean), but this is integer")]
    [InlineData("-flag", "test.yaml(23,7): error SCR0202: the operand of '-' must be a number, but this is boolean")]
    [InlineData("if residents then 1 else 2", "test.yaml(23,9): error SCR0202: the condition of 'if' must be a yes/no condition (boolean), but this is integer")]
    [InlineData("residents == 'x'", "test.yaml(23,16): error SCR0202: cannot compare integer with text ('==')")]
    [InlineData("residents between 'a' and 2", "test.yaml(23,24): error SCR0202: cannot compare integer with text ('between')")]
    [InlineData("flag between true and false", "test.yaml(23,6): error SCR0202: 'between' compares numbers, dates or months, not boolean")]
    [InlineData("residents in [1, 'two']", "test.yaml(23,23): error SCR0202: cannot compare integer with text ('in')")]
    [InlineData("residents in []", "test.yaml(23,6): error SCR0202: the list after 'in' is empty")]
    [InlineData("min(1, born)", "test.yaml(23,13): error SCR0202: min() arguments must have the same type; date differs from integer")]
    [InlineData("max(flag, flag)", "test.yaml(23,10): error SCR0202: max() takes numbers, dates or months, not boolean")]
    [InlineData("residents ?? 0", "test.yaml(23,16): error SCR0202: '??' applies to an optional field or a classification without 'else'; 'residents' is never empty")]
    [InlineData("opt ?? 'none'", "test.yaml(23,13): error SCR0202: the value after '??' is text but 'opt' is decimal")]
    [InlineData("is_empty(residents)", "test.yaml(23,15): error SCR0202: is_empty() takes an optional field or a classification without 'else'; 'residents' is never empty")]
    [InlineData("contains(county, 'x')", "test.yaml(23,15): error SCR0202: contains() takes a list field first; 'county' is text")]
    [InlineData("docs == docs", "test.yaml(23,11): error SCR0202: lists cannot be compared with '=='; use contains()")]
    [InlineData("members + 1", "test.yaml(23,6): error SCR0202: 'members' is a collection; use count(), any(), all(), sum(), min(), max(), collect() or map() over it")]
    [InlineData("count(residents)", "test.yaml(23,12): error SCR0202: count() takes a collection first (e.g. count(members ...)); 'residents' is integer")]
    [InlineData("sum(members where age, age)", "test.yaml(23,24): error SCR0202: the 'where' filter must be a yes/no condition (boolean), but this is integer")]
    [InlineData("sum(members, employed)", "test.yaml(23,19): error SCR0202: the expression summed must be a number, but this is boolean")]
    [InlineData("min(members, employed)", "test.yaml(23,19): error SCR0202: min() over a collection takes numbers, dates or months, not boolean")]
    [InlineData("all(members, age)", "test.yaml(23,19): error SCR0202: the condition of all() must be a yes/no condition (boolean), but this is integer")]
    [InlineData("round(residents where flag)", "test.yaml(23,28): error SCR0202: 'where' is only allowed in count, any, all, sum, min and max over a collection")]
    [InlineData("add_months(born, 1.5)", "test.yaml(23,23): error SCR0202: the second argument of add_months() must be a whole number, not decimal")]
    [InlineData("day(residents)", "test.yaml(23,10): error SCR0202: day() takes a date, not integer")]
    [InlineData("age(born, 5)", "test.yaml(23,16): error SCR0202: the second argument of age() must be a date, but this is integer")]
    public void Bind_IllTypedExpression_ReportsSCR0202AtTheOffendingPart(string expr, string expected)
    {
        Assert.Equal(expected, Single(Value(expr)));
    }

    [Fact]
    public void Bind_IntegerDivision_IsDecimalSoDeclaredIntegerIsAMismatch()
    {
        var yaml = Head + "values:\n  v: { expr: residents / households, type: integer }\noutcomes: [v]\n";
        Assert.Equal("test.yaml(23,14): error SCR0202: value 'v' is declared integer but its expression is decimal", Single(yaml));
    }

    [Fact]
    public void Bind_DeclaredTypeMatching_IsAccepted()
    {
        var yaml = Head + "values:\n  v: { expr: residents * households, type: integer }\n  w: { expr: residents / households, type: decimal }\noutcomes: [v, w]\n";
        Assert.Empty(Diagnostics(yaml));
    }

    [Fact]
    public void Bind_CollectionAsAValue_ReportsSCR0202()
    {
        Assert.Equal("test.yaml(23,6): error SCR0202: value 'v' must be a single value, not a collection", Single(Value("members")));
    }

    [Fact]
    public void Bind_CriterionThatIsNotBoolean_ReportsSCR0202()
    {
        var yaml = Head + "criteria:\n  big: residents + 1\noutcomes: [big]\n";
        Assert.Equal("test.yaml(23,8): error SCR0202: criterion 'big' must be a yes/no condition (boolean), but this is integer", Single(yaml));
    }

    [Fact]
    public void Bind_PointsThatAreNotANumber_ReportsSCR0202()
    {
        var yaml = Head + "criteria:\n  big: { when: flag, score: total, points: \"'many'\" }\nscores:\n  total: {}\noutcomes: [total]\n";
        Assert.Equal("test.yaml(23,45): error SCR0202: points of 'big' must be a number, but this is text", Single(yaml));
    }

    [Fact]
    public void Bind_ClassificationCaseThatIsNotBoolean_ReportsSCR0202()
    {
        var yaml = Head + "classifications:\n  size:\n    cases:\n      - { when: residents, then: big }\n    else: small\noutcomes: [size]\n";
        Assert.Equal("test.yaml(25,17): error SCR0202: a case of 'size' must be a yes/no condition (boolean), but this is integer", Single(yaml));
    }

    // ------------------------------------------------------------------ enums (SCR0206)

    [Theory]
    [InlineData("color == 'purple'", "test.yaml(23,15): error SCR0206: 'purple' is not one of the values of 'color': red, green, blue")]
    [InlineData("\"'purple' != color\"", "test.yaml(23,7): error SCR0206: 'purple' is not one of the values of 'color': red, green, blue")]
    [InlineData("color in ['red', 'purple']", "test.yaml(23,23): error SCR0206: 'purple' is not one of the values of 'color': red, green, blue")]
    [InlineData("contains(docs, 'passport')", "test.yaml(23,21): error SCR0206: 'passport' is not one of the values of 'docs': id_card, hukou")]
    public void Bind_LiteralNotAMemberOfTheEnum_ReportsSCR0206(string expr, string expected)
    {
        Assert.Equal(expected, Single(Value(expr)));
    }

    [Fact]
    public void Bind_EnumComparedWithMember_IsAccepted()
    {
        Assert.Empty(Diagnostics(Value("color == 'red' or color not in ['green', 'blue']")));
    }

    [Fact]
    public void Bind_ClassificationComparedWithUnknownLabel_ReportsSCR0206()
    {
        var yaml = Head + """
            classifications:
              size:
                cases:
                  - { when: residents >= 500, then: big }
                else: small
            criteria:
              is_big: size == 'huge'
            outcomes: [is_big]

            """;
        Assert.Equal("test.yaml(28,19): error SCR0206: 'huge' is not one of the values of 'size': big, small", Single(yaml));
    }

    // ------------------------------------------------------------------ optional fields (SCR0204)

    [Theory]
    [InlineData("opt + 1", 6)]
    [InlineData("1 + opt", 10)]
    [InlineData("opt", 6)]
    [InlineData("max(opt, 1)", 10)]
    [InlineData("if is_empty(opt) then opt else 0", 28)]
    [InlineData("is_empty(opt) and opt > 1", 24)]
    public void Bind_OptionalFieldReadWithoutFallback_ReportsSCR0204(string expr, int column)
    {
        Assert.Equal($"test.yaml(23,{column}): error SCR0204: field 'opt' may be empty; write 'opt ?? <value if empty>' or test 'is_empty(opt)'", Single(Value(expr)));
    }

    [Theory]
    [InlineData("opt ?? 0")]
    [InlineData("(opt ?? 0) + 1")]
    [InlineData("is_empty(opt)")]
    [InlineData("not is_empty(opt) and (opt ?? 0) > 5")]
    [InlineData("if is_empty(opt) then 0 else opt")]
    [InlineData("not is_empty(opt) and opt > 5")]
    [InlineData("is_empty(opt) or opt > 5")]
    [InlineData("if not is_empty(opt) then opt + 1 else 0")]
    public void Bind_OptionalFieldWithFallbackOrTest_IsAccepted(string expr)
    {
        Assert.Empty(Diagnostics(Value(expr)));
    }

    [Fact]
    public void Bind_OptionalChildFieldWithoutFallback_ReportsSCR0204()
    {
        var yaml = Head.Replace("        employed: boolean\n", "        employed: boolean\n        school: { type: boolean, optional: true }\n")
                   + "values:\n  v: all(members, school)\noutcomes: [v]\n";
        Assert.Equal("test.yaml(24,19): error SCR0204: field 'school' may be empty; write 'school ?? <value if empty>' or test 'is_empty(school)'", Single(yaml));
    }

    // ------------------------------------------------------------------ functions (SCR0203, SCR0106)

    [Theory]
    [InlineData("foo(1)", "test.yaml(23,6): error SCR0203: unknown function 'foo'")]
    [InlineData("rond(1)", "test.yaml(23,6): error SCR0203: unknown function 'rond'; did you mean 'round'?")]
    [InlineData("rond(area)", "test.yaml(23,6): error SCR0203: unknown function 'rond'; did you mean 'round'?")]
    [InlineData("sqrt(area)", "test.yaml(23,6): error SCR0203: unknown function 'sqrt'")]
    public void Bind_UnknownFunction_ReportsSCR0203(string expr, string expected)
    {
        Assert.Equal(expected, Single(Value(expr)));
    }

    [Theory]
    [InlineData("round(area, 2, 'up', 4)", "wrong arguments for round(); use round(x), round(x, digits) or round(x, digits, 'half_up' | 'half_even' | 'up' | 'down')")]
    [InlineData("abs(1, 2)", "wrong arguments for abs(); use abs(x)")]
    [InlineData("age(born)", "wrong arguments for age(); use age(from_date, to_date)")]
    [InlineData("days_between(born, born, born)", "wrong arguments for days_between(); use days_between(from_date, to_date)")]
    [InlineData("floor(area, 1, 2)", "wrong arguments for floor(); use floor(x) or floor(x, digits)")]
    [InlineData("min(1)", "wrong arguments for min(); use min(a, b, ...) or min(collection, expression)")]
    [InlineData("count(members, 1, 2)", "wrong arguments for count(); use count(members) or count(members where condition)")]
    [InlineData("all(members)", "wrong arguments for all(); use all(members, condition) or all(members where filter, condition)")]
    [InlineData("any(members)", "wrong arguments for any(); use any(members where condition) or any(members, condition)")]
    [InlineData("sum(members where employed)", "wrong arguments for sum(); use sum(members, expression) or sum(members where filter, expression)")]
    [InlineData("max(members where employed)", "wrong arguments for max(); use max(members, expression) or max(members where filter, expression)")]
    public void Bind_WrongNumberOfArguments_ReportsSCR0203WithUsage(string expr, string message)
    {
        Assert.Equal($"test.yaml(23,6): error SCR0203: {message}", Single(Value(expr)));
    }

    [Theory]
    [InlineData("round(area, households)", "test.yaml(23,18): error SCR0106: the number of digits must be a whole number from 0 to 28 written as a literal")]
    [InlineData("round(area, 29)", "test.yaml(23,18): error SCR0106: the number of digits must be a whole number from 0 to 28 written as a literal")]
    [InlineData("round(area, 2, 'bankers')", "test.yaml(23,21): error SCR0106: rounding mode must be one of 'half_up' (四舍五入), 'half_even', 'up' (away from zero), 'down' (towards zero)")]
    [InlineData("born < date('2023-02-30')", "test.yaml(23,18): error SCR0106: '2023-02-30' is not a date YYYY-MM-DD")]
    [InlineData("month('2023-13') == month(born)", "test.yaml(23,12): error SCR0106: '2023-13' is not a month YYYY-MM")]
    [InlineData("date(county)", "test.yaml(23,6): error SCR0106: date() takes one quoted literal, e.g. date('2023-07-01')")]
    public void Bind_BadLiteralArgument_ReportsSCR0106(string expr, string expected)
    {
        Assert.Equal(expected, Single(Value(expr)));
    }

    // ------------------------------------------------------------------ cycles (SCR0205)

    [Fact]
    public void Bind_CycleBetweenValues_ReportsSCR0205WithTheChain()
    {
        var yaml = Head + """
            values:
              a: b + 1
              b: c * 2
              c: a - 3
            outcomes: [a]

            """;
        Assert.Equal("test.yaml(23,3): error SCR0205: circular definition: a → b → c → a; a rule cannot depend on itself", Single(yaml));
    }

    [Fact]
    public void Bind_ValueReferringToItself_ReportsSCR0205()
    {
        var yaml = Head + "values:\n  a: a + 1\noutcomes: [a]\n";
        Assert.Equal("test.yaml(23,3): error SCR0205: circular definition: a → a; a rule cannot depend on itself", Single(yaml));
    }

    [Fact]
    public void Bind_CycleThroughCriterionAndScore_ReportsSCR0205()
    {
        var yaml = Head + """
            criteria:
              good: { when: total >= 1, score: total }
            scores:
              total: { max: 5 }
            outcomes: [total]

            """;
        Assert.Equal("test.yaml(23,3): error SCR0205: circular definition: good → total → good; a rule cannot depend on itself", Single(yaml));
    }

    [Fact]
    public void Bind_CycleThroughAggregateFilter_ReportsSCR0205()
    {
        var yaml = Head + "values:\n  limit: count(members where age > limit)\noutcomes: [limit]\n";
        Assert.Equal("test.yaml(23,3): error SCR0205: circular definition: limit → limit; a rule cannot depend on itself", Single(yaml));
    }

    [Fact]
    public void Bind_TwoSeparateCycles_ReportsBoth()
    {
        var yaml = Head + "values:\n  a: b\n  b: a\n  c: d\n  d: c\noutcomes: [a]\n";
        Assert.Equal(new[]
        {
            "test.yaml(23,3): error SCR0205: circular definition: a → b → a; a rule cannot depend on itself",
            "test.yaml(25,3): error SCR0205: circular definition: c → d → c; a rule cannot depend on itself",
        }, Diagnostics(yaml));
    }

    [Fact]
    public void Bind_ValuesInAnyOrder_AreOrderedByDependency()
    {
        var yaml = Head + "values:\n  c: b * 2\n  b: a + 1\n  a: residents\noutcomes: [c]\n";
        var file = TestRules.Load(yaml);
        Assert.Empty(file.Diagnostics);
        Assert.Equal(new[] { "a", "b", "c" }, file.RuleSet!.Definitions.Select(d => d.Key));
    }

    [Fact]
    public void Bind_CycleAndOtherErrors_ReportsEveryProblemAtOnce()
    {
        var yaml = Head + "values:\n  a: b + 1\n  b: a * 2\n  c: residents + true\noutcomes: [a, nothere]\n";
        Assert.Equal(new[] { "SCR0205", "SCR0202", "SCR0207" }, TestRules.Codes(yaml));
    }

    // ------------------------------------------------------------------ names and references (SCR0208, SCR0209, SCR0006)

    [Fact]
    public void Bind_SameKeyAsValueAndCriterion_ReportsSCR0208()
    {
        var yaml = Head + "values:\n  big: residents\ncriteria:\n  big: residents > 1\noutcomes: [big]\n";
        Assert.Equal("test.yaml(25,3): error SCR0208: 'big' is defined twice; values, criteria, scores, classifications and eligibility share one namespace", Single(yaml));
    }

    [Fact]
    public void Bind_DefinitionNamedLikeAField_ReportsSCR0208()
    {
        var yaml = Head + "values:\n  residents: 5\n  v: 1\noutcomes: [v]\n";
        Assert.Equal("test.yaml(23,3): error SCR0208: 'residents' is already declared as an input field or parameter; fields, parameters and rules share one namespace", Single(yaml));
    }

    [Fact]
    public void Bind_DefinitionNamedAsOf_ReportsSCR0208()
    {
        var yaml = Head + "values:\n  as_of: 5\n  v: 1\noutcomes: [v]\n";
        Assert.Contains("error SCR0208: 'as_of' is already declared", Single(yaml));
    }

    [Fact]
    public void Bind_ParameterNamedLikeAField_ReportsSCR0208()
    {
        var yaml = Head + "parameters:\n  area: { type: decimal }\nvalues:\n  v: 1\noutcomes: [v]\n";
        Assert.Equal("test.yaml(23,3): error SCR0208: 'area' is already declared; fields, parameters and rules share one namespace", Single(yaml));
    }

    [Fact]
    public void Load_SameKeyTwiceInOneMapping_ReportsBothSCR0005AndSCR0208()
    {
        var yaml = Head + "values:\n  v: 1\n  v: 2\noutcomes: [v]\n";
        Assert.Equal(new[]
        {
            "test.yaml(24,3): error SCR0005: key 'v' appears twice in this mapping",
            "test.yaml(24,3): error SCR0208: 'v' is defined twice; values, criteria, scores, classifications and eligibility share one namespace",
        }, Diagnostics(yaml));
    }

    [Fact]
    public void Bind_KeywordAsDefinitionName_ReportsSCR0006()
    {
        var yaml = Head + "values:\n  between: 1\n  v: 2\noutcomes: [v]\n";
        Assert.Equal("test.yaml(23,3): error SCR0006: 'between' is not a valid name (a letter or '_', then letters, digits or '_'; not a keyword)", Single(yaml));
    }

    [Fact]
    public void Bind_CriterionCountingTowardsANonScore_ReportsSCR0209()
    {
        var yaml = Head + "criteria:\n  big: residents > 1\n  bigger: { when: residents > 2, score: big }\noutcomes: [big]\n";
        Assert.Equal("test.yaml(24,3): error SCR0209: criterion 'bigger' counts towards 'big', which is not a score", Single(yaml));
    }

    [Fact]
    public void Bind_CriterionCountingTowardsAMisspeltScore_SuggestsTheScore()
    {
        var yaml = Head + "criteria:\n  big: { when: residents > 2, score: star }\nscores:\n  stars: {}\noutcomes: [stars]\n";
        Assert.Equal("test.yaml(23,3): error SCR0209: criterion 'big' counts towards 'star', which is not a score; did you mean 'stars'?", Single(yaml));
    }

    [Fact]
    public void Bind_PointsWithoutScore_ReportsSCR0209()
    {
        var yaml = Head + "criteria:\n  big: { when: residents > 2, points: 3 }\noutcomes: [big]\n";
        Assert.Equal("test.yaml(23,3): error SCR0209: criterion 'big' has points but counts towards no score", Single(yaml));
    }

    [Fact]
    public void Bind_EligibilityConditionThatIsNotACriterion_ReportsSCR0209()
    {
        var yaml = Head + "values:\n  n: residents\neligibility:\n  aid: { conditions: [n] }\noutcomes: [aid]\n";
        Assert.Equal("test.yaml(25,23): error SCR0209: condition 'n' of 'aid' is not a criterion", Single(yaml));
    }

    [Fact]
    public void Bind_DocumentsFieldThatIsNotAList_ReportsSCR0209()
    {
        var yaml = Head + "criteria:\n  ok: flag\neligibility:\n  aid: { conditions: [ok], documents: { provided: county, required: [id_card] } }\noutcomes: [aid]\n";
        Assert.Equal("test.yaml(25,51): error SCR0209: documents of 'aid' must name a list field of the subject; 'county' is not one", Single(yaml));
    }

    [Fact]
    public void Bind_RequiredDocumentNotAmongListValues_ReportsSCR0206()
    {
        var yaml = Head + "criteria:\n  ok: flag\neligibility:\n  aid: { conditions: [ok], documents: { provided: docs, required: [id_card, passport] } }\noutcomes: [aid]\n";
        Assert.Equal("test.yaml(25,51): error SCR0206: required document 'passport' is not one of the values of 'docs' (id_card, hukou)", Single(yaml));
    }

    [Fact]
    public void Bind_SubjectKeyThatIsNotAField_ReportsSCR0209()
    {
        var yaml = Head.Replace("  key: id", "  key: ident") + "values:\n  v: 1\noutcomes: [v]\n";
        Assert.Equal("test.yaml(5,3): error SCR0209: subject key 'ident' is not a field of the subject", Single(yaml));
    }

    // ------------------------------------------------------------------ classifications

    [Fact]
    public void Bind_AtMostWithoutLevels_ReportsSCR0004()
    {
        var yaml = Head + """
            classifications:
              size:
                cases:
                  - { when: residents >= 500, then: big }
                else: small
                vetoes:
                  - { when: flag, at_most: small }
            outcomes: [size]

            """;
        Assert.Equal("test.yaml(28,9): error SCR0004: 'at_most' needs ordered levels: declare 'levels' on 'size'", Single(yaml));
    }

    [Fact]
    public void Bind_CaseResultNotALevel_ReportsSCR0206()
    {
        var yaml = Head + """
            classifications:
              grade:
                levels: [A, B, C]
                cases:
                  - { when: residents >= 500, then: D }
                else: C
            outcomes: [grade]

            """;
        Assert.Equal("test.yaml(26,9): error SCR0206: case result 'D' is not one of the levels of 'grade' (A, B, C)", Single(yaml));
    }

    [Fact]
    public void Bind_AtMostNotALevel_ReportsSCR0206()
    {
        var yaml = Head + """
            classifications:
              grade:
                levels: [A, B, C]
                cases:
                  - { when: residents >= 500, then: A }
                else: C
                vetoes:
                  - { when: flag, at_most: E }
            outcomes: [grade]

            """;
        Assert.Equal("test.yaml(29,9): error SCR0206: at_most 'E' is not one of the levels of 'grade' (A, B, C)", Single(yaml));
    }

    [Fact]
    public void Bind_VetoWithBothAtMostAndSet_ReportsSCR0004()
    {
        var yaml = Head + """
            classifications:
              grade:
                levels: [A, B, C]
                else: C
                vetoes:
                  - { when: flag, at_most: B, set: C }
            outcomes: [grade]

            """;
        Assert.Equal("test.yaml(27,9): error SCR0004: a veto of 'grade' needs exactly one of 'at_most' or 'set'", Single(yaml));
    }

    [Fact]
    public void Bind_ClassificationWithNeitherCasesNorElse_ReportsSCR0003()
    {
        var yaml = Head + "classifications:\n  grade:\n    levels: [A, B]\noutcomes: [grade]\n";
        Assert.Equal("test.yaml(23,3): error SCR0003: classification 'grade' needs cases or an else", Single(yaml));
    }

    [Fact]
    public void Evaluate_ClassificationWithoutElse_IsEmptyWhenNoCaseHolds()
    {
        // documented: without 'else' the result is empty (e.g. a household that earns no title)
        var yaml = Head + "classifications:\n  size:\n    cases:\n      - { when: residents >= 500, then: big }\noutcomes: [size]\n";
        Assert.Empty(TestRules.Load(yaml).Diagnostics);
    }

    // ------------------------------------------------------------------ outcomes (SCR0207)

    [Fact]
    public void Bind_UnknownOutcome_ReportsSCR0207WithSuggestion()
    {
        var yaml = Head + "values:\n  garden_ok: 1\noutcomes: [garden_ok, garden_okk]\n";
        Assert.Equal("test.yaml(24,23): error SCR0207: outcome 'garden_okk' is not a value, criterion, score, classification or eligibility of this rule set; did you mean 'garden_ok'?", Single(yaml));
    }

    [Fact]
    public void Bind_InputFieldAsOutcome_ReportsSCR0207()
    {
        var yaml = Head + "values:\n  v: 1\noutcomes: [v, residents]\n";
        Assert.Contains("SCR0207: outcome 'residents' is not a value", Single(yaml));
    }

    [Fact]
    public void Bind_OutcomeListedTwice_ReportsSCR0208()
    {
        var yaml = Head + "values:\n  v: 1\noutcomes: [v, v]\n";
        Assert.Equal("test.yaml(24,15): error SCR0208: outcome 'v' is listed twice", Single(yaml));
    }

    // ------------------------------------------------------------------ all at once

    [Fact]
    public void Load_FileWithThreeIndependentErrors_ReportsAllThreeInFileOrder()
    {
        var yaml = Head + """
            values:
              a: residnts + 1
              b: residents + true
            criteria:
              c: color == 'purple'
            outcomes: [a]

            """;
        Assert.Equal(new[]
        {
            "test.yaml(23,6): error SCR0201: unknown name 'residnts'; did you mean 'residents'?",
            "test.yaml(24,16): error SCR0202: '+' cannot combine integer and boolean",
            "test.yaml(26,15): error SCR0206: 'purple' is not one of the values of 'color': red, green, blue",
        }, Diagnostics(yaml));
    }

    [Fact]
    public void Load_SyntaxAndTypeErrorsInDifferentRules_AreAllReported()
    {
        var yaml = Head + """
            values:
              a: (residents + 1
              b: residents + true
            outcomes: [a, b, nope]

            """;
        Assert.Equal(new[] { "SCR0101", "SCR0202", "SCR0207" }, TestRules.Codes(yaml));
    }

    [Fact]
    public void Load_ErrorInOneRule_DoesNotCascadeIntoRulesThatUseIt()
    {
        var yaml = Head + "values:\n  a: residnts + 1\n  b: a * 2\n  c: b + a\noutcomes: [c]\n";
        Assert.Equal(new[] { "SCR0201" }, TestRules.Codes(yaml));
    }
}
