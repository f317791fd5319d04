using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Rules.Yaml;
using Scoring.Syntax;

namespace Scoring.Rules.Reading;

/// <summary>What every part of a rule file's reader shares: the file, the diagnostics, and the small readers every section uses.</summary>
internal sealed class ReaderContext
{
    public ReaderContext(DiagnosticBag bag, string file, Func<string, string?>? readRelated)
    {
        Bag = bag;
        File = file;
        ReadRelated = readRelated;
    }

    public DiagnosticBag Bag { get; }
    public string File { get; }

    /// <summary>Reads a related file (a rule file reused by a collection) relative to <see cref="File"/>; null when it does not exist or reading is not allowed.</summary>
    public Func<string, string?>? ReadRelated { get; }

    /// <summary>An expression written in a scalar, with positions mapped back into the file.</summary>
    public Expr Parse(YScalar s) => ExpressionParser.Parse(s.Value, s.Origin, Bag);

    /// <summary>The expression under <paramref name="key"/>, or null (reported when required).</summary>
    public Expr? ExprAt(MapReader m, string key, bool required)
    {
        var s = m.Scalar(key, required);
        return s is null ? null : Parse(s);
    }

    /// <summary>For a definition written with no body: reports the key it needs; always null.</summary>
    public Definition? MissingBody(YScalar key, YNode node, string what)
    {
        if (node is YScalar { IsNull: true })
            Bag.Error(DiagnosticCodes.MissingKey, $"'{key.Value}' needs '{what}'", key.Span);
        return null;
    }

    /// <summary>
    /// The <c>explain</c> key of a definition: one sentence, or <c>{ met: …, not_met: … }</c> (null when absent).
    /// Every definition section accepts it; <see cref="ExplainKey"/> is its name in their lists of keys.
    /// </summary>
    public ExplainText? ReadExplain(MapReader m)
    {
        var node = m.Node(ExplainKey);
        if (node is null or YScalar { IsNull: true }) return null;
        if (node is YScalar one) return new ExplainText(one.Value) { Span = one.Span };
        var em = MapReader.Open(node, Bag, "'explain'", "met", "not_met");
        if (em is null) return null;
        var met = em.Text("met", required: true);
        return met is null ? null : new ExplainText(met, em.Text("not_met")) { Span = em.Span };
    }

    public const string ExplainKey = "explain";

    private static readonly Dictionary<string, FieldType> TypeNames = new(StringComparer.Ordinal)
    {
        ["string"] = FieldType.String, ["text"] = FieldType.String, ["integer"] = FieldType.Integer, ["int"] = FieldType.Integer,
        ["decimal"] = FieldType.Decimal, ["boolean"] = FieldType.Boolean, ["bool"] = FieldType.Boolean,
        ["date"] = FieldType.Date, ["month"] = FieldType.Month, ["enum"] = FieldType.Enum, ["list"] = FieldType.List,
        ["scale"] = FieldType.Scale,
    };

    /// <summary>A type name (<c>integer</c>, <c>enum</c>, …), or null with a diagnostic.</summary>
    public FieldType? ParseType(YScalar s)
    {
        if (TypeNames.TryGetValue(s.Value, out var t)) return t;
        Bag.Error(DiagnosticCodes.InvalidValue, $"unknown type '{s.Value}'{MapReader.Suggest(s.Value, TypeNames.Keys)}; use string, integer, decimal, boolean, date, month, enum or list", s.Span);
        return null;
    }
}
