using System.Collections.Immutable;
using System.Linq.Expressions;
using Scoring.Binding;
using Scoring.Diagnostics;
using Scoring.Syntax;
using E = System.Linq.Expressions.Expression;

namespace Scoring.Functions;

/// <summary>min, max, abs, round, floor, ceil.</summary>
internal static class MathFunctions
{
    public static IEnumerable<BuiltinFunction> All { get; } = new BuiltinFunction[]
    {
        new MinMax("min", "the smallest of its arguments, or of an expression over a collection (an error for the record when no child matches; guard with count)",
            "min(a, b, …)", "min(members, age)", "min(members where employed, age)"),
        new MinMax("max", "the largest of its arguments, or of an expression over a collection (an error for the record when no child matches; guard with count)",
            "max(a, b, …)", "max(members, age)", "max(members where employed, age)"),
        new Abs(),
        new Rounding("round", "rounds to whole numbers or to digits after the point; the default mode is half_up (四舍五入, halves away from zero)",
            "round(x)", "round(x, digits)", "round(x, digits, 'half_up' | 'half_even' | 'up' | 'down')"),
        new Rounding("floor", "rounds down (towards negative infinity), to whole numbers or to digits after the point", "floor(x)", "floor(x, digits)"),
        new Rounding("ceil", "rounds up (towards positive infinity), to whole numbers or to digits after the point", "ceil(x)", "ceil(x, digits)"),
    };

    private static readonly System.Reflection.MethodInfo DecMin = typeof(Math).GetMethod(nameof(Math.Min), new[] { typeof(decimal), typeof(decimal) })!;
    private static readonly System.Reflection.MethodInfo DecMax = typeof(Math).GetMethod(nameof(Math.Max), new[] { typeof(decimal), typeof(decimal) })!;
    private static readonly System.Reflection.MethodInfo IntMin = typeof(Math).GetMethod(nameof(Math.Min), new[] { typeof(int), typeof(int) })!;
    private static readonly System.Reflection.MethodInfo IntMax = typeof(Math).GetMethod(nameof(Math.Max), new[] { typeof(int), typeof(int) })!;

    /// <summary>Math.Min or Math.Max for decimals or for day/month numbers.</summary>
    public static System.Reflection.MethodInfo MinOrMax(bool min, bool integer) => min ? (integer ? IntMin : DecMin) : (integer ? IntMax : DecMax);

    /// <summary>min(a, b, …) over numbers, dates or months, or min(collection, expression).</summary>
    private sealed class MinMax : AggregateFunction
    {
        private readonly bool _min;

        public MinMax(string name, string summary, params string[] forms) : base(name, summary, forms) => _min = name == "min";

        public override string Returns => "the type of its arguments";
        public override bool CollectionOnly => false;
        protected override string AggregateUsage => $"{Name}(members, expression) or {Name}(members where filter, expression)";
        protected override bool AcceptsArguments(CallExpr call) => call.Arguments.Count == 2;

        protected override TType ResultType(CallExpr call, BExpr? body, ExpressionBinder binder)
        {
            if (body!.Type.Kind is not (TKind.Number or TKind.Date or TKind.Month or TKind.Error))
                WrongBody(binder, body, $"{Name}() over a collection takes numbers, dates or months, not {body.Type}");
            return body.Type with { Members = default };
        }

        public override BExpr Bind(CallExpr c, ExpressionBinder binder)
        {
            if (binder.Operands(c) is not { } args) return BConst.Error(c);
            if (args.Length < 2) return binder.Arity(c, $"{Name}(a, b, ...) or {Name}(collection, expression)");
            var t = args[0].Type;
            foreach (var a in args)
            {
                if (a.Type.Kind is not (TKind.Number or TKind.Date or TKind.Month))
                {
                    binder.Error(DiagnosticCodes.TypeMismatch, $"{Name}() takes numbers, dates or months, not {a.Type}", a.Syntax.Span);
                    return BConst.Error(c);
                }
                var u = TType.Unify(t, a.Type);
                if (u is null)
                {
                    binder.Error(DiagnosticCodes.TypeMismatch, $"{Name}() arguments must have the same type; {a.Type} differs from {t}", a.Syntax.Span);
                    return BConst.Error(c);
                }
                t = u;
            }
            return new BCall(c, t with { Members = default }, this, args);
        }

        public override Expression Emit(BCall call, IEmitter emitter)
        {
            var m = MinOrMax(_min, call.Type.Kind is TKind.Date or TKind.Month);
            E acc = emitter.Emit(call.Args[0]);
            for (int i = 1; i < call.Args.Length; i++) acc = E.Call(m, acc, emitter.Emit(call.Args[i]));
            return acc;
        }

        public override AggregateCode Accumulate(AggregateEmit e)
        {
            var type = e.Accumulator.Type;
            var m = MinOrMax(_min, type == typeof(int));
            var v = E.Variable(type, "x");
            var init = E.Block(E.Assign(e.Accumulator, E.Default(type)), E.Assign(e.Found, E.Constant(false)));
            var step = E.Block(new[] { v }, E.Assign(v, e.Body!),
                E.Assign(e.Accumulator, E.Condition(e.Found, E.Call(m, e.Accumulator, v), v)),
                E.Assign(e.Found, E.Constant(true)));
            // no record matched: an error for the record, never a silent 0
            var empty = StaticMethod.Call(typeof(MathFunctions), nameof(EmptyAggregate), e.Emitter.Site(e.Node.Syntax));
            var result = E.Condition(e.Found, e.Accumulator, type == typeof(decimal) ? empty : E.Convert(empty, typeof(int)));
            return new AggregateCode(init, step, Result: result);
        }
    }

    internal static decimal EmptyAggregate(int node) =>
        throw new Runtime.EvaluationFault(DiagnosticCodes.EmptyCollection, "no child record matched, so there is no minimum or maximum (guard it with count(...) > 0)", node);

    private sealed class Abs : OperandFunction
    {
        public Abs() : base("abs", "the absolute value", "abs(x)") { }

        public override string Returns => "a number";

        protected override BExpr Check(CallExpr c, ImmutableArray<BExpr> args, ExpressionBinder binder)
        {
            if (args.Length != 1) return binder.Arity(c, "abs(x)");
            binder.ExpectType(args[0], TKind.Number, "the argument of abs()");
            return new BCall(c, args[0].Type, this, args);
        }

        public override Expression Emit(BCall call, IEmitter emitter) =>
            E.Call(typeof(Math).GetMethod(nameof(Math.Abs), new[] { typeof(decimal) })!, emitter.Emit(call.Args[0]));
    }

    /// <summary>How a number is rounded: <c>half_up</c> (四舍五入), <c>half_even</c>, <c>up</c> (away from zero), <c>down</c> (towards zero).</summary>
    internal enum RoundingMode { HalfUp, HalfEven, Up, Down }

    /// <summary>A rounding call with its digits and mode, fixed when the rule set is bound.</summary>
    private sealed class BRound : BCall
    {
        public BRound(Expr syntax, TType type, BuiltinFunction function, BExpr value, int digits, RoundingMode mode)
            : base(syntax, type, function, ImmutableArray.Create(value))
        {
            Digits = digits;
            Mode = mode;
        }

        public int Digits { get; }
        public RoundingMode Mode { get; }
    }

    private sealed class Rounding : OperandFunction
    {
        public Rounding(string name, string summary, params string[] forms) : base(name, summary, forms) { }

        public override string Returns => "an integer without digits, else a decimal";

        protected override BExpr Check(CallExpr c, ImmutableArray<BExpr> args, ExpressionBinder binder)
        {
            var call = c.Arguments;
            if (args.Length < 1 || args.Length > (Name == "round" ? 3 : 2))
                return binder.Arity(c, Name == "round" ? "round(x), round(x, digits) or round(x, digits, 'half_up' | 'half_even' | 'up' | 'down')" : $"{Name}(x) or {Name}(x, digits)");
            binder.ExpectType(args[0], TKind.Number, $"the value rounded by {Name}()");
            int digits = 0;
            if (args.Length >= 2)
            {
                if (call[1] is LiteralExpr { Kind: LiteralKind.Integer } dl && dl.Number <= 28) digits = (int)dl.Number;
                else
                {
                    binder.Error(DiagnosticCodes.InvalidLiteral, "the number of digits must be a whole number from 0 to 28 written as a literal", call[1].Span);
                    return BConst.Error(c);
                }
            }
            var mode = RoundingMode.HalfUp;
            if (args.Length == 3)
            {
                if (call[2] is LiteralExpr { Kind: LiteralKind.Text, Text: "half_up" or "half_even" or "up" or "down" } ml)
                    mode = ml.Text switch { "half_up" => RoundingMode.HalfUp, "half_even" => RoundingMode.HalfEven, "up" => RoundingMode.Up, _ => RoundingMode.Down };
                else
                {
                    binder.Error(DiagnosticCodes.InvalidLiteral, "rounding mode must be one of 'half_up' (四舍五入), 'half_even', 'up' (away from zero), 'down' (towards zero)", call[2].Span);
                    return BConst.Error(c);
                }
            }
            return new BRound(c, digits == 0 ? TType.Integer : TType.Decimal, this, args[0], digits, mode);
        }

        public override Expression Emit(BCall call, IEmitter emitter)
        {
            var r = (BRound)call;
            var x = emitter.Emit(r.Args[0]);
            return Name switch
            {
                "round" => StaticMethod.Call(typeof(Rounding), nameof(Round), x, E.Constant(r.Digits), E.Constant(r.Mode)),
                "floor" => StaticMethod.Call(typeof(Rounding), nameof(Floor), x, E.Constant(r.Digits)),
                _ => StaticMethod.Call(typeof(Rounding), nameof(Ceil), x, E.Constant(r.Digits)),
            };
        }

        internal static decimal Round(decimal x, int digits, RoundingMode mode) => mode switch
        {
            RoundingMode.HalfUp => decimal.Round(x, digits, MidpointRounding.AwayFromZero),
            RoundingMode.HalfEven => decimal.Round(x, digits, MidpointRounding.ToEven),
            RoundingMode.Up => decimal.Round(x, digits, x >= 0 ? MidpointRounding.ToPositiveInfinity : MidpointRounding.ToNegativeInfinity),
            _ => decimal.Round(x, digits, MidpointRounding.ToZero),
        };

        internal static decimal Floor(decimal x, int digits) =>
            digits == 0 ? decimal.Floor(x) : decimal.Round(x, digits, MidpointRounding.ToNegativeInfinity);

        internal static decimal Ceil(decimal x, int digits) =>
            digits == 0 ? decimal.Ceiling(x) : decimal.Round(x, digits, MidpointRounding.ToPositiveInfinity);
    }
}
