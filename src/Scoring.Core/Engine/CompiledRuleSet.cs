using System.Collections.Concurrent;
using Scoring.Compilation;
using Scoring.Definitions;
using Scoring.Diagnostics;
using Scoring.Primitives;
using Scoring.Runtime;
using Scoring.Syntax;

namespace Scoring;

/// <summary>
/// A rule set compiled to .NET code, ready to evaluate any number of records on any number of
/// threads. Compile once with <see cref="Compile"/>, then create runs with <see cref="CreateRun"/>.
/// </summary>
public sealed class CompiledRuleSet
{
    private readonly Action<Frame> _evaluate;
    private readonly Lazy<Func<Frame, Value>[][]> _inputReaders;

    /// <summary>The syntax nodes that run-time errors refer to by id (appended to while compiling; read under its lock).</summary>
    internal readonly List<Expr> Nodes;

    private CompiledRuleSet(RuleSet ruleSet)
    {
        RuleSet = ruleSet;
        Bound = ruleSet.Bound;
        Nodes = new List<Expr>();
        _evaluate = DeepStack.Run(() => RuleSetCompiler.Compile(Bound, Nodes));
        Reader = new RecordReader(Bound.Subject, Bound.KeyField);
        Outcomes = Bound.Outcomes.Select(s => new OutcomeInfo(s.Key, s.Def.Label, s.Kind, DefinitionKinds.Default.Of(s).ResultFields(s))).ToArray();
        _inputReaders = new Lazy<Func<Frame, Value>[][]>(() =>
        {
            lock (Nodes)
            {
                return DeepStack.Run(() => Bound.Symbols.Select(s => s.Inputs.Select(i => ExpressionCompiler.CompileReader(i.Read, Nodes)).ToArray()).ToArray());
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

    /// <summary>
    /// Prepares a run: checks the as-of date and parameters and fixes the parameter values in force.
    /// Errors (an as-of date before every dated value of a parameter, say) are returned, not thrown.
    /// </summary>
    public BuildResult<ScoringRun> CreateRun(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (parameters, diagnostics) = RunParameters.Resolve(this, options);
        return new BuildResult<ScoringRun>(parameters is null ? null : new ScoringRun(this, options, parameters), diagnostics);
    }

    internal void Run(Frame frame) => _evaluate(frame);

    private readonly ConcurrentDictionary<Expr, string> _texts = new(ReferenceEqualityComparer.Instance);

    /// <summary>The printed text of a rule's expression, printed once and reused by every explanation.</summary>
    internal string Text(Expr e) => _texts.GetOrAdd(e, static x => ExprPrinter.Print(x));

    internal Func<Frame, Value>[] InputReaders(int order) => _inputReaders.Value[order];

    private ExplanationPlan[]? _plan;

    /// <summary>The record-independent part of every explanation item, built on first use.</summary>
    internal ExplanationPlan[] ExplanationPlan
    {
        get
        {
            if (Volatile.Read(ref _plan) is { } p) return p;
            var built = ExplanationPlans.Build(this);
            return Interlocked.CompareExchange(ref _plan, built, null) ?? built;
        }
    }
}
