using System.Collections.Immutable;
using System.Linq.Expressions;
using Scoring.Binding;
using Scoring.Diagnostics;
using Scoring.Runtime;
using Scoring.Syntax;

namespace Scoring.Functions;

/// <summary>apply_scale: a marginal-rate scale parameter applied to an amount.</summary>
internal static class ScaleFunctions
{
    public static IEnumerable<BuiltinFunction> All { get; } = new BuiltinFunction[] { new ApplyScale() };

    private sealed class ApplyScale : BuiltinFunction
    {
        public ApplyScale() : base("apply_scale", "a marginal-rate scale parameter applied to an amount: each band's rate on the part of the amount inside it", "apply_scale(medical_aid_scale, amount)") { }

        public override string Returns => "a decimal";

        public override BExpr Bind(CallExpr c, ExpressionBinder binder)
        {
            if (c.Arguments.Count != 2) return binder.Arity(c, "apply_scale(scale_parameter, amount)");
            var scale = binder.Bind(c.Arguments[0]);
            var amount = binder.Operand(c.Arguments[1]);
            if (scale.Type.Kind != TKind.Scale)
            {
                if (scale.Type.Kind != TKind.Error)
                    binder.Error(DiagnosticCodes.TypeMismatch, $"apply_scale() takes a scale parameter first; '{ExpressionBinder.PrintShort(c.Arguments[0])}' is {scale.Type}", c.Arguments[0].Span);
                return BConst.Error(c);
            }
            binder.ExpectType(amount, TKind.Number, "the amount of apply_scale()");
            return new BCall(c, TType.Decimal, this, ImmutableArray.Create(scale, amount));
        }

        public override Expression Emit(BCall call, IEmitter emitter) =>
            StaticMethod.Call(typeof(ScaleFunctions), nameof(Apply), emitter.Emit(call.Args[0]), emitter.Emit(call.Args[1]));
    }

    internal static decimal Apply(ScaleValue? scale, decimal amount)
    {
        if (scale is null || amount <= 0) return 0m;
        decimal total = 0;
        for (int i = 0; i < scale.From.Length; i++)
        {
            decimal lo = scale.From[i];
            if (amount <= lo) break;
            decimal hi = i + 1 < scale.From.Length ? Math.Min(amount, scale.From[i + 1]) : amount;
            total += (hi - lo) * scale.Rate[i];
        }
        return total;
    }
}
