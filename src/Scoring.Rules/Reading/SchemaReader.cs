using System.Collections.Immutable;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Rules.Yaml;

namespace Scoring.Rules.Reading;

/// <summary>Reads a record schema: its fields, and its collections (declared in place, or reused from another rule file with <c>rules:</c>).</summary>
internal sealed class SchemaReader
{
    private readonly ReaderContext _ctx;
    private readonly List<ParameterDefinition> _importedParameters = new();

    public SchemaReader(ReaderContext ctx) => _ctx = ctx;

    /// <summary>The parameters of the rule files reused by collections.</summary>
    public IReadOnlyList<ParameterDefinition> ImportedParameters => _importedParameters;

    [ThreadStatic] private static HashSet<string>? _importing;

    private static readonly string[] CollectionKeys =
        new[] { "label", "description", "fields", "collections", "rules" }.Concat(DefinitionSections.PerChild.Select(s => s.Key)).ToArray();

    public RecordSchema ReadRecord(MapReader m, int depth)
    {
        var bag = _ctx.Bag;
        var fields = ImmutableArray.CreateBuilder<FieldDefinition>();
        var collections = ImmutableArray.CreateBuilder<CollectionDefinition>();
        var fmap = m.Mapping("fields", required: true);
        if (fmap is not null)
            foreach (var (k, v) in fmap.Entries)
                if (ReadField(k, v) is { } f) fields.Add(f);
        if (m.Mapping("collections") is { } cmap)
        {
            foreach (var (k, v) in cmap.Entries)
            {
                if (depth >= 4)
                {
                    bag.Error(DiagnosticCodes.LimitExceeded, "collections nest at most 4 levels deep", k.Span);
                    continue;
                }
                var cm = MapReader.Open(v, bag, $"collection '{k.Value}'", CollectionKeys);
                if (cm is null) continue;
                if (cm.Scalar("rules") is { } rulesPath)
                {
                    if (cm.Has("fields") || cm.Has("collections") || DefinitionSections.PerChild.Any(s => cm.Has(s.Key)))
                        bag.Error(DiagnosticCodes.InvalidValue, $"collection '{k.Value}' takes its fields and rules from '{rulesPath.Value}'; it cannot also declare its own", rulesPath.Span);
                    var imported = Import(rulesPath);
                    if (imported is null) continue;
                    foreach (var p in imported.Parameters) _importedParameters.Add(p);
                    var defs = imported.Definitions.Where(d => d is ValueDefinition or CriterionDefinition or ScoreDefinition).ToImmutableArray();
                    collections.Add(new CollectionDefinition(k.Value, imported.Subject.Record) { Label = cm.Text("label") ?? imported.Name, Definitions = defs, Span = k.Span });
                    continue;
                }
                var schema = ReadRecord(cm, depth + 1);
                collections.Add(new CollectionDefinition(k.Value, schema) { Label = cm.Text("label"), Definitions = DefinitionSections.ReadPerChild(cm, _ctx), Span = k.Span });
            }
        }
        return new RecordSchema(fields.ToImmutable(), collections.ToImmutable());
    }

    /// <summary>Keys of a field that concern how it is published, accepted but not listed among the keys in messages.</summary>
    private static readonly string[] FieldExtras = { "mask" };

    private FieldDefinition? ReadField(YScalar key, YNode node)
    {
        if (node is YScalar shorthand && !shorthand.IsNull)
            return _ctx.ParseType(shorthand) is { } t ? new FieldDefinition(key.Value, t) { Span = key.Span } : null;
        var m = MapReader.Open(node, _ctx.Bag, $"field '{key.Value}'", FieldExtras, "type", "label", "description", "optional", "min", "max", "values");
        if (m is null)
        {
            if (node is YScalar) _ctx.Bag.Error(DiagnosticCodes.MissingKey, $"field '{key.Value}' needs a type", key.Span);
            return null;
        }
        var ts = m.Scalar("type", required: true);
        var type = ts is null ? null : _ctx.ParseType(ts);
        if (type is null) return null;
        var (values, labels) = ReadValues(m, key.Value);
        return new FieldDefinition(key.Value, type.Value)
        {
            ValueLabels = labels,
            Mask = m.Bool("mask") ?? false,
            Label = m.Text("label"),
            Optional = m.Bool("optional") ?? false,
            Min = m.Decimal("min"),
            Max = m.Decimal("max"),
            Values = values,
            Span = key.Span,
        };
    }

    /// <summary>
    /// The <c>values</c> of an enum or list field: a list of codes (<c>[first_secretary, work_team]</c>), or a mapping of
    /// each code to the label people see (<c>{ first_secretary: 第一书记, work_team: 驻村工作队员 }</c>).
    /// </summary>
    private (ImmutableArray<string> Values, ImmutableDictionary<string, string> Labels) ReadValues(MapReader m, string field)
    {
        if (m.Node("values") is not YMapping map)
            return (m.ScalarList("values")?.Select(v => v.Value).ToImmutableArray() ?? ImmutableArray<string>.Empty, ImmutableDictionary<string, string>.Empty);
        var values = ImmutableArray.CreateBuilder<string>();
        var labels = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Entries)
        {
            values.Add(k.Value);
            if (v is YScalar { IsNull: false } label) labels[k.Value] = label.Value;
            else if (v is not YScalar) _ctx.Bag.Error(DiagnosticCodes.InvalidValue, $"the label of value '{k.Value}' of field '{field}' must be text, not {v.KindName}", v.Span);
        }
        return (values.ToImmutable(), labels.ToImmutable());
    }

    /// <summary>Loads a rule file named by a collection's <c>rules:</c> key (relative to this file) for reuse.</summary>
    private RuleSet? Import(YScalar pathNode)
    {
        var bag = _ctx.Bag;
        var related = Path.Combine(Path.GetDirectoryName(_ctx.File) ?? "", pathNode.Value);
        var full = Path.GetFullPath(related);
        _importing ??= new HashSet<string>(StringComparer.Ordinal);
        if (_importing.Count >= 8 || !_importing.Add(full))
        {
            bag.Error(DiagnosticCodes.Cycle, $"rule file '{pathNode.Value}' is imported in a cycle (or nested more than 8 deep)", pathNode.Span);
            return null;
        }
        try
        {
            var text = _ctx.ReadRelated?.Invoke(related);
            if (text is null)
            {
                bag.Error(DiagnosticCodes.FileNotFound, $"rule file '{pathNode.Value}' not found (looked for {related})", pathNode.Span);
                return null;
            }
            var file = RuleFileLoader.LoadText(text, related, _ctx.ReadRelated);
            if (!file.Succeeded)
            {
                bag.Error(DiagnosticCodes.InvalidReference, $"rule file '{pathNode.Value}' is invalid ({file.Diagnostics.Count(d => d.Severity == Severity.Error)} errors; run 'scoring validate {related}')", pathNode.Span);
                return null;
            }
            return file.RuleSet;
        }
        finally
        {
            _importing.Remove(full);
        }
    }
}
