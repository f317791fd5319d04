using System.Linq.Expressions;
using Scoring.Binding;
using Scoring.Compilation;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Runtime;
using Scoring.Syntax;
using E = System.Linq.Expressions.Expression;

namespace Scoring.Definitions.Checks;

/// <summary>A record-level check: evaluated before anything else; when it does not hold the record is rejected with its message.</summary>
internal sealed class CheckSymbol : Symbol
{
    public CheckSymbol(CheckDefinition def, in SymbolBase common, BExpr condition) : base(def, common) => Condition = condition;

    public BExpr Condition { get; }
}

internal sealed class CheckBehavior : DefinitionBehavior<CheckDefinition, CheckSymbol>
{
    public override DefinitionKind Kind => DefinitionKind.Check;
    public override string Unreadable => "is a check; rules cannot use it";
    public override bool Reportable => false;

    protected override IEnumerable<Expr> Expressions(CheckDefinition def) => new[] { def.Condition };

    protected override CheckSymbol Bind(CheckDefinition k, RuleSetContext ctx, int order)
    {
        var condition = ctx.Binder.ExpectType(ctx.Binder.BindTop(k.Condition), TKind.Boolean, $"check '{k.Key}'");
        return new CheckSymbol(k, ctx.Common(order, TType.Boolean, Storage.Bool, ctx.Slots.NextBool()), condition);
    }

    protected override void Emit(CheckSymbol s, ExpressionCompiler c, List<Expression> body)
    {
        var ok = c.B(s.Slot);
        body.Add(E.Assign(ok, c.Emit(s.Condition)));
        var failed = E.New(typeof(EvaluationFault).GetConstructor(new[] { typeof(string), typeof(string), typeof(int) })!,
            E.Constant(DiagnosticCodes.CheckFailed), E.Constant(((CheckDefinition)s.Def).Message), E.Constant(-1));
        body.Add(E.IfThen(E.Not(ok), E.Throw(failed)));
    }

    protected override string? RuleText(CheckSymbol s, Func<Expr, string> text) => text(((CheckDefinition)s.Def).Condition);

    protected override ExplainedParts Explain(ExplanationPlan plan, CheckSymbol s, Frame frame, Record record, Func<Expr, string> text) =>
        new(ValueOf(s, frame, record), true, null, plan.Rule, Array.Empty<string>());

    /// <summary>A check is the data's consistency, not a rule people are scored by: the public is not shown it.</summary>
    protected override string? Sentence(ExplanationPlan plan, CheckSymbol s, Frame frame, Record record, in ExplainedParts parts, PublicPhrasing.Lookup values) => null;
}
