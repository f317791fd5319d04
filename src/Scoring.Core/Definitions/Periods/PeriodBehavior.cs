using System.Linq.Expressions;
using Scoring.Binding;
using Scoring.Compilation;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Runtime;
using Scoring.Syntax;

namespace Scoring.Definitions.Periods;

/// <summary>A period range: a generated collection aggregates iterate over. It computes nothing itself; loops read its bounds.</summary>
internal sealed class PeriodSymbol : Symbol
{
    public PeriodSymbol(PeriodDefinition def, in SymbolBase common, PeriodSource source) : base(def, common) => Source = source;

    public PeriodSource Source { get; }
}

internal sealed class PeriodBehavior : DefinitionBehavior<PeriodDefinition, PeriodSymbol>
{
    public override DefinitionKind Kind => DefinitionKind.Period;
    public override bool Reportable => false;
    public override bool Explained => false;

    protected override IEnumerable<Expr> Expressions(PeriodDefinition p) => new[] { p.From, p.To };

    protected override PeriodSymbol Bind(PeriodDefinition pd, RuleSetContext ctx, int order)
    {
        var source = ctx.Names.Periods[pd.Key];
        var from = ctx.Binder.BindTop(pd.From);
        var to = ctx.Binder.BindTop(pd.To);
        if (from.Type.Kind != TKind.Error && from.Type.Kind != TKind.Month)
            ctx.Error(DiagnosticCodes.TypeMismatch, $"period '{pd.Key}' runs over months: 'from' must be a month (e.g. make_month(year, 1)), not {from.Type}", pd.From.Span);
        if (to.Type.Kind != TKind.Error && to.Type.Kind != TKind.Month)
            ctx.Error(DiagnosticCodes.TypeMismatch, $"period '{pd.Key}' runs over months: 'to' must be a month, not {to.Type}", pd.To.Span);
        source.SetBounds(from, to);
        return new PeriodSymbol(pd, ctx.Common(order, new TType(TKind.Collection), Storage.Value, -1), source);
    }

    protected override void Emit(PeriodSymbol symbol, ExpressionCompiler c, List<Expression> body) { }
}
