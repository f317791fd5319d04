using Scoring.Cli.CommandLine;
using Scoring.Cli.Io;
using Scoring.Cli.Pages;
using Scoring.Cli.Running;

namespace Scoring.Cli.Commands;

/// <summary><c>scoring report</c>: scores every record and writes the run's report (counts and charts per outcome, rejects by reason, the manifest) as one HTML page.</summary>
internal sealed class ReportCommand : RecordCommand
{
    public override string Name => "report";

    public override string Summary => "write a run's report: counts and charts per outcome, rejects by reason, the manifest";

    public override string Usage => """
          scoring report --rules <file> --input <file> --out <file.html> [--group-by <field>]
                         [--as-of YYYY-MM-DD] [--param name=value]... [--title <text>]
              score every record and write a self-contained HTML page: counts and a chart per
              outcome, counts per group, rejects by reason with examples, and the run's manifest
              (rule file and input with their SHA-256, version, as-of date, parameters, counts)
        """;

    protected override CliOption<RecordSettings>[] Options() =>
        RecordSettings.PageOptions("the field to count per group (e.g. community)", RecordSettings.ThreadsOption());

    public override int Execute(Invocation invocation)
    {
        var context = invocation.Context;
        var o = Read(invocation);
        if (o.Out is not { } page) throw new CliException("report needs --out <file.html>", Cli.Usage);
        RunReport.CheckOut(page);
        var (compiled, run) = RuleSetup.Prepare(o, context);
        var carried = new List<string>();
        if (o.GroupBy is { } g)
        {
            RuleSetup.CheckFields(compiled, new[] { g }, "--group-by");
            carried.Add(g);
        }
        using var input = InputFormats.Open(new InputRequest(o.Input!.Value, compiled.Reader, TextEncodings.Parse(o.Encoding), o.Children) { Sheet = o.Sheet });
        using var interrupts = context.HandleInterrupts();
        var progress = new Progress(context.Stderr, input.Length, context.StderrIsTerminal);
        var report = new RunReport(compiled, run, o, carried);
        var rejects = new RejectWriter(Stream.Null);
        rejects.Also(report);
        var loop = new RecordLoop(run, compiled, input, o.Input!.Value.Text, report, rejects, progress, carried);
        try
        {
            loop.Run(o.Threads ?? Environment.ProcessorCount, false, context.Interrupted);
            foreach (var (file, line, key) in input.Orphans())
                rejects.Write(file, 0, line, key, Diagnostics.DiagnosticCodes.InvalidRecord, $"child rows with key '{key}' belong to no record of {o.Input}");
        }
        catch (OperationCanceledException)
        {
            context.Stderr.WriteLine();
            context.Stderr.WriteLine($"scoring: interrupted after reading {loop.Read} records; no report was written");
            return Cli.Interrupted;
        }
        finally
        {
            progress.Done();
        }
        report.Save(page, loop.Read, loop.Scored, loop.Rejected);
        context.Stderr.WriteLine($"read {loop.Read}, scored {loop.Scored}, rejected {loop.Rejected}");
        context.Stderr.WriteLine($"report: {page}");
        return Cli.Ok;
    }
}
