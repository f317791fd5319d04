using Scoring.Cli.CommandLine;
using Scoring.Cli.Io;
using Scoring.Cli.Pages;
using Scoring.Cli.Running;
using Scoring.Runtime;

namespace Scoring.Cli.Commands;

/// <summary><c>scoring notice</c>: the notice board page (公示) of a run's results, one table per group, printable on A4.</summary>
internal sealed class NoticeCommand : RecordCommand
{
    public override string Name => "notice";

    public override string Summary => "write the notice board page (公示) of the results";

    public override string Usage => """
          scoring notice --rules <file> --input <file> --out <file.html> [--group-by <field>]
                         [--keep field,field] [--period YYYY-MM-DD..YYYY-MM-DD] [--title <text>]
                         [--as-of YYYY-MM-DD] [--param name=value]...
              write a printable, self-contained HTML page of the results for the notice board:
              one table per group, each subject's outcomes in words and a short reason, the rule
              set's name and version, the as-of date and the publication period; fields marked
              'mask: true' (ID numbers) are shown masked, e.g. 1427**********0012
        """;

    protected override CliOption<RecordSettings>[] Options() =>
        RecordSettings.PageOptions("one table per value of this field (e.g. community)", RecordSettings.KeepOption(), RecordSettings.PeriodOption());

    public override int Execute(Invocation invocation)
    {
        var context = invocation.Context;
        var o = Read(invocation);
        if (o.Out is not { } page) throw new CliException("notice needs --out <file.html>", Cli.Usage);
        HtmlPage.CheckOut(page, "--out");
        var (compiled, run) = RuleSetup.Prepare(o, context);
        RuleSetup.CheckFields(compiled, o.Keep, "--keep");
        if (o.GroupBy is { } g) RuleSetup.CheckFields(compiled, new[] { g }, "--group-by");
        var population = run.HasPopulationOutcomes ? run.BeginPopulation() : null;
        var entries = new List<NoticeBoard.Entry>();
        long rejected = 0;
        using (var input = InputFormats.Open(new InputRequest(o.Input!.Value, compiled.Reader, TextEncodings.Parse(o.Encoding), o.Children) { Sheet = o.Sheet }))
        {
            foreach (var raw in input.Items())
            {
                var parsed = input.Parse(raw);
                var e = population is not null ? population.Add(parsed, explain: true) : run.Evaluate(parsed, explain: true);
                if (parsed.Record is not { } record || !e.Succeeded)
                {
                    rejected++;
                    continue;
                }
                var group = o.GroupBy is { } gb ? record.Get(gb).ToString() : "";
                entries.Add(new NoticeBoard.Entry(e, group, o.Keep.Select(record.Get).ToArray()));
            }
        }
        population?.Complete();
        HtmlPage.Save(page, new NoticeBoard(compiled, o).Page(entries, rejected));
        context.Stderr.WriteLine($"notice: {entries.Count} records{(rejected > 0 ? $", {rejected} rejected (not shown; see 'scoring run')" : "")} → {page}");
        return rejected == 0 ? Cli.Ok : Cli.SomeRejected;
    }
}
