using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scoring.Tests.Support;

namespace Scoring.Tests.Properties;

/// <summary>
/// Whole-number fields are held and compared as long. Every comparison must give exactly what the
/// same comparison gives on decimals, including at the edges of the long range and against
/// fractional constants and decimal fields (which take the decimal path).
/// </summary>
public class WholeNumberProperties
{
    private const string Yaml = """
        id: whole
        name: whole
        version: "1"
        subject:
          key: id
          fields:
            id: string
            a: integer
            b: integer
            d: decimal
            o: { type: integer, optional: true }
        values:
          ge: a >= b
          gt: a > b
          le: a <= b
          lt: a < b
          eq: a == b
          ne: a != b
          ge_const: a >= 7
          eq_const: a == -3
          lt_frac: a < 2.5
          ge_dec: a >= d
          within: a between -5 and b
          in_list: a in [1, 2, 3, b]
          const_left: 10 > a
          optional: if is_empty(o) then false else o >= a
          ratio: if b == 0 then 0 else a / b
          sum: a + b
        outcomes: [ge, gt, le, lt, eq, ne, ge_const, eq_const, lt_frac, ge_dec, within, in_list, const_left, optional, ratio, sum]

        """;

    private static readonly Lazy<ScoringRun> Run = new(() => TestRules.Run(Yaml));

    private static Gen<long> Whole =>
        Gen.OneOf(
            Gen.Choose(-12, 12).Select(i => (long)i),
            Gen.Elements(long.MinValue, long.MaxValue, long.MinValue + 1, long.MaxValue - 1, 0L, -1L, 1L),
            ArbMap.Default.GeneratorFor<long>());

    [Property(MaxTest = 300)]
    public Property WholeNumberComparisons_EqualDecimalComparisons()
    {
        var gen = from a in Whole
                  from b in Whole
                  from o in Gen.OneOf(Whole.Select(x => (long?)x), Gen.Constant((long?)null))
                  from dn in Gen.Choose(-2000, 2000)
                  select (a, b, o, d: dn / 100m);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (a, b, o, d) = t;
            var fields = new Dictionary<string, object?> { ["id"] = "r", ["a"] = a, ["b"] = b, ["d"] = d, ["o"] = o };
            var e = Run.Value.Evaluate(Run.Value.RuleSet.Reader.Read(fields));
            decimal A = a, B = b;
            // a + b overflows long but not decimal: the sum is decimal arithmetic, exact
            var expected = new (string, object)[]
            {
                ("ge", A >= B), ("gt", A > B), ("le", A <= B), ("lt", A < B), ("eq", A == B), ("ne", A != B),
                ("ge_const", A >= 7), ("eq_const", A == -3), ("lt_frac", A < 2.5m), ("ge_dec", A >= d),
                ("within", A >= -5 && A <= B), ("in_list", A is 1 or 2 or 3 || A == B), ("const_left", 10 > A),
                ("optional", o is { } ov && ov >= A), ("ratio", B == 0 ? 0m : A / B), ("sum", A + B),
            };
            Assert.True(e.Succeeded, e.Error?.Message);
            foreach (var (key, value) in expected)
            {
                var actual = e[key];
                if (value is bool flag) Assert.True(actual.AsBoolean == flag, $"{key}: a={a} b={b} o={o} d={d}: expected {flag}, got {actual}");
                else Assert.True(actual.AsNumber == (decimal)value, $"{key}: a={a} b={b}: expected {value}, got {actual}");
            }
        });
    }

    [Fact]
    public void Read_WholeNumberBeyondLong_RejectsWithFieldAndRange()
    {
        var read = Run.Value.RuleSet.Reader.Read(new Dictionary<string, object?> { ["id"] = "r", ["a"] = 9223372036854775808m, ["b"] = 1, ["d"] = 0 });
        Assert.Null(read.Record);
        var error = Assert.Single(read.Errors);
        Assert.Equal("a", error.Field);
        Assert.Contains("9223372036854775808", error.Message);
        Assert.Contains("9 223 372 036 854 775 807", error.Message);
    }

    [Fact]
    public void Read_WholeNumberAtLongEdges_IsHeldExactly()
    {
        foreach (var v in new[] { long.MaxValue, long.MinValue, 9007199254740993L })
        {
            var read = Run.Value.RuleSet.Reader.Read(new Dictionary<string, object?> { ["id"] = "r", ["a"] = v.ToString(System.Globalization.CultureInfo.InvariantCulture), ["b"] = v, ["d"] = 0 });
            Assert.NotNull(read.Record);
            Assert.Equal((decimal)v, read.Record!.Get("a").AsNumber);
            Assert.True(Run.Value.Evaluate(read.Record)["eq"].AsBoolean);
        }
    }
}
