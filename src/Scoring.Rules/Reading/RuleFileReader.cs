using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Rules.Yaml;

namespace Scoring.Rules.Reading;

/// <summary>Maps the YAML tree of a rule file onto a <see cref="RuleSetBuilder"/>: identity, subject, parameters, every definition section, outcomes.</summary>
internal sealed class RuleFileReader
{
    private readonly ReaderContext _ctx;

    public RuleFileReader(DiagnosticBag bag, string file, Func<string, string?>? readRelated) => _ctx = new ReaderContext(bag, file, readRelated);

    public RuleSetBuilder? Read(MapReader top)
    {
        var bag = _ctx.Bag;
        var id = top.Text("id", required: true);
        if (id is not null && !System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9._-]*$"))
            bag.Error(DiagnosticCodes.InvalidIdentifier, $"id '{id}' must be lower-case letters, digits, '.', '_' or '-'", top.Scalar("id")!.Span);
        var b = new RuleSetBuilder(id ?? "", top.Text("name", required: true) ?? "", top.Text("version", required: true) ?? "")
        {
            Policy = top.Text("policy"),
            Description = top.Text("description"),
            Span = top.Span,
        };
        if (MapReader.Open(top.Node("effective"), bag, "'effective'", "from", "to") is { } eff)
        {
            b.EffectiveFrom = eff.Date("from");
            b.EffectiveTo = eff.Date("to");
        }
        var schema = new SchemaReader(_ctx);
        var subject = MapReader.Open(top.Node("subject"), bag, "'subject'", "name", "key", "fields", "collections", "description");
        if (subject is null)
        {
            if (top.Node("subject") is null) bag.Error(DiagnosticCodes.MissingKey, "the rule set needs 'subject' (its input schema)", top.Span);
        }
        else
        {
            var record = schema.ReadRecord(subject, 0);
            var key = subject.Text("key", required: true) ?? "";
            b.Subject = new SubjectSchema(key, record) { Name = subject.Text("name"), Span = subject.KeyNode("key")?.Span ?? subject.Span };
        }
        ParameterReader.Read(top.Mapping("parameters"), _ctx, b.Parameters);
        foreach (var section in DefinitionSections.All) section.ReadAll(top.Mapping(section.Key), _ctx, b.Definitions);
        // a reused rule file's parameters come along, unless this file declares one of the same name
        foreach (var p in schema.ImportedParameters)
            if (!b.Parameters.Any(x => x.Name == p.Name)) b.Parameters.Add(p);
        var outcomes = top.ScalarList("outcomes", required: true);
        if (outcomes is not null)
            foreach (var o in outcomes) b.Outcomes.Add(new KeyReference(o.Value) { Span = o.Span });
        return b;
    }
}
