using System.Text.Json;
using Scoring.Diagnostics;
using Scoring.Tests.Support;
using static Scoring.Tests.Support.Sandbox;

namespace Scoring.Tests.Engine;

public class RuntimeErrorTests
{
    private const string Rates = """
        id: rates
        name: rates
        version: "1"
        subject:
          key: id
          fields:
            id: string
            done: integer
            assigned: { type: integer, min: 0 }
            score: { type: integer, min: 0, max: 100 }
            level: { type: enum, values: [low, high] }
            start: date
            period: month
            ok: boolean
          collections:
            members:
              fields:
                age: { type: integer, min: 0 }
        criteria:
          rate_ok:
            label: 完成率达标
            when: done / assigned >= 0.9
        values:
          doubled: score * 2
        outcomes: [rate_ok, doubled]

        """;

    private static Dictionary<string, object?> Good(string id = "G", params (string, object?)[] overrides)
    {
        var r = new Dictionary<string, object?>
        {
            ["id"] = id, ["done"] = 9, ["assigned"] = 10, ["score"] = 50, ["level"] = "low",
            ["start"] = "2024-01-01", ["period"] = "2024-01", ["ok"] = true,
            ["members"] = new List<IReadOnlyDictionary<string, object?>> { new Dictionary<string, object?> { ["age"] = 3 } },
        };
        foreach (var (k, v) in overrides) r[k] = v;
        return r;
    }

    private static Evaluation Evaluate(params (string, object?)[] overrides) =>
        TestRules.Run(Rates).Evaluate(Good("R-9", overrides));

    // ------------------------------------------------------------------ arithmetic errors

    [Fact]
    public void Evaluate_DivisionByZero_RejectsRecordNamingExpressionAndRuleLocation()
    {
        var e = Evaluate(("assigned", 0));
        Assert.False(e.Succeeded);
        Assert.Equal("R-9", e.Key);
        Assert.Empty(e.Outcomes);
        Assert.Equal(DiagnosticCodes.DivisionByZero, e.Error!.Code);
        Assert.Equal("division by zero in 'done / assigned' while evaluating criterion 'rate_ok' (完成率达标)", e.Error.Message);
        // line 22 is '    when: done / assigned >= 0.9'; column 16 is the '/'
        Assert.Equal(new SourceSpan("test.yaml", 22, 16, 22, 16), e.Error.Span);
        Assert.Equal("SCR0503: division by zero in 'done / assigned' while evaluating criterion 'rate_ok' (完成率达标) (test.yaml(22,16))", e.Error.ToString());
    }

    [Fact]
    public void Evaluate_DivisionByZeroInSandbox_PointsAtTheSlash()
    {
        var e = Sandbox.Evaluate("x + y / (x - 1.5)");
        Assert.Equal(DiagnosticCodes.DivisionByZero, e.Error!.Code);
        Assert.Equal("division by zero in 'y / (x - 1.5)' while evaluating value 'result'", e.Error.Message);
        Assert.Equal((34, 13), (e.Error.Span.Line, e.Error.Span.Column));
    }

    [Fact]
    public void Evaluate_DecimalOverflowInMultiplication_RejectsRecordWithSCR0504()
    {
        var e = Sandbox.Evaluate("big * big", With(("big", 79228162514264337593543950335m)));
        Assert.False(e.Succeeded);
        Assert.Equal(DiagnosticCodes.Overflow, e.Error!.Code);
        Assert.Contains("arithmetic overflow", e.Error.Message);
        Assert.Contains("value 'result'", e.Error.Message);
    }

    [Theory]
    [InlineData("big / 0.5")]
    [InlineData("big + big")]
    [InlineData("-big - big")]
    [InlineData("sum(members, big)")]
    public void Evaluate_DecimalOverflow_RejectsRecordWithSCR0504(string expr)
    {
        var e = Sandbox.Evaluate(expr, With(("big", 79228162514264337593543950335m)));
        Assert.Equal(DiagnosticCodes.Overflow, e.Error!.Code);
    }

    [Fact]
    public void Evaluate_DecimalOverflow_NamesTheExpressionAndPointsAtTheOperator()
    {
        var e = Sandbox.Evaluate("big * big", With(("big", 79228162514264337593543950335m)));
        Assert.Equal(DiagnosticCodes.Overflow, e.Error!.Code);
        Assert.Contains("'big * big'", e.Error.Message);
        Assert.Equal((34, 11), (e.Error.Span.Line, e.Error.Span.Column));
    }

    // ------------------------------------------------------------------ input errors

    [Fact]
    public void Evaluate_MissingRequiredField_RejectsRecordNamingTheField()
    {
        var rec = Good("R-1");
        rec.Remove("score");
        var e = TestRules.Run(Rates).Evaluate(rec);
        Assert.False(e.Succeeded);
        Assert.Equal("R-1", e.Key);
        Assert.Equal(DiagnosticCodes.MissingField, e.Error!.Code);
        Assert.Equal("score: missing required field", e.Error.Message);
        Assert.False(e.Error.Span.IsKnown);
    }

    [Fact]
    public void Evaluate_NullForRequiredField_CountsAsMissing()
    {
        var e = Evaluate(("ok", null));
        Assert.Equal("ok: missing required field", e.Error!.Message);
    }

    [Fact]
    public void Evaluate_SeveralBadFields_ListsEveryOne()
    {
        var rec = Good("R-2", ("score", "many"), ("level", "medium"));
        rec.Remove("done");
        var e = TestRules.Run(Rates).Evaluate(rec);
        Assert.Equal(DiagnosticCodes.MissingField, e.Error!.Code);
        Assert.Equal("done: missing required field; score: 'many' is not a whole number; level: 'medium' is not one of low, high", e.Error.Message);
    }

    [Theory]
    [InlineData("score", "many", "score: 'many' is not a whole number")]
    [InlineData("score", "7.5", "score: 7.5 is not a whole number")]
    [InlineData("level", "medium", "level: 'medium' is not one of low, high")]
    [InlineData("level", "LOW", "level: 'LOW' is not one of low, high")]
    [InlineData("start", "2024-02-30", "start: '2024-02-30' is not a date YYYY-MM-DD")]
    [InlineData("start", "01/02/2024", "start: '01/02/2024' is not a date YYYY-MM-DD")]
    [InlineData("period", "2024-13", "period: '2024-13' is not a month YYYY-MM")]
    [InlineData("ok", "maybe", "ok: 'maybe' is not true or false")]
    [InlineData("score", "101", "score: 101 is above the maximum 100")]
    [InlineData("score", "-1", "score: -1 is below the minimum 0")]
    [InlineData("assigned", "-3", "assigned: -3 is below the minimum 0")]
    public void Evaluate_InvalidFieldValue_RejectsWithSCR0502NamingTheField(string field, string text, string message)
    {
        var e = Evaluate((field, text));
        Assert.False(e.Succeeded);
        Assert.Equal(DiagnosticCodes.InvalidField, e.Error!.Code);
        Assert.Equal(message, e.Error.Message);
    }

    [Theory]
    [InlineData("score", 0)]
    [InlineData("score", 100)]
    public void Evaluate_ValueOnMinOrMax_IsAccepted(string field, int value)
    {
        var e = Evaluate((field, value));
        Assert.True(e.Succeeded);
        Assert.Equal(value * 2m, e["doubled"].AsNumber);
    }

    [Fact]
    public void Evaluate_DecimalInputWithTooManyDigits_IsRejected()
    {
        var e = Sandbox.Evaluate("x == 0", With(("x", "0.00000000000000000000000000001")));
        Assert.False(e.Succeeded);
        Assert.Equal(DiagnosticCodes.InvalidField, e.Error!.Code);
    }

    [Fact]
    public void Evaluate_BadChildField_NamesThePathOfTheChild()
    {
        var e = Evaluate(("members", new List<IReadOnlyDictionary<string, object?>>
        {
            new Dictionary<string, object?> { ["age"] = 3 },
            new Dictionary<string, object?> { ["age"] = -1 },
        }));
        Assert.Equal(DiagnosticCodes.InvalidField, e.Error!.Code);
        Assert.Equal("members[1].age: -1 is below the minimum 0", e.Error.Message);
    }

    [Fact]
    public void Evaluate_MissingCollection_IsRejected()
    {
        var rec = Good("R-3");
        rec.Remove("members");
        var e = TestRules.Run(Rates).Evaluate(rec);
        Assert.Equal("members: missing collection (give an empty list for none)", e.Error!.Message);
    }

    [Fact]
    public void Evaluate_JsonWithWrongTypes_NamesEachField()
    {
        var json = JsonDocument.Parse("""
            {"id":"J-1","done":"many","assigned":10,"score":true,"level":"low","start":"2024-01-01","period":"2024-01","ok":1,"members":[]}
            """).RootElement;
        var e = TestRules.Run(Rates).Evaluate(json);
        Assert.Equal("J-1", e.Key);
        Assert.Equal("done: 'many' is not a whole number; score: expected a whole number, found true; ok: expected true or false, found the number 1", e.Error!.Message);
    }

    [Fact]
    public void Evaluate_UnknownExtraField_IsIgnored()
    {
        var e = Evaluate(("not_in_schema", "whatever"));
        Assert.True(e.Succeeded);
    }

    [Fact]
    public void Evaluate_RejectedJsonRecord_KeepsItsRecordNumber()
    {
        var json = JsonDocument.Parse("""{"id":"J-2"}""").RootElement;
        var e = TestRules.Run(Rates).Evaluate(json, recordNumber: 17);
        Assert.False(e.Succeeded);
        Assert.Equal(17, e.RecordNumber);
    }

    [Fact]
    public void Evaluate_ScoredJsonRecord_KeepsItsRecordNumber()
    {
        var json = JsonDocument.Parse("""
            {"id":"J-3","done":9,"assigned":10,"score":5,"level":"low","start":"2024-01-01","period":"2024-01","ok":true,"members":[]}
            """).RootElement;
        var e = TestRules.Run(Rates).Evaluate(json, recordNumber: 17);
        Assert.True(e.Succeeded);
        Assert.Equal(17, e.RecordNumber);
    }

    // ------------------------------------------------------------------ isolation

    [Fact]
    public void Evaluate_RejectedRecords_DoNotAffectOtherRecords()
    {
        var run = TestRules.Run(Rates);
        var missing = Good("bad-missing");
        missing.Remove("done");
        var batch = new[]
        {
            Good("a", ("done", 10), ("score", 30)),
            Good("bad-div", ("assigned", 0), ("score", 99)),
            Good("b", ("done", 5), ("score", 40)),
            missing,
            Good("bad-type", ("score", "x")),
            Good("c", ("done", 9), ("score", 0)),
        };
        var results = batch.Select(r => run.Evaluate(r)).ToArray();

        Assert.Equal(new[] { true, false, true, false, false, true }, results.Select(r => r.Succeeded));
        Assert.Equal(new[] { "a", "bad-div", "b", "bad-missing", "bad-type", "c" }, results.Select(r => r.Key));

        var fresh = TestRules.Run(Rates);
        foreach (var i in new[] { 0, 2, 5 })
            Assert.Equal(fresh.Evaluate(batch[i]).Outcomes, results[i].Outcomes);
        Assert.Equal(("true", "60"), (results[0]["rate_ok"].ToString(), results[0]["doubled"].ToString()));
        Assert.Equal(("false", "80"), (results[2]["rate_ok"].ToString(), results[2]["doubled"].ToString()));
        Assert.Equal(("true", "0"), (results[5]["rate_ok"].ToString(), results[5]["doubled"].ToString()));
    }

    [Fact]
    public void Evaluate_RecordFromAnotherRuleSetsReader_Throws()
    {
        var other = TestRules.Compile(Rates);
        var read = other.Reader.Read(Good());
        Assert.True(read.Succeeded);
        Assert.Throws<ArgumentException>(() => TestRules.Run(Rates).Evaluate(read.Record!));
    }
}
