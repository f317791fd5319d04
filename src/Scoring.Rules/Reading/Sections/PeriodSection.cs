using Scoring.Model;
using Scoring.Rules.Yaml;

namespace Scoring.Rules.Reading.Sections;

/// <summary><c>periods:</c> — <c>{ field, from, to, values, criteria, scores }</c>: a generated range of months with definitions per month.</summary>
internal sealed class PeriodSection : DefinitionSection
{
    public override string Key => "periods";

    public override Definition? Read(YScalar key, YNode node, ReaderContext ctx)
    {
        var m = MapReader.Open(node, ctx.Bag, $"period '{key.Value}'", PerChildKeys("label", "description", "field", "from", "to"));
        if (m is null) return ctx.MissingBody(key, node, "from");
        var from = ctx.ExprAt(m, "from", true);
        var to = ctx.ExprAt(m, "to", true);
        if (from is null || to is null) return null;
        return new PeriodDefinition(key.Value, m.Text("field") ?? "period", from, to)
        {
            Label = m.Text("label"),
            Description = m.Text("description"),
            Definitions = DefinitionSections.ReadPerChild(m, ctx),
            Span = key.Span,
        };
    }

    private static string[] PerChildKeys(params string[] own) => own.Concat(DefinitionSections.PerChild.Select(s => s.Key)).ToArray();
}
