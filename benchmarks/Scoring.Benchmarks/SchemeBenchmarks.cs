using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Scoring.Rules;
using Scoring.Runtime;

namespace Scoring.Benchmarks;

/// <summary>
/// Evaluation of every reference scheme on its whole shipped sample, with and without explanation
/// (divide by the sample's record count for the time per subject; benchmarks/README.md does).
/// </summary>
[MemoryDiagnoser]
public class SchemeBenchmarks
{
    /// <summary>Rule file and sample input of each scheme that is present in the repository.</summary>
    public static IEnumerable<string> Schemes() => Catalog.Keys.Where(k =>
        File.Exists(Paths.Rules(Catalog[k].Rules)) && File.Exists(Path.Combine(Paths.Root, "samples", Catalog[k].Sample)));

    internal static readonly Dictionary<string, (string Rules, string Sample, string? AsOf, string? Year)> Catalog = new()
    {
        ["settlement-services"] = ("settlement-services.yaml", "settlements.csv", null, null),
        ["ten-star-cadre-monthly"] = ("ten-star-cadre-monthly.yaml", "cadre-months.jsonl", null, null),
        ["ten-star-cadre-year"] = ("ten-star-cadre-year.yaml", "cadre-years.jsonl", null, null),
        ["party-member-points"] = ("party-member-points.yaml", "party-members.jsonl", "2024-01-15", "2023"),
        ["civilized-household"] = ("civilized-household.yaml", "households.jsonl", null, null),
        ["aid-eligibility"] = ("aid-eligibility.yaml", "aid-households.jsonl", "2023-08-15", null),
    };

    [ParamsSource(nameof(Schemes))]
    public string Scheme { get; set; } = "";

    private Record[] _records = null!;
    private ScoringRun _run = null!;
    private Value[] _outcomes = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_run, _records) = Load(Scheme);
        _outcomes = new Value[_run.RuleSet.Outcomes.Count];
    }

    internal static (ScoringRun Run, Record[] Records) Load(string scheme)
    {
        var (rules, sample, asOf, year) = Catalog[scheme];
        var file = RuleFileLoader.Load(Paths.Rules(rules));
        var compiled = CompiledRuleSet.Compile(file.RuleSet ?? throw new InvalidOperationException(string.Join("\n", file.Diagnostics)));
        var options = new RunOptions
        {
            AsOf = asOf is null ? null : DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture),
            Parameters = year is null ? new Dictionary<string, decimal>() : new Dictionary<string, decimal> { ["year"] = decimal.Parse(year, System.Globalization.CultureInfo.InvariantCulture) },
        };
        var run = compiled.CreateRun(options).GetValueOrThrow();
        var path = Path.Combine(Paths.Root, "samples", sample);
        var records = new List<Record>();
        if (path.EndsWith(".csv", StringComparison.Ordinal))
        {
            var lines = File.ReadAllLines(path);
            var header = lines[0].Split(',');
            foreach (var line in lines.Skip(1))
            {
                var cells = line.Split(',');
                var r = compiled.Reader.Read(n => Array.IndexOf(header, n) is var i and >= 0 ? cells[i] : null);
                records.Add(r.Record ?? throw new InvalidOperationException(r.ErrorText));
            }
        }
        else
        {
            foreach (var line in File.ReadLines(path))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                using var doc = JsonDocument.Parse(line);
                var r = compiled.Reader.Read(doc.RootElement);
                records.Add(r.Record ?? throw new InvalidOperationException(r.ErrorText));
            }
        }
        return (run, records.ToArray());
    }

    [Benchmark(Description = "whole sample, no explanation")]
    public int Evaluate()
    {
        int ok = 0;
        foreach (var r in _records) if (_run.EvaluateInto(r, _outcomes) is null) ok++;
        return ok;
    }

    [Benchmark(Description = "whole sample, with explanation")]
    public int Explain()
    {
        int n = 0;
        foreach (var r in _records) n += _run.Evaluate(r, explain: true).Explanation?.Items.Count ?? 0;
        return n;
    }
}

/// <summary>Loading, validating and compiling each rule file (compile once, evaluate many).</summary>
public class CompileBenchmarks
{
    [ParamsSource(nameof(Files))]
    public string File_ { get; set; } = "";

    public static IEnumerable<string> Files() => SchemeBenchmarks.Schemes().Select(s => SchemeBenchmarks.Catalog[s].Rules);

    [Benchmark(Description = "load + type-check + compile")]
    public CompiledRuleSet LoadAndCompile() => CompiledRuleSet.Compile(RuleFileLoader.Load(Paths.Rules(File_)).RuleSet!);
}

/// <summary>Evaluation of the points scheme on 1 and 2 threads (scaling): the engine alone, and through the ordered batch pipeline.</summary>
public class ScalingBenchmarks
{
    private Record[] _records = null!;
    private ScoringRun _run = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var file = RuleFileLoader.Load(Path.Combine(Paths.Root, "benchmarks", "rules", "points-20.yaml"));
        var compiled = CompiledRuleSet.Compile(file.RuleSet!);
        _run = compiled.CreateRun(new RunOptions()).GetValueOrThrow();
        _records = PointsSubject.Population(200_000).Select(s => compiled.Reader.Read(s.ToFields()).Record!).ToArray();
    }

    [Benchmark(OperationsPerInvoke = 200_000, Description = "EvaluateInto on N threads, per subject")]
    public int Evaluation()
    {
        // the engine's own scaling: each thread evaluates a contiguous half of the records
        int ok = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, w =>
        {
            var values = new Runtime.Value[2];
            int from = _records.Length * w / Threads, to = _records.Length * (w + 1) / Threads, n = 0;
            for (int i = from; i < to; i++) if (_run.EvaluateInto(_records[i], values) is null) n++;
            Interlocked.Add(ref ok, n);
        });
        return ok;
    }

    [Benchmark(OperationsPerInvoke = 200_000, Description = "BatchScorer (ordered, Evaluation objects), per subject")]
    public int Batch()
    {
        int ok = 0;
        var scorer = new BatchScorer(_run, new BatchOptions { DegreeOfParallelism = Threads }); // the default chunk size (512)
        foreach (var e in scorer.Score(_records)) if (e.Succeeded) ok++;
        return ok;
    }
}
