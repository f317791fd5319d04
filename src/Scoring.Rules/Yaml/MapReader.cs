using System.Globalization;
using Scoring.Diagnostics;

namespace Scoring.Rules.Yaml;

/// <summary>Reads one YAML mapping against the keys it may have, reporting unknown, missing and ill-typed keys.</summary>
internal sealed class MapReader
{
    private readonly YMapping _map;
    private readonly DiagnosticBag _bag;
    private readonly string _what;

    private MapReader(YMapping map, DiagnosticBag bag, string what)
    {
        _map = map;
        _bag = bag;
        _what = what;
    }

    public SourceSpan Span => _map.Span;

    /// <summary>Checks that <paramref name="node"/> is a mapping whose keys are all in <paramref name="allowed"/>.</summary>
    public static MapReader? Open(YNode? node, DiagnosticBag bag, string what, params string[] allowed) =>
        Open(node, bag, what, Array.Empty<string>(), allowed);

    /// <summary>Keys every definition may have besides its own: how the public explanation words it.</summary>
    private static readonly string[] DefinitionExtras = { "explain" };

    /// <summary>A definition's mapping: its own keys, and the keys every definition may have (<c>explain</c>).</summary>
    public static MapReader? OpenDefinition(YNode? node, DiagnosticBag bag, string what, params string[] allowed) =>
        Open(node, bag, what, DefinitionExtras, allowed);

    /// <summary>
    /// As <see cref="Open(YNode?, DiagnosticBag, string, string[])"/>, also accepting <paramref name="extras"/>: keys about
    /// presentation that every mapping of its sort may have, left out of the list of keys that messages give.
    /// </summary>
    public static MapReader? Open(YNode? node, DiagnosticBag bag, string what, string[] extras, params string[] allowed)
    {
        if (node is not YMapping m)
        {
            if (node is not null)
                bag.Error(DiagnosticCodes.InvalidValue, $"{what} must be a mapping (key: value lines), not {node.KindName}", node.Span);
            return null;
        }
        foreach (var (k, _) in m.Entries)
        {
            if (Array.IndexOf(allowed, k.Value) < 0 && Array.IndexOf(extras, k.Value) < 0)
                bag.Error(DiagnosticCodes.UnknownKey, $"unknown key '{k.Value}' in {what}{Suggest(k.Value, allowed)}; allowed: {string.Join(", ", allowed)}", k.Span);
        }
        return new MapReader(m, bag, what);
    }

    public static string Suggest(string name, IEnumerable<string> candidates) =>
        NameSuggester.Closest(name, candidates) is { } best ? $" (did you mean '{best}'?)" : "";

    public YNode? Node(string key)
    {
        foreach (var (k, v) in _map.Entries) if (k.Value == key) return v;
        return null;
    }

    public YScalar? KeyNode(string key)
    {
        foreach (var (k, _) in _map.Entries) if (k.Value == key) return k;
        return null;
    }

    public bool Has(string key) => Node(key) is not null;

    private void Missing(string key) =>
        _bag.Error(DiagnosticCodes.MissingKey, $"{_what} needs '{key}'", _map.Span);

    public YScalar? Scalar(string key, bool required = false)
    {
        var n = Node(key);
        if (n is null || n is YScalar { IsNull: true })
        {
            if (required) Missing(key);
            return null;
        }
        if (n is YScalar s) return s;
        _bag.Error(DiagnosticCodes.InvalidValue, $"'{key}' in {_what} must be a single value, not {n.KindName}", n.Span);
        return null;
    }

    public string? Text(string key, bool required = false) => Scalar(key, required)?.Value;

    public bool? Bool(string key)
    {
        var s = Scalar(key);
        if (s is null) return null;
        switch (s.Value)
        {
            case "true": case "True": case "yes": return true;
            case "false": case "False": case "no": return false;
        }
        _bag.Error(DiagnosticCodes.InvalidValue, $"'{key}' must be true or false, not '{s.Value}'", s.Span);
        return null;
    }

    public decimal? Decimal(string key, bool required = false)
    {
        var s = Scalar(key, required);
        return s is null ? null : ParseDecimal(s, key, _bag);
    }

    public static decimal? ParseDecimal(YScalar s, string what, DiagnosticBag bag)
    {
        if (Scoring.Primitives.ExactDecimal.TryParse(s.Value.Replace("_", "", StringComparison.Ordinal), out var d))
            return d;
        bag.Error(DiagnosticCodes.InvalidValue, $"'{what}' must be a number, not '{s.Value}'", s.Span);
        return null;
    }

    public DateOnly? Date(string key, bool required = false)
    {
        var s = Scalar(key, required);
        return s is null ? null : ParseDate(s, key, _bag);
    }

    public static DateOnly? ParseDate(YScalar s, string what, DiagnosticBag bag)
    {
        if (DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        bag.Error(DiagnosticCodes.InvalidValue, $"'{what}' must be a date YYYY-MM-DD, not '{s.Value}'", s.Span);
        return null;
    }

    /// <summary>A list of scalars (a YAML sequence; a single scalar counts as a list of one).</summary>
    public List<YScalar>? ScalarList(string key, bool required = false)
    {
        var n = Node(key);
        if (n is null || n is YScalar { IsNull: true })
        {
            if (required) Missing(key);
            return null;
        }
        if (n is YScalar one) return new List<YScalar> { one };
        if (n is not YSequence seq)
        {
            _bag.Error(DiagnosticCodes.InvalidValue, $"'{key}' in {_what} must be a list, not {n.KindName}", n.Span);
            return null;
        }
        var list = new List<YScalar>();
        foreach (var item in seq.Items)
        {
            if (item is YScalar s && !s.IsNull) list.Add(s);
            else _bag.Error(DiagnosticCodes.InvalidValue, $"items of '{key}' must be single values, not {item.KindName}", item.Span);
        }
        return list;
    }

    public YSequence? Sequence(string key, bool required = false)
    {
        var n = Node(key);
        if (n is null || n is YScalar { IsNull: true })
        {
            if (required) Missing(key);
            return null;
        }
        if (n is YSequence s) return s;
        _bag.Error(DiagnosticCodes.InvalidValue, $"'{key}' in {_what} must be a list (lines starting with '- '), not {n.KindName}", n.Span);
        return null;
    }

    public YMapping? Mapping(string key, bool required = false)
    {
        var n = Node(key);
        if (n is null || n is YScalar { IsNull: true })
        {
            if (required) Missing(key);
            return null;
        }
        if (n is YMapping m) return m;
        _bag.Error(DiagnosticCodes.InvalidValue, $"'{key}' in {_what} must be a mapping (key: value lines), not {n.KindName}", n.Span);
        return null;
    }
}
