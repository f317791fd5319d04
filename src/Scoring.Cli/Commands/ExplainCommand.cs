using Scoring.Cli.CommandLine;
using Scoring.Cli.Io;
using Scoring.Cli.Running;
using Scoring.Runtime;

namespace Scoring.Cli.Commands;

/// <summary><c>scoring explain</c>: the outcomes of the records with one id, explained in the rule set's labels.</summary>
internal sealed class ExplainCommand : RecordCommand
{
    public override string Name => "explain";

    public override string Summary => "explain the outcomes of one record";

    public override string Usage => """
          scoring explain --rules <file> --input <file> --id <id> [--match field=value]...
                          [--as-of YYYY-MM-DD] [--param name=value]... [--for staff|public]
              explain the outcomes of the records with that id (narrowed by --match, e.g.
              --match month=2023-05) in the rule set's labels; --for public: in the rule
              set's words only, one short sentence per standard, for residents
        """;

    protected override CliOption<RecordSettings>[] Options() =>
    [
        RecordSettings.RulesOption(),
        RecordSettings.InputOption("<file>", "the records: CSV with a header row, or JSON Lines"),
        RecordSettings.IdOption(),
        RecordSettings.MatchOption(),
        RecordSettings.AsOfOption(),
        RecordSettings.ParamOption(),
        RecordSettings.EncodingOption(),
        RecordSettings.ChildrenOption(),
        RecordSettings.ForOption(),
    ];

    public override int Execute(Invocation invocation)
    {
        var o = Read(invocation);
        if (o.Id is not { } id) throw new CliException("explain needs --id <id>", Cli.Usage);
        var stdout = invocation.Context.Stdout;
        var inputName = o.Input!.Value.Text;
        var (compiled, run) = RuleSetup.Prepare(o, invocation.Context);
        int found = 0, failed = 0;
        // population-level outcomes (ranks, selections) need every record of the input
        var population = run.HasPopulationOutcomes ? run.BeginPopulation() : null;
        var matches = new List<(InputItem Item, RecordResult Read, Evaluation Evaluation)>();
        using var input = InputFormats.Open(new InputRequest(o.Input!.Value, compiled.Reader, TextEncodings.Parse(o.Encoding), o.Children));
        foreach (var raw in input.Items())
        {
            var parsed = input.Parse(raw);
            var key = parsed.Key ?? raw.Key;
            bool match = key == id && (parsed.Record is not { } rec || o.Match.All(m => rec.Get(m.Key).ToString() == m.Value));
            if (population is not null)
            {
                var pe = population.Add(parsed, explain: match);
                if (match) matches.Add((raw, parsed, pe));
            }
            else if (match)
            {
                matches.Add((raw, parsed, run.Evaluate(parsed, explain: true)));
            }
        }
        population?.Complete();
        bool forPublic = o.Audience == "public";
        foreach (var (item, parsed, e) in matches)
        {
            if (found++ > 0) stdout.WriteLine(new string('─', 60));
            if (forPublic)
            {
                stdout.Write(PublicExplanation.Format(e, compiled, PublicTitle(parsed.Record, id), o.AsOf));
                if (!e.Succeeded) failed++;
                continue;
            }
            if (parsed.Record is null)
            {
                stdout.Write(ExplanationFormatter.Format(e, compiled, id));
                stdout.WriteLine();
                stdout.WriteLine($"记录 record {item.Number} (line {item.Line}) of {inputName} cannot be read: {parsed.ErrorText}");
                failed++;
                continue;
            }
            string? name = parsed.Record.Get("name") is { Kind: ValueKind.Text } n ? $"{n} ({id})" : null;
            var context = string.Join(", ", compiled.RuleSet.Subject.Record.Fields
                .Where(f => f.Type is Model.FieldType.Month or Model.FieldType.Date)
                .Select(f => $"{f.Label ?? f.Name} {parsed.Record.Get(f.Name)}"));
            stdout.Write(ExplanationFormatter.Format(e, compiled, name));
            stdout.WriteLine();
            stdout.WriteLine($"记录 record {item.Number} (line {item.Line}) of {inputName}{(context.Length > 0 ? " — " + context : "")}");
            if (o.AsOf is { } d) stdout.WriteLine($"评估日期 as of {d:yyyy-MM-dd}");
            if (!e.Succeeded) failed++;
        }
        if (found == 0 && forPublic)
            throw new CliException($"{inputName}: no record with id '{id}'{(o.Match.Count > 0 ? " and " + string.Join(", ", o.Match.Select(m => $"{m.Key}={m.Value}")) : "")}");
        if (found == 0)
            throw new CliException($"{inputName}: no record with id '{id}' ({compiled.Reader.KeyField}){(o.Match.Count > 0 ? " and " + string.Join(", ", o.Match.Select(m => $"{m.Key}={m.Value}")) : "")}");
        return failed == 0 ? Cli.Ok : Cli.Failed;
    }

    /// <summary>The heading of a public explanation: the record's name and its dates (a month rated, say), which say which record it is.</summary>
    private static string PublicTitle(Record? record, string id)
    {
        if (record is null) return id;
        var name = record.Get("name") is { Kind: ValueKind.Text } n ? n.ToString() : id;
        var dates = record.Layout.Fields.Where(f => f.Def.Type is Model.FieldType.Month).Select(f => $"{f.Def.Label ?? f.Name} {record.Get(f.Name)}");
        var context = string.Join("，", dates);
        return context.Length == 0 ? name : $"{name}（{context}）";
    }
}
