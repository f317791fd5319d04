using Scoring.Cli.CommandLine;
using Scoring.Cli.Io;
using Scoring.Cli.Pages;
using Scoring.Cli.Running;
using Scoring.Diagnostics;

namespace Scoring.Cli.Commands;

/// <summary><c>scoring run</c>: scores every record of an input; each is written to the results or, with its reason, to the rejects.</summary>
internal sealed class RunCommand : RecordCommand
{
    public override string Name => "run";

    public override string Summary => "score every record of an input file";

    public override string Usage => """
          scoring run --rules <file> --input <file.csv|file.jsonl> [--out <file.csv|file.jsonl>]
                      [--as-of YYYY-MM-DD] [--param name=value]... [--explain]
                      [--threads N] [--encoding utf-8|gb18030] [--sheet <name>]
                      [--children COLLECTION=FILE.csv:KEY_COLUMN]...
                      [--keep field,field] [--headers keys|labels] [--bom] [--formulas neutralise|keep]
                      [--report <file.html>] [--group-by <field>]
              --input and --out may also be Excel workbooks (.xlsx)
              --children joins child records (e.g. household members) from a second CSV by key
              score every record; rejected records go to <out>.rejects.jsonl with their reasons;
              without --out, results are written to stdout as JSON Lines and rejects to stderr
        """;

    protected override CliOption<RecordSettings>[] Options() =>
    [
        RecordSettings.RulesOption(),
        RecordSettings.InputOption("<file.csv|file.jsonl|file.xlsx>", "the records to score: CSV with a header row, JSON Lines, or an Excel workbook (.xlsx: a header row of keys or labels)"),
        RecordSettings.OutOption(),
        RecordSettings.AsOfOption(),
        RecordSettings.ParamOption(),
        RecordSettings.ExplainOption(),
        RecordSettings.ThreadsOption(),
        RecordSettings.EncodingOption(),
        RecordSettings.ChildrenOption(),
        RecordSettings.SheetOption(),
        RecordSettings.KeepOption(),
        RecordSettings.HeadersOption(),
        RecordSettings.BomOption(),
        RecordSettings.FormulasOption(),
        RecordSettings.ReportOption(),
        RecordSettings.GroupByOption("the field the report counts per group (e.g. community)"),
    ];

    public override int Execute(Invocation invocation)
    {
        var context = invocation.Context;
        var o = Read(invocation);
        var format = o.Out is { } @out ? CheckOut(@out, o) : OutputFormats.Standard;
        if (o.Report is { } reportPath) RunReport.CheckOut(reportPath);
        var (compiled, run) = RuleSetup.Prepare(o, context);
        var options = o.OutputOptions;
        RuleSetup.CheckFields(compiled, o.Keep, "--keep");
        if (o.GroupBy is { } g) RuleSetup.CheckFields(compiled, new[] { g }, "--group-by");
        var encoding = TextEncodings.Parse(o.Encoding);
        using var input = InputFormats.Open(new InputRequest(o.Input!.Value, compiled.Reader, encoding, o.Children) { Sheet = o.Sheet });
        using var interrupts = context.HandleInterrupts();
        var progress = new Progress(context.Stderr, input.Length, context.StderrIsTerminal);
        using var output = o.Out is { } target ? RunOutput.ToFile(target) : RunOutput.ToStandardStreams(context);
        var rejects = new RejectWriter(output.Rejects);
        var results = format.Create(output.Results, compiled, options);
        if (results is IRejectSink sink) rejects.Also(sink);
        RunReport? report = null;
        var kept = o.Keep.ToList();
        if (o.Report is not null)
        {
            if (o.GroupBy is { } group && !kept.Contains(group)) kept.Add(group);
            report = new RunReport(compiled, run, o, kept);
            rejects.Also(report);
            results = new TeeWriter(results, report);
        }
        var loop = new RecordLoop(run, compiled, input, o.Input!.Value.Text, results, rejects, progress, kept);
        long orphans = 0;
        try
        {
            results.WriteHeader();
            loop.Run(o.Threads ?? Environment.ProcessorCount, o.Explain, context.Interrupted);
            // child rows that no input record claimed are not dropped silently
            foreach (var (file, line, key) in input.Orphans())
            {
                orphans++;
                rejects.Write(file, 0, line, key, DiagnosticCodes.InvalidRecord, $"child rows with key '{key}' belong to no record of {o.Input}");
            }
        }
        catch (OperationCanceledException)
        {
            context.Stderr.WriteLine();
            context.Stderr.WriteLine($"scoring: interrupted after reading {loop.Read} records; no output was written");
            return Cli.Interrupted; // the output is not committed: its partial files go
        }
        finally
        {
            progress.Done();
            results.Finish();
            rejects.Finish();
        }
        output.Commit(keepRejects: loop.Rejected > 0 || orphans > 0);
        report?.Save(o.Report!.Value, loop.Read, loop.Scored, loop.Rejected);
        var stderr = context.Stderr;
        stderr.WriteLine($"read {loop.Read}, scored {loop.Scored}, rejected {loop.Rejected}");
        if (orphans > 0) stderr.WriteLine($"child keys without a record: {orphans} (listed with the rejects)");
        if ((loop.Rejected > 0 || orphans > 0) && output.RejectsFile is { } rejectsFile) stderr.WriteLine($"rejected records and their reasons: {rejectsFile}");
        if (o.Report is { } written) stderr.WriteLine($"report: {written}");
        return loop.Rejected == 0 && orphans == 0 ? Cli.Ok : Cli.SomeRejected;
    }

    /// <summary>The format of <c>--out</c>, checked before the rule file or the input is opened.</summary>
    private static IOutputFormat CheckOut(UserPath @out, RecordSettings o)
    {
        var format = OutputFormats.Require(@out);
        if (Directory.Exists(@out.Full))
            throw new CliException($"{@out}: is a directory; --out names the output file", Cli.Usage);
        var input = RealPath(o.Input!.Value.Full);
        if (string.Equals(RealPath(@out.Full), input, StringComparison.Ordinal))
            throw new CliException($"{@out}: the output would overwrite the input; name another file", Cli.Usage);
        if (string.Equals(RealPath(@out.Full + RunOutput.RejectsSuffix), input, StringComparison.Ordinal))
            throw new CliException($"{@out}: its rejects file {@out}{RunOutput.RejectsSuffix} is the input; name another output file", Cli.Usage);
        if (o.Explain) OutputFormats.RequireExplanations(format);
        return format;
    }

    /// <summary>The full path with symbolic links resolved, so that two names of one file compare equal.</summary>
    private static string RealPath(string full)
    {
        try
        {
            return new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
        }
    }
}
