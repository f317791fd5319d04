using Scoring.Model;
using Scoring.Rules.Yaml;

namespace Scoring.Rules.Reading.Sections;

/// <summary><c>values:</c> — <c>key: expression</c>, or <c>{ expr, type, label, description }</c>.</summary>
internal sealed class ValueSection : DefinitionSection
{
    public override string Key => "values";
    public override bool PerChild => true;

    public override Definition? Read(YScalar key, YNode node, ReaderContext ctx)
    {
        if (node is YScalar s && !s.IsNull) return new ValueDefinition(key.Value, ctx.Parse(s)) { Span = key.Span };
        var m = MapReader.OpenDefinition(node, ctx.Bag, $"value '{key.Value}'", "label", "description", "expr", "type");
        if (m is null) return ctx.MissingBody(key, node, "expr");
        var e = ctx.ExprAt(m, "expr", true);
        if (e is null) return null;
        FieldType? declared = m.Scalar("type") is { } ts ? ctx.ParseType(ts) : null;
        return new ValueDefinition(key.Value, e) { Label = m.Text("label"),
            Explain = ctx.ReadExplain(m), Description = m.Text("description"), DeclaredType = declared, Span = key.Span };
    }
}
