using System.Collections.Immutable;
using System.Linq.Expressions;
using Scoring.Binding;
using Scoring.Compilation;
using Scoring.Model;
using Scoring.Runtime;
using Scoring.Syntax;

namespace Scoring.Definitions;

/// <summary>
/// Everything one kind of definition (value, criterion, score, …) means, in one place: which other
/// definitions it links to, what it reads, how it binds (type, slots), the code it compiles to, the
/// outcome value it reports and what its explanation says. The kinds are a closed set, listed in
/// <see cref="DefinitionKinds"/>; the rule-set binder, compiler and runtime work through this class only.
/// </summary>
internal abstract class DefinitionBehavior
{
    /// <summary>The kind this behaviour is for.</summary>
    public abstract DefinitionKind Kind { get; }

    /// <summary>Why rule expressions may not read a definition of this kind (said after its quoted name), or null when they may.</summary>
    public virtual string? Unreadable => null;

    /// <summary>True when a definition of this kind can be reported as an outcome.</summary>
    public virtual bool Reportable => true;

    /// <summary>True when explanations have an item for it (a period range has none: the aggregates over it are shown).</summary>
    public virtual bool Explained => true;

    /// <summary>True when it may be computed per child record (inlined where an aggregate reads it).</summary>
    public virtual bool PerChild => false;

    /// <summary>Checks and records the definitions it refers to by key (once every definition is declared).</summary>
    public virtual void Link(Definition def, RuleSetContext ctx) { }

    /// <summary>The expressions it reads; the names in them order it after what it reads.</summary>
    public abstract IEnumerable<Expr> Expressions(Definition def);

    /// <summary>Binds the definition: type-checks its expressions, allocates its slots and returns its immutable symbol.</summary>
    public abstract Symbol Bind(Definition def, RuleSetContext ctx, int order);

    /// <summary>Binds a definition of a child record or period where an aggregate reads it (only when <see cref="PerChild"/>).</summary>
    public virtual BExpr BindInline(Definition def, RecordLayout owner, ExpressionBinder binder, Expr site) =>
        throw new InvalidOperationException($"{Kind} definitions are not computed per child record");

    /// <summary>Appends the code that evaluates the definition into its slots.</summary>
    public abstract void Emit(Symbol symbol, ExpressionCompiler c, List<Expression> body);

    /// <summary>The outcome value of the definition for the record just evaluated in <paramref name="frame"/>.</summary>
    public virtual Value ValueOf(Symbol symbol, Frame frame, Record record) => SlotValue(frame, symbol.Storage, symbol.Slot, symbol.Type);

    /// <summary>For an object outcome: the names of its fields, in order; else empty.</summary>
    public virtual IReadOnlyList<string> ResultFields(Symbol symbol) => Array.Empty<string>();

    /// <summary>What its explanation says that does not depend on the record, printed once per rule set.</summary>
    public virtual ExplanationPlan Plan(Symbol symbol, ExplanationPlan common, Func<Expr, string> text) => common;

    /// <summary>The rule text its explanation shows (for a criterion: its condition), or null.</summary>
    public virtual string? RuleText(Symbol symbol, Func<Expr, string> text) => null;

    /// <summary>What its explanation says for the record evaluated in <paramref name="frame"/>.</summary>
    public virtual ExplainedParts Explain(ExplanationPlan plan, Frame frame, Record record, Func<Expr, string> text) =>
        new(ValueOf(plan.Symbol, frame, record), null, null, plan.Rule, Array.Empty<string>());

    /// <summary>
    /// What the public explanation says of it for the record evaluated in <paramref name="frame"/>: one short
    /// sentence in the rule set's words, without its rule's expression or code names (null: nothing, e.g. a check).
    /// The author's <c>explain</c> sentence, when there is one, is what it says.
    /// </summary>
    public virtual string? Sentence(ExplanationPlan plan, Frame frame, Record record, in ExplainedParts parts, PublicPhrasing.Lookup values) =>
        Authored(plan, parts, values) ?? plan.Phrasing.Format(parts.Value);

    /// <summary>The author's <c>explain</c> sentence filled with the record's values, or null when there is none.</summary>
    protected static string? Authored(ExplanationPlan plan, in ExplainedParts parts, PublicPhrasing.Lookup values) =>
        plan.Symbol.Def.Explain is { } t ? plan.Phrasing.Fill(t.For(parts.Met), values) : null;

    /// <summary>The value in a slot, as the type says.</summary>
    public static Value SlotValue(Frame f, Storage storage, int slot, TType type) => storage switch
    {
        Storage.Num => Value.Of(f.N[slot]),
        Storage.Bool => Value.Of(f.B[slot]),
        Storage.Int => type.Kind == TKind.Month ? Value.OfMonth(f.I[slot]) : Value.Of(DateOnly.FromDayNumber(f.I[slot])),
        Storage.Value => f.V[slot],
        _ => Value.Of(f.S[slot]),
    };
}

/// <summary>A <see cref="DefinitionBehavior"/> for one model type and its symbol type.</summary>
internal abstract class DefinitionBehavior<TDef, TSym> : DefinitionBehavior where TDef : Definition where TSym : Symbol
{
    public sealed override void Link(Definition def, RuleSetContext ctx) => Link((TDef)def, ctx);
    public sealed override IEnumerable<Expr> Expressions(Definition def) => Expressions((TDef)def);
    public sealed override Symbol Bind(Definition def, RuleSetContext ctx, int order) => Bind((TDef)def, ctx, order);
    public sealed override void Emit(Symbol symbol, ExpressionCompiler c, List<Expression> body) => Emit((TSym)symbol, c, body);
    public sealed override Value ValueOf(Symbol symbol, Frame frame, Record record) => ValueOf((TSym)symbol, frame, record);
    public sealed override IReadOnlyList<string> ResultFields(Symbol symbol) => ResultFields((TSym)symbol);
    public sealed override ExplanationPlan Plan(Symbol symbol, ExplanationPlan common, Func<Expr, string> text) => Plan((TSym)symbol, common, text);
    public sealed override string? RuleText(Symbol symbol, Func<Expr, string> text) => RuleText((TSym)symbol, text);
    public sealed override ExplainedParts Explain(ExplanationPlan plan, Frame frame, Record record, Func<Expr, string> text) =>
        Explain(plan, (TSym)plan.Symbol, frame, record, text);
    public sealed override string? Sentence(ExplanationPlan plan, Frame frame, Record record, in ExplainedParts parts, PublicPhrasing.Lookup values) =>
        Sentence(plan, (TSym)plan.Symbol, frame, record, parts, values);

    protected virtual void Link(TDef def, RuleSetContext ctx) { }
    protected abstract IEnumerable<Expr> Expressions(TDef def);
    protected abstract TSym Bind(TDef def, RuleSetContext ctx, int order);
    protected abstract void Emit(TSym symbol, ExpressionCompiler c, List<Expression> body);
    protected virtual Value ValueOf(TSym symbol, Frame frame, Record record) => SlotValue(frame, symbol.Storage, symbol.Slot, symbol.Type);
    protected virtual IReadOnlyList<string> ResultFields(TSym symbol) => Array.Empty<string>();
    protected virtual ExplanationPlan Plan(TSym symbol, ExplanationPlan common, Func<Expr, string> text) => common;
    protected virtual string? RuleText(TSym symbol, Func<Expr, string> text) => null;
    protected virtual ExplainedParts Explain(ExplanationPlan plan, TSym symbol, Frame frame, Record record, Func<Expr, string> text) =>
        new(ValueOf(symbol, frame, record), null, null, plan.Rule, Array.Empty<string>());
    protected virtual string? Sentence(ExplanationPlan plan, TSym symbol, Frame frame, Record record, in ExplainedParts parts, PublicPhrasing.Lookup values) =>
        Authored(plan, parts, values) ?? plan.Phrasing.Format(parts.Value);
}

/// <summary>What an explanation says of one definition for one record (the engine adds its key, label, kind and inputs).</summary>
internal readonly record struct ExplainedParts(Value Value, bool? Met, decimal? Points, string? Rule, IReadOnlyList<string> Notes);

/// <summary>The record-independent part of one definition's explanation; kinds with more to say derive from it.</summary>
internal class ExplanationPlan
{
    public required Symbol Symbol { get; init; }
    public required bool IsOutcome { get; init; }
    public required string? Rule { get; init; }
    public required Func<Frame, Value>[] Readers { get; init; }
    public required string[] InputNames { get; init; }
    public required string?[] InputLabels { get; init; }

    /// <summary>The words of the public explanation (one per compiled rule set).</summary>
    public required PublicPhrasing Phrasing { get; init; }
}
