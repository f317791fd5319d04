using System.Globalization;
using System.Reflection;
using System.Text;
using Scoring;
using Scoring.Cli;
using Scoring.Cli.Io;

Console.OutputEncoding = new UTF8Encoding(false);
return Cli.Execute(args, Console.Out, Console.Error);

namespace Scoring.Cli
{
    using Scoring.Diagnostics;
    using Scoring.Rules;

    /// <summary>The <c>scoring</c> command line.</summary>
    internal static class Cli
    {
        public const int Ok = 0, Failed = 1, Usage = 2, SomeRejected = 3;

        private const string Help = """
            scoring — validate, test and run YAML rule sets

            usage:
              scoring validate <file|dir>...
                  check rule files; prints every problem as file(line,col): error SCRxxxx: message
              scoring test <file|dir>...
                  run the test cases written in the rule files; ends with 'N passed, M failed'
              scoring run --rules <file> --input <file.csv|file.jsonl> [--out <file.csv|file.jsonl>]
                          [--as-of YYYY-MM-DD] [--param name=value]... [--explain]
                          [--threads N] [--encoding utf-8|gb18030]
                          [--children COLLECTION=FILE.csv:KEY_COLUMN]...
                  --children joins child records (e.g. household members) from a second CSV by key
                  score every record; rejected records go to <out>.rejects.jsonl with their reasons;
                  without --out, results are written to stdout as JSON Lines and rejects to stderr
              scoring explain --rules <file> --input <file> --id <id> [--match field=value]...
                              [--as-of YYYY-MM-DD] [--param name=value]...
                  explain the outcomes of the records with that id (narrowed by --match, e.g.
                  --match month=2023-05) in the rule set's labels

            exit codes: 0 success; 1 invalid rules, failed tests or a run that could not complete;
                        2 usage error; 3 run completed but some records were rejected
            """;

        public static int Execute(string[] args, TextWriter stdout, TextWriter stderr)
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                stdout.WriteLine(Help);
                return args.Length == 0 ? Usage : Ok;
            }
            if (args[0] is "--version" or "version")
            {
                stdout.WriteLine(typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");
                return Ok;
            }
            if (args.Length > 1 && args[0] is "validate" or "test" or "run" or "explain" && args.Skip(1).Any(a => a is "-h" or "--help"))
            {
                stdout.WriteLine(Help);
                return Ok;
            }
            try
            {
                var rest = args.Skip(1).ToArray();
                return args[0] switch
                {
                    "validate" => Validate(rest, stdout, stderr),
                    "test" => Test(rest, stdout, stderr),
                    "run" => Run(Options.Parse(rest, "run"), stdout, stderr),
                    "explain" => Explain(Options.Parse(rest, "explain"), stdout, stderr),
                    _ => throw new CliException($"unknown command '{args[0]}'; see 'scoring --help'", Usage),
                };
            }
            catch (CliException ex)
            {
                stderr.WriteLine($"scoring: {ex.Message}");
                return ex.ExitCode;
            }
        }

        private static IReadOnlyList<string> Files(string[] paths)
        {
            if (paths.Length == 0) throw new CliException("name at least one rule file or directory", Usage);
            foreach (var p in paths.Where(p => p.StartsWith("--", StringComparison.Ordinal)))
                throw new CliException($"unknown option '{p}'", Usage);
            var files = RuleFileLoader.FindRuleFiles(paths);
            if (files.Count == 0) throw new CliException($"no rule files (*.yaml) found in {string.Join(", ", paths)}");
            return files;
        }

        private static void Print(IEnumerable<Diagnostic> diagnostics, TextWriter w)
        {
            foreach (var d in diagnostics) w.WriteLine(d.ToString());
        }

        private static int Validate(string[] paths, TextWriter stdout, TextWriter stderr)
        {
            int bad = 0;
            foreach (var f in Files(paths))
            {
                var file = RuleFileLoader.Load(f);
                Print(file.Diagnostics, stderr);
                if (file.Succeeded)
                {
                    var rs = file.RuleSet!;
                    CompiledRuleSet.Compile(rs); // proves it compiles
                    stdout.WriteLine($"ok   {f}: {rs.Id} v{rs.Version} ({rs.Definitions.Length} rules, {rs.Outcomes.Length} outcomes, {file.Tests.Count} tests)");
                }
                else
                {
                    bad++;
                    int errors = file.Diagnostics.Count(d => d.Severity == Severity.Error);
                    stdout.WriteLine($"FAIL {f}: {errors} error{(errors == 1 ? "" : "s")}");
                }
            }
            return bad == 0 ? Ok : Failed;
        }

        private static int Test(string[] paths, TextWriter stdout, TextWriter stderr)
        {
            int passed = 0, failed = 0;
            foreach (var f in Files(paths))
            {
                var file = RuleFileLoader.Load(f);
                if (!file.Succeeded)
                {
                    Print(file.Diagnostics, stderr);
                    stdout.WriteLine($"FAIL {f}: the rule file is invalid; its {file.Tests.Count} tests did not run");
                    failed += Math.Max(1, file.Tests.Count);
                    continue;
                }
                var compiled = CompiledRuleSet.Compile(file.RuleSet!);
                var results = TestRunner.Run(file, compiled);
                int p = results.Count(r => r.Passed);
                passed += p;
                failed += results.Count - p;
                foreach (var r in results.Where(r => !r.Passed))
                {
                    stdout.WriteLine($"FAIL {r.Test.Span}: {r.Test.Name}");
                    foreach (var why in r.Failures) stdout.WriteLine($"       {why}");
                }
                stdout.WriteLine($"{(p == results.Count ? "ok  " : "FAIL")} {f}: {p}/{results.Count} passed");
            }
            stdout.WriteLine($"{passed} passed, {failed} failed");
            return failed == 0 ? Ok : Failed;
        }

        private static (CompiledRuleSet Compiled, ScoringRun Run) Prepare(Options o, TextWriter stderr)
        {
            var file = RuleFileLoader.Load(o.Rules!);
            if (!file.Succeeded)
            {
                Print(file.Diagnostics, stderr);
                throw new CliException($"{o.Rules}: the rule file is invalid");
            }
            var compiled = CompiledRuleSet.Compile(file.RuleSet!);
            var run = compiled.CreateRun(new RunOptions { AsOf = o.AsOf, Parameters = o.Parameters });
            if (run.Value is null)
            {
                // the library's messages do not know the command line; say here which option gives what is missing
                foreach (var d in run.Diagnostics)
                    stderr.WriteLine(d + d.Code switch
                    {
                        DiagnosticCodes.AsOfRequired => " (--as-of YYYY-MM-DD)",
                        DiagnosticCodes.ParameterMissing => compiled.RuleSet.Parameters.FirstOrDefault(p => d.Message.StartsWith($"parameter '{p.Name}'", StringComparison.Ordinal)) is { } p
                            ? $" (--param {p.Name}=VALUE)" : "",
                        _ => "",
                    });
                throw new CliException("the run cannot start");
            }
            return (compiled, run.Value);
        }

        private static int Run(Options o, TextWriter stdout, TextWriter stderr)
        {
            if (o.Out is not null)
            {
                if (!InputFile.IsCsv(o.Out) && !InputFile.IsJsonLines(o.Out))
                    throw new CliException($"{o.Out}: output must be .csv or .jsonl", Usage);
                if (Directory.Exists(o.Out))
                    throw new CliException($"{o.Out}: is a directory; --out names the output file", Usage);
                var dir = Path.GetDirectoryName(Path.GetFullPath(o.Out))!;
                if (!Directory.Exists(dir)) throw new CliException($"{o.Out}: directory {dir} does not exist");
                var inputPath = RealPath(o.Input!);
                if (string.Equals(RealPath(o.Out), inputPath, StringComparison.Ordinal))
                    throw new CliException($"{o.Out}: the output would overwrite the input; name another file", Usage);
                if (string.Equals(RealPath(o.Out + ".rejects.jsonl"), inputPath, StringComparison.Ordinal))
                    throw new CliException($"{o.Out}: its rejects file {o.Out}.rejects.jsonl is the input; name another output file", Usage);
                if (o.Explain && InputFile.IsCsv(o.Out))
                    throw new CliException("--explain needs JSON Lines output (--out file.jsonl): an explanation does not fit in CSV columns", Usage);
            }
            var (compiled, run) = Prepare(o, stderr);
            var input = new InputFile(o.Input!, compiled.Reader, InputFile.ParseEncoding(o.Encoding), o.Children);
            long read = 0, scored = 0, rejected = 0, orphans = 0;
            string? outTmp = null, rejTmp = null;
            IResultSink? sink = null;
            RejectSink? rejects = null;
            bool done = false;
            using var cts = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true; // stop cleanly: no half-written output is left behind
                cts.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            // a plain kill (SIGTERM) stops as cleanly as Ctrl-C
            using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx =>
            {
                ctx.Cancel = true;
                cts.Cancel();
            });
            var progress = new Progress(stderr, input.Length);
            try
            {
                if (o.Out is null)
                {
                    sink = new JsonLinesSink(Console.OpenStandardOutput(), ownsStream: false);
                    rejects = new RejectSink(Console.OpenStandardError(), owns: false);
                }
                else
                {
                    outTmp = o.Out + ".partial";
                    rejTmp = o.Out + ".rejects.jsonl.partial";
                    var os = new FileStream(outTmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                    sink = InputFile.IsCsv(o.Out) ? new CsvSink(os, compiled) : new JsonLinesSink(os, ownsStream: true);
                    rejects = new RejectSink(new FileStream(rejTmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), owns: true);
                }
                int threads = o.Threads ?? Environment.ProcessorCount;
                void Reject(InputItem item, Evaluation e)
                {
                    var err = e.Error!;
                    rejects.Write(o.Input!, item.Number, item.Line, e.Key ?? item.Key, err.Code, err.Span.IsKnown ? $"{err.Message} ({err.Span})" : err.Message);
                }
                if (!run.HasPopulationOutcomes && !o.Explain)
                {
                    // fast path: parse, evaluate and format on the workers; this thread only reads and writes bytes
                    var formatter = new LineFormatter(compiled, o.Out is not null && InputFile.IsCsv(o.Out));
                    var output = sink.RawStream;
                    int width = compiled.Outcomes.Count;
                    var chunks = OrderedParallel.MapChunks(input.Items(), (items, _) =>
                    {
                        // a whole chunk on one worker: its lines go into one buffer; rejected records are kept aside
                        List<(InputItem Item, Evaluation Rejected)>? rejectedHere = null;
                        var values = _values ??= new Runtime.Value[Math.Max(width, 1)];
                        if (values.Length < width) values = _values = new Runtime.Value[width];
                        formatter.BeginLines();
                        var scratch = _scratch is { } sc && ReferenceEquals(sc.Layout, compiled.Bound.Subject) ? sc : _scratch = compiled.Reader.NewRecord();
                        foreach (var item in items)
                        {
                            var record = input.ParseForEvaluation(item, scratch, out var failure);
                            if (record is null)
                            {
                                (rejectedHere ??= new()).Add((item, run.Evaluate(failure!)));
                                continue;
                            }
                            if (run.EvaluateInto(record, values) is { } error) (rejectedHere ??= new()).Add((item, Evaluation.Rejected(record.Key, record.Number, error)));
                            else formatter.Append(record.Key, values.AsSpan(0, width));
                        }
                        return new LineChunk(items.Length, formatter.TakeLines(), rejectedHere);
                    }, threads, 256, cts.Token);
                    foreach (var chunk in chunks)
                    {
                        read += chunk.Count;
                        output.Write(chunk.Bytes);
                        int rejectedHere = chunk.Rejected?.Count ?? 0;
                        scored += chunk.Count - rejectedHere;
                        rejected += rejectedHere;
                        if (chunk.Rejected is { } rs)
                            foreach (var (item, r) in rs) Reject(item, r);
                        progress.Report(read, input.Position);
                    }
                }
                else
                {
                var batch = new BatchScorer(run, new BatchOptions { DegreeOfParallelism = threads, Explain = o.Explain });
                foreach (var (item, e) in batch.Score(input.Items(), (item, _) => input.Parse(item), cts.Token))
                {
                    read++;
                    if (e.Error is not null)
                    {
                        rejected++;
                        Reject(item, e);
                    }
                    else
                    {
                        scored++;
                        sink.Write(e);
                    }
                    if ((read & 1023) == 0) progress.Report(read, input.Position);
                }
                }
                // child rows that no input record claimed are not dropped silently
                foreach (var (file, line, key) in input.Orphans())
                {
                    orphans++;
                    rejects.Write(file, 0, line, key, DiagnosticCodes.InvalidRecord, $"child rows with key '{key}' belong to no record of {o.Input}");
                }
                done = true;
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine();
                stderr.WriteLine($"scoring: interrupted after reading {read} records; no output was written");
                return 130;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
                progress.Done();
                sink?.Dispose();
                rejects?.Dispose();
                if (o.Out is not null)
                {
                    if (done)
                    {
                        File.Move(outTmp!, o.Out, overwrite: true);
                        var rejPath = o.Out + ".rejects.jsonl";
                        if (rejected > 0 || orphans > 0) File.Move(rejTmp!, rejPath, overwrite: true);
                        else
                        {
                            File.Delete(rejTmp!);
                            if (File.Exists(rejPath)) File.Delete(rejPath); // a stale file from an earlier run would mislead
                        }
                    }
                    else
                    {
                        if (outTmp is not null && File.Exists(outTmp)) File.Delete(outTmp);
                        if (rejTmp is not null && File.Exists(rejTmp)) File.Delete(rejTmp);
                    }
                }
            }
            stderr.WriteLine($"read {read}, scored {scored}, rejected {rejected}");
            if (orphans > 0) stderr.WriteLine($"child keys without a record: {orphans} (listed with the rejects)");
            if ((rejected > 0 || orphans > 0) && o.Out is not null) stderr.WriteLine($"rejected records and their reasons: {o.Out}.rejects.jsonl");
            return rejected == 0 && orphans == 0 ? Ok : SomeRejected;
        }

        [ThreadStatic] private static Runtime.Value[]? _values;
        [ThreadStatic] private static Runtime.Record? _scratch; // the record a worker reads each CSV row into

        /// <summary>The full path with symbolic links resolved, so that two names of one file compare equal.</summary>
        private static string RealPath(string path)
        {
            var full = Path.GetFullPath(path);
            try
            {
                return new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
            }
            catch (IOException)
            {
                return full;
            }
        }

        /// <summary>A chunk of records scored on one worker: their output lines in one buffer, and the rejected ones.</summary>
        private sealed record LineChunk(int Count, byte[] Bytes, List<(InputItem Item, Evaluation Rejected)>? Rejected);

        private static int Explain(Options o, TextWriter stdout, TextWriter stderr)
        {
            if (o.Id is null) throw new CliException("explain needs --id <id>", Usage);
            var (compiled, run) = Prepare(o, stderr);
            int found = 0, failed = 0;
            // population-level outcomes (ranks, selections) need every record of the input
            var population = run.HasPopulationOutcomes ? run.BeginPopulation() : null;
            var matches = new List<(InputItem Item, Runtime.RecordResult Read, Evaluation Evaluation)>();
            var input = new InputFile(o.Input!, compiled.Reader, InputFile.ParseEncoding(o.Encoding), o.Children);
            foreach (var raw in input.Items())
            {
                var parsed = input.Parse(raw);
                var key = parsed.Key ?? raw.Key;
                bool match = key == o.Id && (parsed.Record is not { } rec || o.Match.All(m => rec.Get(m.Key).ToString() == m.Value));
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
            foreach (var (item, parsed, e) in matches)
            {
                if (found++ > 0) stdout.WriteLine(new string('─', 60));
                if (parsed.Record is null)
                {
                    stdout.Write(ExplanationFormatter.Format(e, compiled, o.Id));
                    stdout.WriteLine();
                    stdout.WriteLine($"记录 record {item.Number} (line {item.Line}) of {o.Input} cannot be read: {parsed.ErrorText}");
                    failed++;
                    continue;
                }
                string? name = parsed.Record.Get("name") is { Kind: Runtime.ValueKind.Text } n ? $"{n} ({o.Id})" : null;
                var context = string.Join(", ", compiled.RuleSet.Subject.Record.Fields
                    .Where(f => f.Type is Model.FieldType.Month or Model.FieldType.Date)
                    .Select(f => $"{f.Label ?? f.Name} {parsed.Record.Get(f.Name)}"));
                stdout.Write(ExplanationFormatter.Format(e, compiled, name));
                stdout.WriteLine();
                stdout.WriteLine($"记录 record {item.Number} (line {item.Line}) of {o.Input}{(context.Length > 0 ? " — " + context : "")}");
                if (o.AsOf is { } d) stdout.WriteLine($"评估日期 as of {d:yyyy-MM-dd}");
                if (!e.Succeeded) failed++;
            }
            if (found == 0)
                throw new CliException($"{o.Input}: no record with id '{o.Id}' ({compiled.Reader.KeyField}){(o.Match.Count > 0 ? " and " + string.Join(", ", o.Match.Select(m => $"{m.Key}={m.Value}")) : "")}");
            return failed == 0 ? Ok : Failed;
        }
    }

    /// <summary>Options of <c>run</c> and <c>explain</c>.</summary>
    internal sealed class Options
    {
        public string? Rules { get; private set; }
        public string? Input { get; private set; }
        public string? Out { get; private set; }
        public string? Id { get; private set; }
        public DateOnly? AsOf { get; private set; }
        public bool Explain { get; private set; }
        public int? Threads { get; private set; }
        public string? Encoding { get; private set; }
        public Dictionary<string, decimal> Parameters { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> Match { get; } = new(StringComparer.Ordinal);
        public List<(string Collection, string File, string KeyColumn)> Children { get; } = new();

        public static Options Parse(string[] args, string command)
        {
            var o = new Options();
            for (int i = 0; i < args.Length; i++)
            {
                string a = args[i];
                string Next() => i + 1 < args.Length ? args[++i] : throw new CliException($"{a} needs a value", Cli.Usage);
                switch (a)
                {
                    case "--rules": o.Rules = Next(); break;
                    case "--input": o.Input = Next(); break;
                    case "--out" when command == "run": o.Out = Next(); break;
                    case "--id" when command == "explain": o.Id = Next(); break;
                    case "--explain" when command == "run": o.Explain = true; break;
                    case "--encoding": o.Encoding = Next(); break;
                    case "--children":
                    {
                        var v = Next();
                        int eq = v.IndexOf('=', StringComparison.Ordinal), colon = v.LastIndexOf(':');
                        if (eq <= 0 || colon <= eq + 1 || colon == v.Length - 1)
                            throw new CliException($"--children '{v}' must be COLLECTION=FILE.csv:KEY_COLUMN, e.g. members=members.csv:household_id", Cli.Usage);
                        o.Children.Add((v[..eq], v[(eq + 1)..colon], v[(colon + 1)..]));
                        break;
                    }
                    case "--threads" when command == "run":
                    {
                        var v = Next();
                        if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var t) || t < 1 || t > 1024)
                            throw new CliException($"--threads '{v}' must be a whole number from 1 to 1024", Cli.Usage);
                        o.Threads = t;
                        break;
                    }
                    case "--match" when command == "explain":
                    {
                        var v = Next();
                        int eq = v.IndexOf('=', StringComparison.Ordinal);
                        if (eq <= 0) throw new CliException($"--match '{v}' must be field=value", Cli.Usage);
                        o.Match[v[..eq]] = v[(eq + 1)..];
                        break;
                    }
                    case "--as-of":
                    {
                        var v = Next();
                        if (!DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                            throw new CliException($"--as-of '{v}' is not a date YYYY-MM-DD", Cli.Usage);
                        o.AsOf = d;
                        break;
                    }
                    case "--param":
                    {
                        var v = Next();
                        int eq = v.IndexOf('=', StringComparison.Ordinal);
                        if (eq <= 0 || !decimal.TryParse(v[(eq + 1)..], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var pv))
                            throw new CliException($"--param '{v}' must be name=number", Cli.Usage);
                        o.Parameters[v[..eq]] = pv;
                        break;
                    }
                    default:
                        throw new CliException($"unknown option '{a}' for '{command}'; see 'scoring --help'", Cli.Usage);
                }
            }
            if (o.Rules is null) throw new CliException($"{command} needs --rules <file>", Cli.Usage);
            if (o.Input is null) throw new CliException($"{command} needs --input <file>", Cli.Usage);
            return o;
        }
    }
}
