using System.Collections.Immutable;
using System.Globalization;
using Scoring.Binding;
using Scoring.Compilation;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Runtime;
using Scoring.Syntax;

namespace Scoring;

/// <summary>What a run needs beyond the records: the as-of date and parameter values.</summary>
public sealed record RunOptions
{
    /// <summary>The date the rules are applied on (ages, dated parameters). Required when the rule set uses either.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Parameter values given by the run; they override dated values.</summary>
    public IReadOnlyDictionary<string, decimal> Parameters { get; init; } = ImmutableDictionary<string, decimal>.Empty;
}

/// <summary>Describes one outcome a rule set reports.</summary>
/// <param name="Key">The outcome key.</param>
/// <param name="Label">Its label.</param>
/// <param name="Kind">What kind of definition produces it: value, criterion, score, classification or eligibility.</param>
/// <param name="Fields">For an object outcome (eligibility), the names of its fields, in order; else empty.</param>
public sealed record OutcomeInfo(string Key, string? Label, string Kind, IReadOnlyList<string> Fields);

/// <summary>
/// A rule set compiled to .NET code, ready to evaluate any number of records on any number of
/// threads. Compile once with <see cref="Compile"/>, then create runs with <see cref="CreateRun"/>.
/// </summary>
public sealed class CompiledRuleSet
{
    private readonly Action<Frame> _evaluate;
    private readonly Lazy<Func<Frame, Value>[][]> _inputReaders;
    internal readonly List<Expr> Nodes;

    private CompiledRuleSet(RuleSet ruleSet)
    {
        RuleSet = ruleSet;
        Bound = ruleSet.Bound;
        Nodes = new List<Expr>();
        _evaluate = DeepStack.Run(() => Compiler.Compile(Bound, Nodes));
        Reader = new RecordReader(Bound.Subject, Bound.KeyField);
        Outcomes = Bound.Outcomes.Select(s => new OutcomeInfo(s.Key, s.Def.Label, KindOf(s.Def), ResultFields(s))).ToArray();
        _inputReaders = new Lazy<Func<Frame, Value>[][]>(() =>
        {
            lock (Nodes)
            {
                return DeepStack.Run(() => Bound.Symbols.Select(s => s.Inputs.Select(i => Compiler.CompileReader(Bound, i.Read, Nodes)).ToArray()).ToArray());
            }
        });
    }

    internal BoundRuleSet Bound { get; }

    /// <summary>The rule set.</summary>
    public RuleSet RuleSet { get; }

    /// <summary>Reads input records against the rule set's schema.</summary>
    public RecordReader Reader { get; }

    /// <summary>The outcomes, in order.</summary>
    public IReadOnlyList<OutcomeInfo> Outcomes { get; }

    /// <summary>Compiles a rule set.</summary>
    public static CompiledRuleSet Compile(RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        return new CompiledRuleSet(ruleSet);
    }

    internal static string KindOf(Definition d) => d switch
    {
        ValueDefinition => "value",
        CriterionDefinition => "criterion",
        ScoreDefinition => "score",
        ClassificationDefinition => "classification",
        CheckDefinition => "check",
        PeriodDefinition => "period",
        RankingDefinition => "ranking",
        _ => "eligibility",
    };

    private static IReadOnlyList<string> ResultFields(DefSymbol s)
    {
        if (s.Def is not EligibilityDefinition e) return Array.Empty<string>();
        var fields = new List<string> { "status" };
        if (s.AmountSlot >= 0) fields.Add("amount");
        fields.Add("missing_documents");
        fields.Add("reasons");
        fields.AddRange(s.ExtraFields.Select(x => x.Name));
        return fields;
    }

    /// <summary>
    /// Prepares a run: checks the as-of date and parameters and fixes the parameter values in force.
    /// Errors (an as-of date before every dated value of a parameter, say) are returned, not thrown.
    /// </summary>
    public BuildResult<ScoringRun> CreateRun(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bag = new DiagnosticBag();
        var rs = RuleSet;
        var runSpan = SourceSpan.None; // errors about the run itself point at no line of the rule file
        foreach (var name in options.Parameters.Keys)
            if (!rs.Parameters.Any(p => p.Name == name))
                bag.Error(DiagnosticCodes.InvalidParameter, $"rule set '{rs.Id}' has no parameter '{name}'{Binder.Suggest(name, rs.Parameters.Select(p => p.Name))}", runSpan);
        if (options.AsOf is { } asOf)
        {
            if ((rs.EffectiveFrom is { } from && asOf < from) || (rs.EffectiveTo is { } to && asOf > to))
                bag.Error(DiagnosticCodes.NotInEffect, $"rule set '{rs.Id}' is in effect {rs.EffectiveFrom:yyyy-MM-dd}…{rs.EffectiveTo:yyyy-MM-dd}, not on {asOf:yyyy-MM-dd}", runSpan);
        }
        else
        {
            var needsDate = rs.Parameters.Where((p, i) => Bound.ParameterUsed[i] && !p.Values.IsDefaultOrEmpty && !options.Parameters.ContainsKey(p.Name)).Select(p => p.Name).ToList();
            if (Bound.UsesAsOf || needsDate.Count > 0)
                bag.Error(DiagnosticCodes.AsOfRequired,
                    $"rule set '{rs.Id}' needs the as-of date ({(Bound.UsesAsOf ? "its rules read as_of" : "dated parameters " + string.Join(", ", needsDate))}) and none was given", runSpan);
        }
        var resolved = new ParameterValues[rs.Parameters.Length];
        for (int i = 0; i < rs.Parameters.Length; i++)
        {
            var p = rs.Parameters[i];
            if (p.Type == FieldType.Scale)
            {
                if (options.Parameters.ContainsKey(p.Name))
                    bag.Error(DiagnosticCodes.InvalidParameter, $"parameter '{p.Name}' is a scale and cannot be given as one number", runSpan);
                if (!Bound.ParameterUsed[i] || options.AsOf is not { } sday) { resolved[i] = new ParameterValues(p.Name, 0, null); continue; }
                var best = InForce(p.Values, sday);
                if (best is null)
                {
                    bag.Error(DiagnosticCodes.ParameterNotInForce, $"parameter '{p.Name}' has no value in force on {sday:yyyy-MM-dd}; its earliest value is from {p.Values.Min(v => v.From):yyyy-MM-dd}", p.Span);
                    continue;
                }
                resolved[i] = new ParameterValues(p.Name, 0, null) { Scale = new ScaleValue(best.Bands.Select(b => b.From).ToArray(), best.Bands.Select(b => b.Rate).ToArray()) };
                continue;
            }
            if (options.Parameters.TryGetValue(p.Name, out var given))
            {
                if (p.Type == FieldType.Integer && given != decimal.Truncate(given))
                    bag.Error(DiagnosticCodes.InvalidParameter, $"parameter '{p.Name}' is an integer; {given} is not", runSpan);
                resolved[i] = new ParameterValues(p.Name, given, null);
                continue;
            }
            if (!Bound.ParameterUsed[i]) { resolved[i] = new ParameterValues(p.Name, 0, null); continue; }
            if (p.Values.IsDefaultOrEmpty)
            {
                bag.Error(DiagnosticCodes.ParameterMissing, $"parameter '{p.Name}' has no values in the rule set, so the run must give it one", p.Span);
                continue;
            }
            if (options.AsOf is not { } day) continue; // reported above
            decimal? fallback = InForce(p.Values.Where(v => v.Key is null), day)?.Value;
            Dictionary<string, decimal>? byKey = null;
            if (p.KeyField is not null)
            {
                byKey = new Dictionary<string, decimal>(StringComparer.Ordinal);
                foreach (var g in p.Values.Where(v => v.Key is not null).GroupBy(v => v.Key!))
                    if (InForce(g, day) is { } kv) byKey[g.Key] = kv.Value;
            }
            if (fallback is null && (byKey is null || byKey.Count == 0))
            {
                var earliest = p.Values.Min(v => v.From);
                bag.Error(DiagnosticCodes.ParameterNotInForce, $"parameter '{p.Name}' has no value in force on {day:yyyy-MM-dd}; its earliest value is from {earliest:yyyy-MM-dd}", p.Span);
                continue;
            }
            resolved[i] = new ParameterValues(p.Name, fallback ?? 0, byKey, fallback is not null,
                p.KeyField is null ? null : Bound.Subject.ByName[p.KeyField]);
        }
        return new BuildResult<ScoringRun>(bag.HasErrors ? null : new ScoringRun(this, options, resolved), bag.Sorted());
    }

    /// <summary>The value in force on <paramref name="day"/>: the latest that starts on or before it.</summary>
    private static DatedValue? InForce(IEnumerable<DatedValue> values, DateOnly day)
    {
        DatedValue? best = null;
        foreach (var v in values)
            if (v.From <= day && (best is null || v.From > best.From)) best = v;
        return best;
    }

    internal void Run(Frame frame) => _evaluate(frame);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Expr, string> _texts = new(ReferenceEqualityComparer.Instance);

    /// <summary>The printed text of a rule's expression, printed once and reused by every explanation.</summary>
    internal string Text(Expr e) => _texts.GetOrAdd(e, static x => ExprPrinter.Print(x));

    internal Func<Frame, Value>[] InputReaders(int order) => _inputReaders.Value[order];

    private ExplanationPlanItem[]? _plan;

    /// <summary>The record-independent part of every explanation item, built on first use.</summary>
    internal ExplanationPlanItem[] ExplanationPlan
    {
        get
        {
            if (Volatile.Read(ref _plan) is { } p) return p;
            var built = ExplanationPlanItem.Build(this);
            return Interlocked.CompareExchange(ref _plan, built, null) ?? built;
        }
    }
}

internal sealed class ParameterValues
{
    public ParameterValues(string name, decimal value, Dictionary<string, decimal>? byKey, bool hasFallback = true, FieldSlot? keyField = null)
    {
        Name = name;
        Value = value;
        ByKey = byKey;
        HasFallback = hasFallback;
        KeyField = keyField;
    }

    public string Name { get; }
    public decimal Value { get; }
    public Dictionary<string, decimal>? ByKey { get; }
    public bool HasFallback { get; }
    public FieldSlot? KeyField { get; }
    public ScaleValue? Scale { get; init; }
}

/// <summary>An error that stopped one record from being scored.</summary>
/// <param name="Code">Diagnostic code (SCR05xx).</param>
/// <param name="Message">What went wrong, naming the field or expression.</param>
/// <param name="Span">Where in the rule file, when the error comes from a rule.</param>
public sealed record EvaluationError(string Code, string Message, SourceSpan Span)
{
    /// <inheritdoc />
    public override string ToString() => Span.IsKnown ? $"{Code}: {Message} ({Span})" : $"{Code}: {Message}";
}

/// <summary>One reported outcome.</summary>
/// <param name="Key">Outcome key.</param>
/// <param name="Label">Its label.</param>
/// <param name="Value">Its value.</param>
public readonly record struct Outcome(string Key, string? Label, Value Value);

/// <summary>The result of scoring one record: every outcome, or the error that stopped it; and on request an explanation.</summary>
public sealed class Evaluation
{
    private readonly Outcome[] _outcomes;

    internal Evaluation(string? key, long number, Outcome[]? outcomes, EvaluationError? error, Explanation? explanation)
    {
        Key = key;
        RecordNumber = number;
        _outcomes = outcomes ?? Array.Empty<Outcome>();
        Error = error;
        Explanation = explanation;
    }

    /// <summary>The record's key.</summary>
    public string? Key { get; }

    /// <summary>1-based number of the record in its input (0 when not from a file).</summary>
    public long RecordNumber { get; }

    /// <summary>True when the record was scored.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The error that stopped the record, or null.</summary>
    public EvaluationError? Error { get; }

    /// <summary>The outcomes, in the rule set's order (empty on error).</summary>
    public IReadOnlyList<Outcome> Outcomes => _outcomes;

    internal void SetOutcome(string key, Value value)
    {
        for (int i = 0; i < _outcomes.Length; i++)
            if (_outcomes[i].Key == key) _outcomes[i] = _outcomes[i] with { Value = value };
    }

    /// <summary>The explanation, when asked for.</summary>
    public Explanation? Explanation { get; }

    /// <summary>The outcome <paramref name="key"/>, or empty.</summary>
    public Value this[string key]
    {
        get
        {
            foreach (var o in Outcomes) if (o.Key == key) return o.Value;
            return Value.Empty;
        }
    }

    internal static Evaluation Rejected(string? key, long number, EvaluationError error) => new(key, number, null, error, null);
}

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
    private static long s_lastId;

    // a one-entry cache in front of the ThreadLocal: the run last used on this thread finds its frame
    // without a ThreadLocal lookup (an id, not a reference, so a dropped run is not kept alive)
    [ThreadStatic] private static Frame? t_lastFrame;

    private Frame FrameForThread()
    {
        var f = t_lastFrame;
        if (f is not null && f.OwnerId == _id) return f;
        f = _frames.Value!;
        t_lastFrame = f;
        return f;
    }
    private readonly int _asOf;

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
            var frame = new Frame(compiled.Bound, parameters.Length) { OwnerId = _id, AsOf = _asOf };
            for (int i = 0; i < parameters.Length; i++)
            {
                frame.P[i] = parameters[i].Value;
                frame.Scales[i] = parameters[i].Scale;
            }
            return frame;
        });
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
            return Evaluation.Rejected(read.Key, read.Number, new EvaluationError(
                read.Errors.Any(e => e.Field == FieldError.RecordLevel) ? DiagnosticCodes.InvalidRecord
                : read.Errors.Any(e => e.Message.StartsWith("missing", StringComparison.Ordinal)) ? DiagnosticCodes.MissingField : DiagnosticCodes.InvalidField,
                read.ErrorText, SourceSpan.None));
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
            for (int i = 0; i < syms.Length; i++) outcomes[i] = ValueOf(syms[i], frame, record);
            return null;
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
            var explanation = explain ? BuildExplanation(frame, record) : null;
            var result = new Evaluation(record.Key, record.Number, outcomes, null, explanation);
            capture?.Invoke(frame, result);
            return result;
        }
        finally
        {
            frame.Subject = null!;
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
            else return new EvaluationError(DiagnosticCodes.ParameterNotInForce, $"parameter '{p.Name}' has no value for {kf.Name} '{key}' on {Options.AsOf:yyyy-MM-dd} and no fallback", SourceSpan.None);
        }
        return null;
    }

    private EvaluationError Describe(Frame frame, Exception ex)
    {
        var sym = _compiled.Bound.Symbols[frame.Current];
        string where = $"{CompiledRuleSet.KindOf(sym.Def)} '{sym.Key}'{(sym.Def.Label is { } l ? " (" + l + ")" : "")}";
        if (ex is EvaluationFault { Code: DiagnosticCodes.CheckFailed } cf)
            return new EvaluationError(cf.Code, $"check '{sym.Key}' failed: {cf.Message}", sym.Def.Span);
        if (ex is EvaluationFault f)
        {
            Expr? node;
            lock (_compiled.Nodes) node = f.Node >= 0 && f.Node < _compiled.Nodes.Count ? _compiled.Nodes[f.Node] : null;
            string text = node is OperatorSite os ? ExprPrinter.Print(os.Binary) : node is null ? "" : ExprPrinter.Print(node);
            return new EvaluationError(f.Code, $"{f.Message} in '{text}' while evaluating {where}", node?.Span ?? sym.Def.Span);
        }
        if (ex is DivideByZeroException)
            return new EvaluationError(DiagnosticCodes.DivisionByZero, $"division by zero while evaluating {where}", sym.Def.Span);
        return new EvaluationError(DiagnosticCodes.Overflow, $"arithmetic overflow (a number beyond ±79 228 162 514 264 337 593 543 950 335) while evaluating {where}", sym.Def.Span);
    }

    private Outcome[] BuildOutcomes(Frame frame, Record record)
    {
        var syms = _compiled.Bound.Outcomes;
        var result = new Outcome[syms.Length];
        for (int i = 0; i < syms.Length; i++)
            result[i] = new Outcome(syms[i].Key, syms[i].Def.Label, ValueOf(syms[i], frame, record));
        return result;
    }

    internal static Value ValueOf(DefSymbol s, Frame f, Record record)
    {
        switch (s.Def)
        {
            case ClassificationDefinition:
            {
                int idx = f.I[s.Slot];
                return idx < 0 ? Value.Empty : Value.Of(s.Labels[idx]);
            }
            case EligibilityDefinition e:
            {
                bool met = f.B[s.Slot];
                var missing = new List<Value>();
                if (met && s.Documents is { } docs)
                {
                    var provided = record.Lists[docs.Slot];
                    foreach (var d in e.RequiredDocuments)
                        if (!Ops.Contains(provided, d)) missing.Add(Value.Of(d));
                }
                var reasons = new List<Value>();
                foreach (var c in s.Conditions)
                {
                    bool held = f.B[c.Slot];
                    // all: the conditions that failed; any: the conditions that held
                    if (e.Mode == ConditionMode.All ? !held && !met : held) reasons.Add(Value.Of(c.Key));
                }
                string status = !met ? e.NotEligibleStatus : missing.Count > 0 ? e.MissingDocumentsStatus : e.EligibleStatus;
                // statuses written as true / false report a boolean (e.g. committee_eligible: true, with its reasons)
                var fields = new List<NamedValue> { new("status", status is "true" or "false" ? Value.Of(status == "true") : Value.Of(status)) };
                if (s.AmountSlot >= 0) fields.Add(new("amount", Value.Of(f.N[s.AmountSlot])));
                fields.Add(new("missing_documents", Value.List(missing)));
                fields.Add(new("reasons", Value.List(reasons)));
                foreach (var x in s.ExtraFields) fields.Add(new(x.Name, SlotValue(f, x.Storage, x.Slot, x.Expr.Type)));
                return Value.Object(fields);
            }
            case RankingDefinition:
                return Value.Empty; // filled in by the population pass
        }
        return SlotValue(f, s.Storage, s.Slot, s.Type);
    }

    internal static Value SlotValue(Frame f, Storage storage, int slot, TType type) => storage switch
    {
        Storage.Num => Value.Of(f.N[slot]),
        Storage.Bool => Value.Of(f.B[slot]),
        Storage.Int => type.Kind == TKind.Month ? Value.OfMonth(f.I[slot]) : Value.Of(DateOnly.FromDayNumber(f.I[slot])),
        Storage.Value => f.V[slot],
        _ => Value.Of(f.S[slot]),
    };

    /// <summary>
    /// Captures what the explanation needs (a copy of the frame's slots and the record, which is
    /// immutable): the items themselves are built on first access, so a caller that keeps the
    /// explanation but reads it for few records pays little per record.
    /// </summary>
    private Explanation BuildExplanation(Frame frame, Record record) => new(record.Key, this, frame.Snapshot(), record);

    internal List<ExplanationItem> BuildItems(Frame frame, Record record)
    {
        var plan = _compiled.ExplanationPlan;
        var items = new List<ExplanationItem>(plan.Length);
        foreach (var p in plan)
        {
            var s = p.Symbol;
            IReadOnlyList<ExplanationInput> inputs = Array.Empty<ExplanationInput>();
            if (p.Readers.Length > 0)
            {
                var arr = new ExplanationInput[p.Readers.Length];
                for (int i = 0; i < arr.Length; i++)
                    arr[i] = new ExplanationInput(p.InputNames[i], p.InputLabels[i], p.Readers[i](frame));
                inputs = arr;
            }
            var value = ValueOf(s, frame, record);
            bool? met = null;
            decimal? points = null;
            string? rule = p.Rule;
            IReadOnlyList<string> notes = Array.Empty<string>();
            switch (s.Def)
            {
                case CriterionDefinition:
                    met = frame.B[s.Slot];
                    if (s.PointsSlot >= 0) points = s.PointsIn(frame);
                    break;
                case ScoreDefinition sc:
                    notes = ScoreNotes(s, sc, frame);
                    break;
                case ClassificationDefinition k:
                {
                    int ci = frame.I[s.CaseSlot];
                    rule = ci >= 0 ? p.CaseRules[ci] : null;
                    var list = new List<string>(2) { ci >= 0 ? p.CaseNotes[ci] : p.ElseNote! };
                    for (int v = 0; v < k.Vetoes.Length; v++)
                        if (frame.B[s.VetoSlot + v]) list.Add(p.VetoNotes[v]);
                    notes = list;
                    break;
                }
                case EligibilityDefinition:
                {
                    met = frame.B[s.Slot];
                    var list = new string[s.Conditions.Count];
                    for (int c = 0; c < list.Length; c++)
                        list[c] = (frame.B[s.Conditions[c].Slot] ? "✓ " : "✗ ") + p.ConditionLabels[c];
                    notes = list;
                    break;
                }
                case CheckDefinition:
                    met = true;
                    break;
                case RankingDefinition:
                    notes = RankingNotes;
                    break;
            }
            items.Add(new ExplanationItem(s.Key, s.Def.Label, p.Kind, value, met, rule, inputs, points, notes, p.IsOutcome));
        }
        return items;
    }

    private static readonly string[] RankingNotes = { "computed over the whole population after every record is scored" };

    private string[] ScoreNotes(DefSymbol s, ScoreDefinition sc, Frame frame)
    {
        var raw = frame.N[s.PointsSlot];
        decimal sum = 0;
        int metCount = 0;
        foreach (var m in s.Members)
        {
            sum += m.PointsIn(frame);
            if (frame.B[m.Slot]) metCount++;
        }
        var arithmetic = string.Create(CultureInfo.InvariantCulture,
            $"{(sc.Base != 0 ? "base " + Fmt(sc.Base) + "; " : "")}{metCount} of {s.Members.Count} met, {Fmt(sum)} points{(sc.Plus is not null ? "; plus " + _compiled.Text(sc.Plus) + " = " + Fmt(raw - sc.Base - sum) : "")}");
        if (sc.Max is { } max && raw > max) return new[] { arithmetic, "capped at " + Fmt(max) + " (was " + Fmt(raw) + ")" };
        if (sc.Min is { } min && raw < min) return new[] { arithmetic, "raised to the floor " + Fmt(min) + " (was " + Fmt(raw) + ")" };
        return new[] { arithmetic };
    }

    // whole numbers (most points) print as integers, without normalising the decimal first
    private static string Fmt(decimal d) =>
        d.Scale == 0 && d >= long.MinValue && d <= long.MaxValue ? ((long)d).ToString(CultureInfo.InvariantCulture)
        : Value.Normalize(d).ToString(CultureInfo.InvariantCulture);
}

/// <summary>What an explanation item of one definition needs that does not depend on the record: printed once per rule set.</summary>
internal sealed class ExplanationPlanItem
{
    public required DefSymbol Symbol { get; init; }
    public required string Kind { get; init; }
    public required bool IsOutcome { get; init; }
    public required string? Rule { get; init; }
    public required Func<Frame, Value>[] Readers { get; init; }
    public required string[] InputNames { get; init; }
    public required string?[] InputLabels { get; init; }
    public string[] CaseRules { get; init; } = Array.Empty<string>();
    public string[] CaseNotes { get; init; } = Array.Empty<string>();
    public string? ElseNote { get; init; }
    public string[] VetoNotes { get; init; } = Array.Empty<string>();
    public string[] ConditionLabels { get; init; } = Array.Empty<string>();

    public static ExplanationPlanItem[] Build(CompiledRuleSet compiled)
    {
        var bound = compiled.Bound;
        var outcomes = new HashSet<DefSymbol>(bound.Outcomes);
        var plan = new List<ExplanationPlanItem>();
        foreach (var s in bound.Symbols)
        {
            if (s.Def is PeriodDefinition) continue;
            string? rule = s.Def switch
            {
                CriterionDefinition c => compiled.Text(c.When),
                ValueDefinition v => compiled.Text(v.Expression),
                CheckDefinition k => compiled.Text(k.Condition),
                _ => null,
            };
            var classification = s.Def as ClassificationDefinition;
            var caseRules = classification?.Cases.Select(c => compiled.Text(c.When)).ToArray() ?? Array.Empty<string>();
            plan.Add(new ExplanationPlanItem
            {
                Symbol = s,
                Kind = CompiledRuleSet.KindOf(s.Def),
                IsOutcome = outcomes.Contains(s),
                Rule = rule,
                Readers = compiled.InputReaders(s.Order),
                InputNames = s.Inputs.Select(i => i.Name).ToArray(),
                InputLabels = s.Inputs.Select(i => i.Label).ToArray(),
                CaseRules = caseRules,
                CaseNotes = caseRules.Select((r, i) => $"case {i + 1}: {r}").ToArray(),
                ElseNote = classification is null ? null : classification.Cases.Length > 0 ? "no case held: else" : "else",
                VetoNotes = classification?.Vetoes.Select(v => $"veto {v.Label ?? compiled.Text(v.When)}: {(v.AtMost is not null ? "at most " + v.AtMost : "set to " + v.Set)}").ToArray() ?? Array.Empty<string>(),
                ConditionLabels = s.Def is EligibilityDefinition ? s.Conditions.Select(c => c.Def.Label ?? c.Key).ToArray() : Array.Empty<string>(),
            });
        }
        return plan.ToArray();
    }
}

/// <summary>An input value that decided a rule.</summary>
/// <param name="Name">Field, parameter or rule name (or an aggregate such as <c>count(members where age >= 60)</c>).</param>
/// <param name="Label">Its label.</param>
/// <param name="Value">Its value for this record.</param>
public sealed record ExplanationInput(string Name, string? Label, Value Value);

/// <summary>Why one definition has its value for one record.</summary>
/// <param name="Key">Definition key.</param>
/// <param name="Label">Its label.</param>
/// <param name="Kind">value, criterion, score, classification or eligibility.</param>
/// <param name="Value">Its value.</param>
/// <param name="Met">For criteria and eligibility: whether it holds.</param>
/// <param name="Rule">The rule's expression (for a classification: the case that held).</param>
/// <param name="Inputs">The values it read.</param>
/// <param name="Points">Points contributed to its score, for a criterion that counts towards one.</param>
/// <param name="Notes">Further detail: score arithmetic and caps, vetoes, failed conditions.</param>
/// <param name="IsOutcome">True when the rule set reports it as an outcome.</param>
public sealed record ExplanationItem(string Key, string? Label, string Kind, Value Value, bool? Met, string? Rule,
    IReadOnlyList<ExplanationInput> Inputs, decimal? Points, IReadOnlyList<string> Notes, bool IsOutcome);

/// <summary>
/// The full explanation of one record's outcomes: every definition in evaluation order. It holds a copy of
/// every value the evaluation computed; the items are built from it on first access (thread-safe), then kept.
/// </summary>
public sealed class Explanation
{
    private readonly object _gate = new();
    private List<ExplanationItem>? _items;
    private ScoringRun? _run;
    private Frame? _frame;
    private Record? _record;
    private List<(string Key, Func<ExplanationItem, ExplanationItem> Update)>? _pending;

    internal Explanation(string? key, ScoringRun run, Frame frame, Record record)
    {
        Key = key;
        _run = run;
        _frame = frame;
        _record = record;
    }

    internal void Replace(string key, Func<ExplanationItem, ExplanationItem> update)
    {
        lock (_gate)
        {
            if (_items is null) (_pending ??= new()).Add((key, update));
            else Apply(_items, key, update);
        }
    }

    private static void Apply(List<ExplanationItem> items, string key, Func<ExplanationItem, ExplanationItem> update)
    {
        for (int i = 0; i < items.Count; i++)
            if (items[i].Key == key) items[i] = update(items[i]);
    }

    /// <summary>The record's key.</summary>
    public string? Key { get; }

    /// <summary>One item per definition, in evaluation order.</summary>
    public IReadOnlyList<ExplanationItem> Items
    {
        get
        {
            if (Volatile.Read(ref _items) is { } ready) return ready;
            lock (_gate)
            {
                if (_items is null)
                {
                    var items = _run!.BuildItems(_frame!, _record!);
                    if (_pending is not null)
                        foreach (var (k, u) in _pending) Apply(items, k, u);
                    _pending = null;
                    _run = null; _frame = null; _record = null;
                    Volatile.Write(ref _items, items);
                }
                return _items;
            }
        }
    }
}
