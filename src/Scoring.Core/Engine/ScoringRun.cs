using Scoring.Compilation;
using Scoring.Definitions;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Runtime;
using Scoring.Syntax;
using static Scoring.RunMessages;
using A = Scoring.Diagnostics.DiagnosticArguments;

namespace Scoring;

/// <summary>
/// A prepared run of a compiled rule set: parameters fixed for the as-of date. Evaluate records
/// from any number of threads; results are deterministic.
/// </summary>
public sealed class ScoringRun
{
    private readonly CompiledRuleSet _compiled;
    private readonly ParameterValues[] _parameters;
    private readonly ThreadLocal<Frame> _frames;
    private readonly long _id;
    private readonly int[] _keyed; // parameters whose value depends on a field of the record
    private readonly int _asOf;
    private static long s_lastId;

    // a one-entry cache in front of the ThreadLocal: the run last used on this thread finds its frame
    // without a ThreadLocal lookup (an id, not a reference, so a dropped run is not kept alive)
    [ThreadStatic] private static Frame? t_lastFrame;

    internal ScoringRun(CompiledRuleSet compiled, RunOptions options, ParameterValues[] parameters)
    {
        _compiled = compiled;
        Options = options;
        _parameters = parameters;
        _asOf = options.AsOf?.DayNumber ?? 0;
        _id = Interlocked.Increment(ref s_lastId);
        _keyed = Enumerable.Range(0, parameters.Length).Where(i => parameters[i].ByKey is not null && parameters[i].KeyField is not null).ToArray();
        _frames = new ThreadLocal<Frame>(() =>
        {
            // what is the same for every record is set once per frame; FillKeyedParameters does the rest per record
            var frame = new Frame(compiled.Bound.Shape, parameters.Length) { OwnerId = _id, AsOf = _asOf };
            for (int i = 0; i < parameters.Length; i++)
            {
                frame.P[i] = parameters[i].Value;
                frame.Scales[i] = parameters[i].Scale;
            }
            return frame;
        });
    }

    private Frame FrameForThread()
    {
        var f = t_lastFrame;
        if (f is not null && f.OwnerId == _id) return f;
        f = _frames.Value!;
        t_lastFrame = f;
        return f;
    }

    /// <summary>The compiled rule set.</summary>
    public CompiledRuleSet RuleSet => _compiled;

    /// <summary>The options the run was created with.</summary>
    public RunOptions Options { get; }

    /// <summary>Reads and evaluates a JSON object in one step.</summary>
    public Evaluation Evaluate(System.Text.Json.JsonElement json, bool explain = false, long recordNumber = 0) =>
        Evaluate(_compiled.Reader.Read(json, recordNumber), explain);

    /// <summary>Reads and evaluates a record given as .NET values in one step.</summary>
    public Evaluation Evaluate(IReadOnlyDictionary<string, object?> values, bool explain = false) =>
        Evaluate(_compiled.Reader.Read(values), explain);

    /// <summary>Evaluates a record read by <see cref="RecordReader"/>; a record with field errors is rejected with them.</summary>
    public Evaluation Evaluate(RecordResult read, bool explain = false)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (read.Record is null)
        {
            var code = read.Errors.Any(e => e.Kind == FieldErrorKind.Record) ? DiagnosticCodes.InvalidRecord
                : read.Errors.Any(e => e.Kind == FieldErrorKind.Missing) ? DiagnosticCodes.MissingField : DiagnosticCodes.InvalidField;
            var first = read.Errors.FirstOrDefault(e => e.Kind != FieldErrorKind.Record);
            return Evaluation.Rejected(read.Key, read.Number, new EvaluationError(code, read.ErrorText, SourceSpan.None)
            {
                Arguments = first.Field is null ? Array.Empty<DiagnosticArgument>() : new[] { Arg(A.Field, first.Field) },
            });
        }
        return Evaluate(read.Record, explain);
    }

    /// <summary>True when the rule set has population-level outcomes (ranks, selections, allocations); score such populations with <see cref="BeginPopulation"/>.</summary>
    public bool HasPopulationOutcomes => !_compiled.Bound.Rankings.IsEmpty;

    /// <summary>Starts scoring a population: add every record, then <see cref="Population.Complete"/> fills in ranks, selections and allocations. Not thread-safe.</summary>
    public Population BeginPopulation() => new(this);

    /// <summary>
    /// The allocation-free hot path: evaluates <paramref name="record"/> and writes its outcomes, in the
    /// order of <see cref="CompiledRuleSet.Outcomes"/>, into <paramref name="outcomes"/>. Returns null on
    /// success, else the error that rejected the record. Nothing is allocated unless an outcome is a list or object.
    /// </summary>
    public EvaluationError? EvaluateInto(Record record, Span<Value> outcomes)
    {
        ArgumentNullException.ThrowIfNull(record);
        var syms = _compiled.Bound.Outcomes;
        if (outcomes.Length < syms.Length) throw new ArgumentException($"room for {syms.Length} outcomes is needed", nameof(outcomes));
        if (!ReferenceEquals(record.Layout, _compiled.Bound.Subject))
            throw new ArgumentException("the record was read with another rule set's reader", nameof(record));
        var frame = FrameForThread();
        frame.Subject = record;
        try
        {
            if (Execute(frame, record) is { } error) return error;
            var kinds = DefinitionKinds.Default;
            for (int i = 0; i < syms.Length; i++) outcomes[i] = kinds.Of(syms[i]).ValueOf(syms[i], frame, record);
            return null;
        }
        finally
        {
            frame.Subject = null!;
        }
    }

    /// <summary>Evaluates one record. Population-level outcomes stay empty here; use <see cref="BeginPopulation"/> for them.</summary>
    public Evaluation Evaluate(Record record, bool explain = false) => Evaluate(record, explain, null);

    internal Evaluation Evaluate(Record record, bool explain, Action<Frame, Evaluation>? capture)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!ReferenceEquals(record.Layout, _compiled.Bound.Subject))
            throw new ArgumentException("the record was read with another rule set's reader", nameof(record));
        var frame = FrameForThread();
        frame.Subject = record;
        try
        {
            if (Execute(frame, record) is { } error) return Evaluation.Rejected(record.Key, record.Number, error);
            var outcomes = BuildOutcomes(frame, record);
            var explanation = explain ? new Explanation(record.Key, this, frame.Snapshot(), record) : null;
            var result = new Evaluation(record.Key, record.Number, outcomes, null, explanation);
            capture?.Invoke(frame, result);
            return result;
        }
        finally
        {
            frame.Subject = null!;
        }
    }

    /// <summary>Sets the record's keyed parameters and runs the compiled rules; the error that stopped them, or null.</summary>
    private EvaluationError? Execute(Frame frame, Record record)
    {
        if (FillKeyedParameters(frame, record) is { } perr) return perr;
        try
        {
            _compiled.Run(frame);
            return null;
        }
        catch (Exception ex) when (ex is EvaluationFault or OverflowException or DivideByZeroException)
        {
            return Describe(frame, ex);
        }
    }

    private EvaluationError? FillKeyedParameters(Frame frame, Record record)
    {
        foreach (int i in _keyed)
        {
            var p = _parameters[i];
            var kf = p.KeyField!;
            var key = record.Str[kf.Slot];
            if (key is not null && p.ByKey!.TryGetValue(key, out var v)) frame.P[i] = v;
            else if (p.HasFallback) frame.P[i] = p.Value;
            else
            {
                var args = new[] { Arg(A.Parameter, p.Name), Arg(A.Field, kf.Name), Arg("key", key ?? ""), Date(A.Date, Options.AsOf) };
                return new EvaluationError(DiagnosticCodes.ParameterNotInForce, NoValueForKey.Render(new MessageArguments(args)), SourceSpan.None) { Arguments = args };
            }
        }
        return null;
    }

    private EvaluationError Describe(Frame frame, Exception ex)
    {
        var sym = _compiled.Bound.Symbols[frame.Current];
        string where = $"{sym.Kind.ToKeyword()} '{sym.Key}'{(sym.Def.Label is { } l ? " (" + l + ")" : "")}";
        var definition = Arg(A.Definition, sym.Key);
        if (ex is EvaluationFault { Code: DiagnosticCodes.CheckFailed } cf)
            return new EvaluationError(cf.Code, $"check '{sym.Key}' failed: {cf.Message}", sym.Def.Span) { Arguments = new[] { definition } };
        if (ex is EvaluationFault f)
        {
            Expr? node;
            lock (_compiled.Nodes) node = f.Node >= 0 && f.Node < _compiled.Nodes.Count ? _compiled.Nodes[f.Node] : null;
            string text = node is OperatorSite os ? ExprPrinter.Print(os.Binary) : node is null ? "" : ExprPrinter.Print(node);
            return new EvaluationError(f.Code, $"{f.Message} in '{text}' while evaluating {where}", node?.Span ?? sym.Def.Span)
            {
                Arguments = new[] { definition, Arg(A.Expression, text) },
            };
        }
        if (ex is DivideByZeroException)
            return new EvaluationError(DiagnosticCodes.DivisionByZero, $"division by zero while evaluating {where}", sym.Def.Span) { Arguments = new[] { definition } };
        return new EvaluationError(DiagnosticCodes.Overflow, $"arithmetic overflow (a number beyond ±79 228 162 514 264 337 593 543 950 335) while evaluating {where}", sym.Def.Span)
        {
            Arguments = new[] { definition },
        };
    }

    private Outcome[] BuildOutcomes(Frame frame, Record record)
    {
        var syms = _compiled.Bound.Outcomes;
        var kinds = DefinitionKinds.Default;
        var result = new Outcome[syms.Length];
        for (int i = 0; i < syms.Length; i++)
            result[i] = new Outcome(syms[i].Key, syms[i].Def.Label, kinds.Of(syms[i]).ValueOf(syms[i], frame, record));
        return result;
    }

    /// <summary>Every explanation item of the record evaluated in <paramref name="frame"/> (a snapshot), in evaluation order.</summary>
    internal List<ExplanationItem> BuildItems(Frame frame, Record record)
    {
        var plan = _compiled.ExplanationPlan;
        var kinds = DefinitionKinds.Default;
        Func<Expr, string> text = _compiled.Text;
        var items = new List<ExplanationItem>(plan.Length);
        foreach (var p in plan)
        {
            var s = p.Symbol;
            IReadOnlyList<ExplanationInput> inputs = Array.Empty<ExplanationInput>();
            ExplanationInput[] arr = Array.Empty<ExplanationInput>();
            if (p.Readers.Length > 0)
            {
                arr = new ExplanationInput[p.Readers.Length];
                for (int i = 0; i < arr.Length; i++)
                    arr[i] = new ExplanationInput(p.InputNames[i], p.InputLabels[i], p.Readers[i](frame));
                inputs = arr;
            }
            var kind = kinds.Of(s);
            var parts = kind.Explain(p, frame, record, text);
            var own = parts.Value;
            PublicPhrasing.Lookup values = (string name, out Value v) =>
            {
                foreach (var input in arr)
                    if (input.Name == name) { v = input.Value; return true; }
                if (name == s.Key) { v = own; return true; }
                v = default;
                return false;
            };
            items.Add(new ExplanationItem(s.Key, s.Def.Label, s.Kind, parts.Value, parts.Met, parts.Rule, inputs, parts.Points, parts.Notes, p.IsOutcome)
            {
                Sentence = kind.Sentence(p, frame, record, parts, values),
            });
        }
        return items;
    }
}
