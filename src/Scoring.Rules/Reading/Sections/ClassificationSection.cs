using System.Collections.Immutable;
using Scoring.Model;
using Scoring.Rules.Yaml;

namespace Scoring.Rules.Reading.Sections;

/// <summary><c>classifications:</c> — <c>{ levels, cases: [{ when, then }], else, vetoes: [{ when, at_most | set, label }] }</c>.</summary>
internal sealed class ClassificationSection : DefinitionSection
{
    public override string Key => "classifications";

    public override Definition? Read(YScalar key, YNode node, ReaderContext ctx)
    {
        var m = MapReader.OpenDefinition(node, ctx.Bag, $"classification '{key.Value}'", "label", "description", "levels", "cases", "else", "vetoes");
        if (m is null) return ctx.MissingBody(key, node, "cases");
        var cases = ImmutableArray.CreateBuilder<ClassificationCase>();
        if (m.Sequence("cases") is { } seq)
        {
            foreach (var item in seq.Items)
            {
                var cm = MapReader.Open(item, ctx.Bag, $"a case of '{key.Value}'", "when", "then");
                if (cm is null) continue;
                var when = ctx.ExprAt(cm, "when", true);
                var then = cm.Text("then", required: true);
                if (when is not null && then is not null) cases.Add(new ClassificationCase(when, then) { Span = item.Span });
            }
        }
        var vetoes = ImmutableArray.CreateBuilder<Veto>();
        if (m.Sequence("vetoes") is { } vs)
        {
            foreach (var item in vs.Items)
            {
                var vm = MapReader.Open(item, ctx.Bag, $"a veto of '{key.Value}'", "when", "at_most", "set", "label");
                if (vm is null) continue;
                var when = ctx.ExprAt(vm, "when", true);
                if (when is null) continue;
                vetoes.Add(new Veto(when) { AtMost = vm.Text("at_most"), Set = vm.Text("set"), Label = vm.Text("label"), Span = item.Span });
            }
        }
        return new ClassificationDefinition(key.Value)
        {
            Label = m.Text("label"),
            Explain = ctx.ReadExplain(m),
            Description = m.Text("description"),
            Levels = m.ScalarList("levels")?.Select(s => s.Value).ToImmutableArray() ?? ImmutableArray<string>.Empty,
            Cases = cases.ToImmutable(),
            Else = m.Text("else"),
            Vetoes = vetoes.ToImmutable(),
            Span = key.Span,
        };
    }
}
