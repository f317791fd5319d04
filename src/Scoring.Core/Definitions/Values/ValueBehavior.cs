using System.Linq.Expressions;
using Scoring.Binding;
using Scoring.Compilation;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Runtime;
using Scoring.Syntax;
using E = System.Linq.Expressions.Expression;

namespace Scoring.Definitions.Values;

/// <summary>A derived value: one expression, stored in the slot of its type.</summary>
internal sealed class ValueSymbol : Symbol
{
    public ValueSymbol(ValueDefinition def, in SymbolBase common, BExpr expression) : base(def, common) => Expression = expression;

    public BExpr Expression { get; }
}

internal sealed class ValueBehavior : DefinitionBehavior<ValueDefinition, ValueSymbol>
{
    public override DefinitionKind Kind => DefinitionKind.Value;
    public override bool PerChild => true;

    protected override IEnumerable<Expr> Expressions(ValueDefinition def) => new[] { def.Expression };

    protected override ValueSymbol Bind(ValueDefinition v, RuleSetContext ctx, int order)
    {
        var e = ctx.Binder.BindTop(v.Expression);
        var type = e.Type;
        if (v.DeclaredType is { } dt && e.Type.Kind != TKind.Error && !e.Type.Matches(dt))
            ctx.Error(DiagnosticCodes.TypeMismatch, $"value '{v.Key}' is declared {dt.ToString().ToLowerInvariant()} but its expression is {e.Type}", v.Expression.Span);
        if (v.DeclaredType == FieldType.Integer && type.Kind == TKind.Number) type = TType.Integer;
        if (type.Kind is TKind.Collection or TKind.List)
            ctx.Error(DiagnosticCodes.TypeMismatch, $"value '{v.Key}' must be a single value, not a {type}", v.Expression.Span);
        return new ValueSymbol(v, ctx.CommonFor(order, type), e);
    }

    public override BExpr BindInline(Definition def, RecordLayout owner, ExpressionBinder binder, Expr site) =>
        binder.Operand(((ValueDefinition)def).Expression);

    protected override void Emit(ValueSymbol s, ExpressionCompiler c, List<Expression> body) =>
        body.Add(E.Assign(c.Slot(s.Storage, s.Slot), c.Emit(s.Expression)));

    protected override string? RuleText(ValueSymbol s, Func<Expr, string> text) => text(((ValueDefinition)s.Def).Expression);

    /// <summary>The value, and how it was reached when it is computed (<c>90（10 × 星数 9）</c>).</summary>
    protected override string? Sentence(ExplanationPlan plan, ValueSymbol s, Frame frame, Record record, in ExplainedParts parts, PublicPhrasing.Lookup values)
    {
        if (Authored(plan, parts, values) is { } authored) return authored;
        var e = ((ValueDefinition)s.Def).Expression;
        var value = plan.Phrasing.Format(parts.Value, e is NameExpr n ? n.Name : null); // a field's enum code as its label
        return e is BinaryExpr or IfExpr ? $"{value}（{plan.Phrasing.Expression(e, values)}）" : value;
    }
}
