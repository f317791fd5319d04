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

/// <summary>The short-number parser must give exactly what the general decimal parser gives, scale included.</summary>
public class ExactDecimalProperties
{
    private static Gen<string> NumberText =>
        from sign in Gen.Elements("", "-", "+")
        from whole in Gen.Choose(0, 21).SelectMany(n => Gen.ArrayOf(Gen.Elements('0', '1', '5', '9'), n))
        from point in Gen.Elements(true, false)
        from fraction in Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(Gen.Elements('0', '3', '7', '9'), n))
        select sign + new string(whole) + (point ? "." + new string(fraction) : "");

    [Property(MaxTest = 2000)]
    public Property TryParse_AgreesWithDecimalParse()
    {
        return Prop.ForAll(Gen.OneOf(NumberText, Gen.Elements("", ".", "-", "+.", "1.2.3", "1e5", " 1", "٣", "-0", "-0.00", "0.10", "18446744073709551615", "9999999999999999999")).ToArbitrary(), text =>
        {
            bool expectedOk = decimal.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint,
                System.Globalization.CultureInfo.InvariantCulture, out var expected);
            bool ok = Scoring.Primitives.ExactDecimal.TryParse(text, out var actual);
            if (!expectedOk) { Assert.False(ok, text); return; }
            if (!ok) return; // more digits than decimal holds exactly: refused on purpose
            Assert.True(expected == actual, $"{text}: {expected} vs {actual}");
            Assert.Equal(expected.Scale, actual.Scale);
            if (expected != 0) Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), actual.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
    }
}

/// <summary>A row held as one string (<see cref="Scoring.Runtime.TextRow"/>) reads exactly as the same row held as one string per field.</summary>
public class TextRowProperties
{
    private static readonly Lazy<ScoringRun> Run = new(() => TestRules.Run(File.ReadAllText(RepoPaths.Rule("settlement-services.yaml"))));

    private static Gen<string> Cell =>
        Gen.OneOf(Gen.Elements("", " ", "0", "12", "-3", "7.50", "1e3", "abc", "幸福社区", " 42 ", "9999999999999999999999999999.9"),
            Gen.Choose(-1000, 100000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Property(MaxTest = 300)]
    public Property Read_TextRow_EqualsReadOfStrings()
    {
        var header = new[] { "settlement_id", "name", "county", "residents", "households", "full_party_members", "garden_area_m2" };
        return Prop.ForAll(Gen.ArrayOf(Cell, header.Length).ToArbitrary(), cells =>
        {
            var reader = Run.Value.RuleSet.Reader;
            var map = reader.MapColumns(header);
            var ends = new int[cells.Length];
            int at = 0;
            for (int i = 0; i < cells.Length; i++) ends[i] = at += cells[i].Length;
            var fromStrings = reader.Read(cells, map, 7);
            var fromRow = reader.Read(new Scoring.Runtime.TextRow(string.Concat(cells), ends), map, null, 7);
            Assert.Equal(fromStrings.Key, fromRow.Key);
            Assert.Equal(fromStrings.ErrorText, fromRow.ErrorText);
            Assert.Equal(fromStrings.Record is null, fromRow.Record is null);
            if (fromRow.Record is { } r)
            {
                var a = Run.Value.Evaluate(fromStrings.Record!);
                var b = Run.Value.Evaluate(r);
                Assert.Equal(a.Outcomes, b.Outcomes);
                foreach (var h in header) Assert.Equal(fromStrings.Record!.Get(h), r.Get(h));
            }
        });
    }

    [Fact]
    public void TextRow_EndsOutOfOrderOrBeyondText_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Scoring.Runtime.TextRow("abc", new[] { 2, 1 }));
        Assert.Throws<ArgumentException>(() => new Scoring.Runtime.TextRow("abc", new[] { 4 }));
        var row = new Scoring.Runtime.TextRow("abcd", new[] { 1, 1, 4 });
        Assert.Equal(3, row.Count);
        Assert.Equal("a", row[0].ToString());
        Assert.Equal("", row[1].ToString());
        Assert.Equal("bcd", row[2].ToString());
    }
}

/// <summary>Whole numbers within their bounds are read by a short path; it must accept and refuse exactly what the general path does.</summary>
public class WholeNumberReadingProperties
{
    private const string Yaml = """
        id: bounded
        name: bounded
        version: "1"
        subject:
          key: id
          fields:
            id: string
            n: { type: integer, min: -5.5, max: 1000.5 }
            m: integer
        values:
          twice: n * 2
        outcomes: [twice]

        """;

    private static readonly Lazy<ScoringRun> Run = new(() => TestRules.Run(Yaml));

    private static Gen<string> WholeText =>
        from sign in Gen.Elements("", "-", "+")
        from digits in Gen.Choose(0, 20).SelectMany(n => Gen.ArrayOf(Gen.Elements('0', '0', '1', '5', '9'), n))
        from pad in Gen.Elements("", " ")
        select pad + sign + new string(digits) + pad;

    [Property(MaxTest = 1000)]
    public Property Read_WholeNumberText_AsTheGeneralRulesSay()
    {
        return Prop.ForAll(WholeText.ToArbitrary(), WholeText.ToArbitrary(), (n, m) =>
        {
            var read = Run.Value.RuleSet.Reader.Read(name => name switch { "id" => "r", "n" => n, _ => m });
            var t = n.Trim();
            bool parses = decimal.TryParse(t, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var dn);
            bool nOk = t.Length > 0 && parses && dn >= -5.5m && dn <= 1000.5m;
            var tm = m.Trim();
            bool mOk = tm.Length > 0 && decimal.TryParse(tm, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var dm) && dm >= long.MinValue && dm <= long.MaxValue;
            Assert.True((read.Record is not null) == (nOk && mOk), $"n='{n}' m='{m}': {read.ErrorText}");
            if (read.Record is { } r)
            {
                Assert.Equal(dn, r.Get("n").AsNumber);
                Assert.Equal(dn * 2, Run.Value.Evaluate(r)["twice"].AsNumber);
            }
        });
    }
}

/// <summary>Rows read one after another into one reused record (the CLI's fast path) read exactly as rows read into fresh records.</summary>
public class ReusedRecordProperties
{
    private const string Yaml = """
        id: reuse
        name: reuse
        version: "1"
        subject:
          key: id
          fields:
            id: string
            n: integer
            opt: { type: decimal, optional: true }
            label: { type: string, optional: true }
            flag: { type: boolean, optional: true }
        values:
          has_opt: not is_empty(opt)
          opt_or_zero: opt ?? 0
          label_or_none: label ?? 'none'
          total: n + (opt ?? 0)
        outcomes: [has_opt, opt_or_zero, label_or_none, total]

        """;

    private static readonly Lazy<ScoringRun> Run = new(() => TestRules.Run(Yaml));

    private static Gen<string[]> Row =>
        from id in Gen.Elements("A", "B", "")
        from n in Gen.Elements("1", "-7", "x", "", "12")
        from opt in Gen.Elements("", "2.5", "abc", "0")
        from label in Gen.Elements("", "红", "x,y")
        from flag in Gen.Elements("", "true", "否", "maybe")
        select new[] { id, n, opt, label, flag };

    [Property(MaxTest = 200)]
    public Property TryReadInto_SequenceOfRows_EqualsFreshReads()
    {
        var header = new[] { "id", "n", "opt", "label", "flag" };
        return Prop.ForAll(Gen.ListOf(Row).ToArbitrary(), rows =>
        {
            var reader = Run.Value.RuleSet.Reader;
            var map = reader.MapColumns(header);
            var scratch = reader.NewRecord();
            long number = 0;
            foreach (var cells in rows)
            {
                number++;
                var ends = new int[cells.Length];
                int at = 0;
                for (int i = 0; i < cells.Length; i++) ends[i] = at += cells[i].Length;
                var row = new Scoring.Runtime.TextRow(string.Concat(cells), ends);
                var fresh = reader.Read(row, map, null, number);
                bool ok = reader.TryReadInto(row, map, null, number, scratch, out var failure);
                Assert.Equal(fresh.Record is not null, ok);
                if (!ok)
                {
                    Assert.Equal(fresh.ErrorText, failure!.ErrorText);
                    Assert.Equal(fresh.Key, failure.Key);
                    continue;
                }
                Assert.Equal(fresh.Key, scratch.Key);
                Assert.Equal(number, scratch.Number);
                foreach (var h in header) Assert.Equal(fresh.Record!.Get(h), scratch.Get(h));
                Assert.Equal(Run.Value.Evaluate(fresh.Record!).Outcomes, Run.Value.Evaluate(scratch).Outcomes);
            }
        });
    }
}
