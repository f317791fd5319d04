using Scoring.Model;
using Scoring.Rules.Yaml;

namespace Scoring.Rules.Reading.Sections;

/// <summary><c>scores:</c> — <c>key:</c> (nothing: base 0, no caps), or <c>{ base, min, max, plus, label, description }</c>.</summary>
internal sealed class ScoreSection : DefinitionSection
{
    public override string Key => "scores";
    public override bool PerChild => true;

    public override Definition? Read(YScalar key, YNode node, ReaderContext ctx)
    {
        if (node is YScalar { IsNull: true }) return new ScoreDefinition(key.Value) { Span = key.Span };
        var m = MapReader.OpenDefinition(node, ctx.Bag, $"score '{key.Value}'", "label", "description", "base", "min", "max", "plus");
        if (m is null) return null;
        return new ScoreDefinition(key.Value)
        {
            Label = m.Text("label"),
            Explain = ctx.ReadExplain(m),
            Description = m.Text("description"),
            Base = m.Decimal("base") ?? 0m,
            Min = m.Decimal("min"),
            Max = m.Decimal("max"),
            Plus = ctx.ExprAt(m, "plus", false),
            Span = key.Span,
        };
    }
}
