using System.Collections.Immutable;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Rules.Yaml;

namespace Scoring.Rules.Reading;

/// <summary>Reads <c>parameters:</c>: typed, dated values, optionally keyed by a subject field; scales give bands instead of a value.</summary>
internal static class ParameterReader
{
    public static void Read(YMapping? map, ReaderContext ctx, ICollection<ParameterDefinition> into)
    {
        if (map is null) return;
        var bag = ctx.Bag;
        foreach (var (k, v) in map.Entries)
        {
            var m = MapReader.Open(v, bag, $"parameter '{k.Value}'", "type", "label", "description", "unit", "reference", "key", "values");
            if (m is null) continue;
            var ts = m.Scalar("type", required: true);
            var type = ts is null ? null : ctx.ParseType(ts);
            var values = ImmutableArray.CreateBuilder<DatedValue>();
            if (m.Sequence("values") is { } seq)
            {
                foreach (var item in seq.Items)
                {
                    var vm = MapReader.Open(item, bag, $"a value of '{k.Value}'", "from", "key", "value", "bands", "reference");
                    if (vm is null) continue;
                    var from = vm.Date("from", required: true);
                    if (type == FieldType.Scale)
                    {
                        var bands = ImmutableArray.CreateBuilder<ScaleBand>();
                        if (vm.Sequence("bands", required: true) is { } bs)
                            foreach (var band in bs.Items)
                            {
                                var bm = MapReader.Open(band, bag, $"a band of '{k.Value}'", "from", "rate");
                                if (bm is null) continue;
                                var bf = bm.Decimal("from", required: true);
                                var br = bm.Decimal("rate", required: true);
                                if (bf is not null && br is not null) bands.Add(new ScaleBand(bf.Value, br.Value));
                            }
                        if (vm.Has("value")) bag.Error(DiagnosticCodes.InvalidValue, $"'{k.Value}' is a scale: give 'bands', not 'value'", vm.KeyNode("value")!.Span);
                        if (from is not null) values.Add(new DatedValue(from.Value, vm.Text("key"), 0) { Bands = bands.ToImmutable(), Span = item.Span });
                        continue;
                    }
                    var value = vm.Decimal("value", required: true);
                    if (from is null || value is null) continue;
                    values.Add(new DatedValue(from.Value, vm.Text("key"), value.Value) { Span = item.Span });
                }
            }
            into.Add(new ParameterDefinition(k.Value, type ?? FieldType.Decimal)
            {
                Label = m.Text("label"),
                Unit = m.Text("unit"),
                Reference = m.Text("reference"),
                KeyField = m.Text("key"),
                Values = values.ToImmutable(),
                Span = k.Span,
            });
        }
    }
}
