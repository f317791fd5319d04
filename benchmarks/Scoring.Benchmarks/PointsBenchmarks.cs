using BenchmarkDotNet.Attributes;
using Scoring.Rules;
using Scoring.Runtime;

namespace Scoring.Benchmarks;

/// <summary>
/// The same 20-criterion points scheme, the same population: hand-written C# (baseline), the Scoring
/// engine (allocation-free path, the object path, and with full explanation), and Microsoft RulesEngine.
/// Results are checked equal before timing. Times are per subject.
/// </summary>
[MemoryDiagnoser]
public class PointsBenchmarks
{
    public const int N = 2000;
    private PointsSubject[] _subjects = null!;
    private Record[] _records = null!;
    private ScoringRun _run = null!;
    private RulesEngineScheme _rulesEngine = null!;
    private readonly Value[] _outcomes = new Value[2];

    [GlobalSetup]
    public void Setup()
    {
        _subjects = PointsSubject.Population(N);
        var file = RuleFileLoader.Load(Path.Combine(Paths.Root, "benchmarks", "rules", "points-20.yaml"));
        var compiled = CompiledRuleSet.Compile(file.RuleSet ?? throw new InvalidOperationException(string.Join("\n", file.Diagnostics)));
        _run = compiled.CreateRun(new RunOptions()).GetValueOrThrow();
        _records = _subjects.Select(s => compiled.Reader.Read(s.ToFields()).Record ?? throw new InvalidOperationException("invalid subject")).ToArray();
        _rulesEngine = new RulesEngineScheme();
        // the three implementations must agree on every subject before anything is timed
        for (int i = 0; i < N; i++)
        {
            var expected = HandWritten.Evaluate(_subjects[i]);
            var e = _run.Evaluate(_records[i]);
            var re = _rulesEngine.Evaluate(_subjects[i]);
            if (e["total"].AsNumber != expected.Total || e["grade"].AsText != expected.Grade || re != expected)
                throw new InvalidOperationException($"{_subjects[i].HouseholdId}: hand-written {expected}, engine {e["total"]}/{e["grade"]}, RulesEngine {re}");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "hand-written C#")]
    public decimal HandWrittenCSharp()
    {
        decimal sum = 0;
        foreach (var s in _subjects) sum += HandWritten.Evaluate(s).Total;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Scoring (EvaluateInto)")]
    public decimal Scoring()
    {
        decimal sum = 0;
        foreach (var r in _records)
        {
            _run.EvaluateInto(r, _outcomes);
            sum += _outcomes[0].AsNumber;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Scoring (Evaluate)")]
    public decimal ScoringEvaluation()
    {
        decimal sum = 0;
        foreach (var r in _records) sum += _run.Evaluate(r).Outcomes[0].Value.AsNumber;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Scoring with explanation (captured)")]
    public int ScoringExplainedCaptured()
    {
        // what a run pays per record to keep every record's explanation: the evaluated slots are copied
        int n = 0;
        foreach (var r in _records) n += _run.Evaluate(r, explain: true).Explanation!.Key!.Length;
        return n;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Scoring with explanation (every item built)")]
    public int ScoringExplained()
    {
        // and with every item (inputs, rule text, points, notes) built as objects
        int n = 0;
        foreach (var r in _records) n += _run.Evaluate(r, explain: true).Explanation!.Items.Count;
        return n;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Microsoft RulesEngine 6.0.1")]
    public decimal MicrosoftRulesEngine()
    {
        decimal sum = 0;
        foreach (var s in _subjects) sum += _rulesEngine.Evaluate(s).Total;
        return sum;
    }
}
