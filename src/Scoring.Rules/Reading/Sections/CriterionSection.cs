using Scoring.Model;
using Scoring.Rules.Yaml;

namespace Scoring.Rules.Reading.Sections;

/// <summary><c>criteria:</c> — <c>key: condition</c>, or <c>{ when, score, points, label, description }</c>.</summary>
internal sealed class CriterionSection : DefinitionSection
{
    public override string Key => "criteria";
    public override bool PerChild => true;

    public override Definition? Read(YScalar key, YNode node, ReaderContext ctx)
    {
        if (node is YScalar s && !s.IsNull) return new CriterionDefinition(key.Value, ctx.Parse(s)) { Span = key.Span };
        var m = MapReader.OpenDefinition(node, ctx.Bag, $"criterion '{key.Value}'", "label", "description", "when", "score", "points");
        if (m is null) return ctx.MissingBody(key, node, "when");
        var e = ctx.ExprAt(m, "when", true);
        if (e is null) return null;
        return new CriterionDefinition(key.Value, e)
        {
            Label = m.Text("label"),
            Explain = ctx.ReadExplain(m),
            Description = m.Text("description"),
            Score = m.Text("score"),
            Points = ctx.ExprAt(m, "points", false),
            Span = key.Span,
        };
    }
}
