using System.Collections.Immutable;
using System.Linq.Expressions;
using Scoring.Binding;
using Scoring.Compilation;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Runtime;
using Scoring.Syntax;
using E = System.Linq.Expressions.Expression;

namespace Scoring.Definitions.Classifications;

/// <summary>
/// A classification: the first case that holds gives the level, then vetoes cap or set it. The level index
/// (−1: none) and the case that held are kept in I slots, each veto's firing in a B slot, and the label, which
/// is what expressions and outcomes read, in its S slot (null when there is no result).
/// </summary>
internal sealed class ClassificationSymbol : Symbol
{
    public ClassificationSymbol(ClassificationDefinition def, in SymbolBase common) : base(def, common) { }

    public required ImmutableArray<string> Labels { get; init; }
    public required ImmutableArray<BExpr> CaseConditions { get; init; }
    public required ImmutableArray<int> CaseLevels { get; init; }
    public required int ElseLevel { get; init; }
    public required ImmutableArray<BExpr> VetoConditions { get; init; }
    public required ImmutableArray<(int Level, bool IsCap)> VetoLevels { get; init; }
    public required int LevelSlot { get; init; }
    public required int CaseSlot { get; init; }
    public required int VetoSlot { get; init; }

    /// <summary>Without an else, no case may hold: then there is no result.</summary>
    public override bool MayBeEmpty => ElseLevel < 0;
}

internal sealed class ClassificationBehavior : DefinitionBehavior<ClassificationDefinition, ClassificationSymbol>
{
    public override DefinitionKind Kind => DefinitionKind.Classification;

    protected override IEnumerable<Expr> Expressions(ClassificationDefinition k) => k.Cases.Select(x => x.When).Concat(k.Vetoes.Select(x => x.When));

    protected override ClassificationSymbol Bind(ClassificationDefinition k, RuleSetContext ctx, int order)
    {
        var b = ctx.Binder;
        bool leveled = !k.Levels.IsDefaultOrEmpty;
        var labels = new List<string>();
        if (leveled)
        {
            labels.AddRange(k.Levels);
            if (k.Levels.Distinct(StringComparer.Ordinal).Count() != k.Levels.Length)
                ctx.Error(DiagnosticCodes.DuplicateName, $"classification '{k.Key}' lists a level twice", k.Span);
        }
        int LevelOf(string label, SourceSpan span, string role)
        {
            int i = labels.IndexOf(label);
            if (i >= 0) return i;
            if (leveled)
            {
                ctx.Error(DiagnosticCodes.UnknownEnumMember, $"{role} '{label}' is not one of the levels of '{k.Key}' ({string.Join(", ", k.Levels)})", span);
                return 0;
            }
            labels.Add(label);
            return labels.Count - 1;
        }
        var conds = ImmutableArray.CreateBuilder<BExpr>();
        var caseLevels = ImmutableArray.CreateBuilder<int>();
        foreach (var c in k.Cases)
        {
            conds.Add(b.ExpectType(b.BindTop(c.When), TKind.Boolean, $"a case of '{k.Key}'"));
            caseLevels.Add(LevelOf(c.Then, c.Span, "case result"));
        }
        if (k.Cases.IsDefaultOrEmpty && k.Else is null)
            ctx.Error(DiagnosticCodes.MissingKey, $"classification '{k.Key}' needs cases or an else", k.Span);
        int elseLevel = k.Else is null ? -1 : LevelOf(k.Else, k.Span, "else");
        var vetoes = ImmutableArray.CreateBuilder<BExpr>();
        var vetoLevels = ImmutableArray.CreateBuilder<(int, bool)>();
        foreach (var v in k.Vetoes)
        {
            vetoes.Add(b.ExpectType(b.BindTop(v.When), TKind.Boolean, $"a veto of '{k.Key}'"));
            if ((v.AtMost is null) == (v.Set is null))
            {
                ctx.Error(DiagnosticCodes.InvalidValue, $"a veto of '{k.Key}' needs exactly one of 'at_most' or 'set'", v.Span);
                vetoLevels.Add((0, false));
            }
            else if (v.AtMost is not null)
            {
                if (!leveled) ctx.Error(DiagnosticCodes.InvalidValue, $"'at_most' needs ordered levels: declare 'levels' on '{k.Key}'", v.Span);
                vetoLevels.Add((LevelOf(v.AtMost, v.Span, "at_most"), true));
            }
            else
            {
                vetoLevels.Add((LevelOf(v.Set!, v.Span, "set"), false));
            }
        }
        var finalLabels = labels.ToImmutableArray();
        var slots = ctx.Slots;
        int levelSlot = slots.NextInt(), caseSlot = slots.NextInt(), vetoSlot = slots.NextBools(k.Vetoes.Length);
        return new ClassificationSymbol(k, ctx.Common(order, new TType(TKind.Text, Members: finalLabels), Storage.Str, slots.NextStr()))
        {
            Labels = finalLabels,
            CaseConditions = conds.ToImmutable(),
            CaseLevels = caseLevels.ToImmutable(),
            ElseLevel = elseLevel,
            VetoConditions = vetoes.ToImmutable(),
            VetoLevels = vetoLevels.ToImmutable(),
            LevelSlot = levelSlot,
            CaseSlot = caseSlot,
            VetoSlot = vetoSlot,
        };
    }

    private static readonly System.Reflection.MethodInfo IntMax = typeof(Math).GetMethod(nameof(Math.Max), new[] { typeof(int), typeof(int) })!;

    protected override void Emit(ClassificationSymbol s, ExpressionCompiler c, List<Expression> body)
    {
        var level = c.I(s.LevelSlot);
        var caseSlot = c.I(s.CaseSlot);
        E chain = E.Block(E.Assign(caseSlot, E.Constant(-1)), E.Assign(level, E.Constant(s.ElseLevel)));
        for (int i = s.CaseConditions.Length - 1; i >= 0; i--)
        {
            chain = E.IfThenElse(c.Emit(s.CaseConditions[i]),
                E.Block(E.Assign(caseSlot, E.Constant(i)), E.Assign(level, E.Constant(s.CaseLevels[i]))),
                chain);
        }
        body.Add(chain);
        for (int v = 0; v < s.VetoConditions.Length; v++)
        {
            var fired = c.B(s.VetoSlot + v);
            body.Add(E.Assign(fired, c.Emit(s.VetoConditions[v])));
            var (lvl, isCap) = s.VetoLevels[v];
            body.Add(E.IfThen(fired, E.Assign(level, isCap ? E.Call(IntMax, level, E.Constant(lvl)) : E.Constant(lvl))));
        }
        // the label is what rules and outcomes read (null: no case held and there is no else)
        var labels = E.Constant(s.Labels.ToArray());
        body.Add(E.Assign(c.S(s.Slot), E.Condition(E.LessThan(level, E.Constant(0)), E.Constant(null, typeof(string)), E.ArrayIndex(labels, level))));
    }

    protected override ExplanationPlan Plan(ClassificationSymbol s, ExplanationPlan common, Func<Expr, string> text)
    {
        var k = (ClassificationDefinition)s.Def;
        var caseRules = k.Cases.Select(c => text(c.When)).ToArray();
        return new ClassificationPlan
        {
            Symbol = common.Symbol, IsOutcome = common.IsOutcome, Rule = common.Rule, Readers = common.Readers,
            InputNames = common.InputNames, InputLabels = common.InputLabels, Phrasing = common.Phrasing,
            CaseRules = caseRules,
            CaseNotes = caseRules.Select((r, i) => $"case {i + 1}: {r}").ToArray(),
            ElseNote = k.Cases.Length > 0 ? "no case held: else" : "else",
            VetoNotes = k.Vetoes.Select(v => $"veto {v.Label ?? text(v.When)}: {(v.AtMost is not null ? "at most " + v.AtMost : "set to " + v.Set)}").ToArray(),
        };
    }

    private sealed class ClassificationPlan : ExplanationPlan
    {
        public required string[] CaseRules { get; init; }
        public required string[] CaseNotes { get; init; }
        public required string ElseNote { get; init; }
        public required string[] VetoNotes { get; init; }
    }

    protected override ExplainedParts Explain(ExplanationPlan plan, ClassificationSymbol s, Frame frame, Record record, Func<Expr, string> text)
    {
        var p = (ClassificationPlan)plan;
        int ci = frame.I[s.CaseSlot];
        var notes = new List<string>(2) { ci >= 0 ? p.CaseNotes[ci] : p.ElseNote };
        for (int v = 0; v < s.VetoConditions.Length; v++)
            if (frame.B[s.VetoSlot + v]) notes.Add(p.VetoNotes[v]);
        return new(ValueOf(s, frame, record), null, null, ci >= 0 ? p.CaseRules[ci] : null, notes);
    }

    /// <summary>The level, why (the case that held, in words), and a veto that applied (<c>不合格（…；一票否决：…）</c>).</summary>
    protected override string? Sentence(ExplanationPlan plan, ClassificationSymbol s, Frame frame, Record record, in ExplainedParts parts, PublicPhrasing.Lookup values)
    {
        if (Authored(plan, parts, values) is { } authored) return authored;
        var k = (ClassificationDefinition)s.Def;
        int ci = frame.I[s.CaseSlot];
        var why = new List<string>(2);
        if (ci >= 0) why.Add(plan.Phrasing.Condition(k.Cases[ci].When, values, true));
        else if (k.Cases.Length > 0)
        {
            // why not even the last (loosest) case: the parts of it that failed
            var last = k.Cases[^1];
            why.Add($"不符合{last.Then}的条件：{plan.Phrasing.Condition(last.When, values, false)}");
        }
        for (int v = 0; v < s.VetoConditions.Length; v++)
        {
            if (!frame.B[s.VetoSlot + v]) continue;
            var veto = k.Vetoes[v];
            // an author's label says the veto and what it does (全年有违纪，最高基本合格); else both are said here
            why.Add(veto.Label is { } label ? $"一票否决：{label}"
                : $"一票否决：{plan.Phrasing.Condition(veto.When, values, true)}{(veto.AtMost is not null ? "，最高为" + veto.AtMost : "，定为" + veto.Set)}");
        }
        var value = parts.Value.Kind == ValueKind.Empty ? "无" : plan.Phrasing.Format(parts.Value);
        return why.Count == 0 ? value : $"{value}（{string.Join("；", why)}）";
    }
}
