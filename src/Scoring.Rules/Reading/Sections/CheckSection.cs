using Scoring.Model;
using Scoring.Rules.Yaml;

namespace Scoring.Rules.Reading.Sections;

/// <summary><c>checks:</c> — <c>{ when, message, label, description }</c>: a record that fails is rejected with the message.</summary>
internal sealed class CheckSection : DefinitionSection
{
    public override string Key => "checks";

    public override Definition? Read(YScalar key, YNode node, ReaderContext ctx)
    {
        var m = MapReader.Open(node, ctx.Bag, $"check '{key.Value}'", "label", "description", "when", "message");
        if (m is null) return ctx.MissingBody(key, node, "when");
        var when = ctx.ExprAt(m, "when", true);
        var message = m.Text("message", required: true);
        if (when is null || message is null) return null;
        return new CheckDefinition(key.Value, when, message) { Label = m.Text("label"), Description = m.Text("description"), Span = key.Span };
    }
}
