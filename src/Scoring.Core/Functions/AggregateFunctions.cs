using System.Collections.Immutable;
using System.Linq.Expressions;
using Scoring.Binding;
using Scoring.Primitives;
using Scoring.Runtime;
using Scoring.Syntax;
using E = System.Linq.Expressions.Expression;

namespace Scoring.Functions;

/// <summary>count, any, all, sum, collect, map, count_distinct over a child collection or a period range (min and max are in <see cref="MathFunctions"/>).</summary>
internal static class AggregateFunctions
{
    public static IEnumerable<BuiltinFunction> All { get; } = new BuiltinFunction[]
    {
        new Count(), new AnyAll(any: true), new AnyAll(any: false), new Sum(), new Collect(), new MapOverPeriods(), new CountDistinct(),
    };

    private static bool IsSingleValue(TType t) => t.Kind is TKind.Number or TKind.Text or TKind.Date or TKind.Month or TKind.Boolean or TKind.Error;

    /// <summary>A function that only aggregates: any other first argument is an error, and no arguments at all get its usage.</summary>
    private abstract class CollectionFunction : AggregateFunction
    {
        protected CollectionFunction(string name, string summary, params string[] forms) : base(name, summary, forms) { }

        public override bool CollectionOnly => true;

        /// <summary>The usage shown for a call with no collection at all.</summary>
        protected virtual string BareUsage => Name + "(...)";

        public override BExpr Bind(CallExpr c, ExpressionBinder binder) =>
            binder.Operands(c) is null ? BConst.Error(c) : binder.Arity(c, BareUsage);
    }

    /// <summary>count(members [where …]); also count(list_field) and count(collected).</summary>
    private sealed class Count : CollectionFunction
    {
        public Count() : base("count", "how many child records (that pass the filter); also the number of items of a list field or of a collected list",
            "count(members)", "count(members where age >= 60)", "count(documents)") { }

        public override string Returns => "an integer";
        protected override string AggregateUsage => "count(members) or count(members where condition)";
        protected override string BareUsage => "count(collection where condition)";
        protected override bool AcceptsArguments(CallExpr call) => call.Arguments.Count == 1;
        protected override TType ResultType(CallExpr call, BExpr? body, ExpressionBinder binder) => TType.Integer;

        public override BExpr? BindOverValue(CallExpr c, BExpr first, ExpressionBinder binder)
        {
            if (c.Arguments.Count != 1) return null;
            if (first.Type.Kind == TKind.List && first is BField lf) return new BCall(c, TType.Integer, this, ImmutableArray.Create<BExpr>(lf));
            if (first.Type.Kind == TKind.Collected) return new BCall(c, TType.Integer, this, ImmutableArray.Create(first));
            return null;
        }

        public override Expression Emit(BCall call, IEmitter emitter)
        {
            var arg = emitter.Emit(call.Args[0]);
            if (call.Args[0].Type.Kind == TKind.Collected) return StaticMethod.Call(typeof(AggregateFunctions), nameof(CollectedCount), arg);
            var tmp = E.Variable(typeof(string[]), "list");
            return E.Block(new[] { tmp }, E.Assign(tmp, arg),
                E.Condition(E.Equal(tmp, E.Constant(null, typeof(string[]))), E.Constant(0m), E.Convert(E.ArrayLength(tmp), typeof(decimal))));
        }

        public override AggregateCode Accumulate(AggregateEmit e) =>
            new(E.Assign(e.Accumulator, E.Constant(0m)), E.AddAssign(e.Accumulator, E.Constant(1m)));
    }

    /// <summary>any(members where …) / any(members, condition); all(members, condition).</summary>
    private sealed class AnyAll : CollectionFunction
    {
        private readonly bool _any;

        public AnyAll(bool any) : base(any ? "any" : "all",
            any ? "whether some child record passes the filter (and the condition)" : "whether every child record that passes the filter meets the condition (true when none passes)",
            any ? new[] { "any(members where age >= 60)", "any(members, condition)" } : new[] { "all(members, condition)", "all(members where filter, condition)" })
            => _any = any;

        public override string Returns => "a boolean";
        protected override string AggregateUsage => _any ? "any(members where condition) or any(members, condition)" : "all(members, condition) or all(members where filter, condition)";
        protected override string BareUsage => $"{Name}(collection where condition{(_any ? "" : ", expression")})";
        protected override bool AcceptsArguments(CallExpr call) => call.Arguments.Count == 2 || (_any && call.Arguments.Count == 1 && call.Filter is not null);

        protected override TType ResultType(CallExpr call, BExpr? body, ExpressionBinder binder)
        {
            if (body is not null) binder.ExpectType(body, TKind.Boolean, $"the condition of {Name}()");
            return TType.Boolean;
        }

        public override AggregateCode Accumulate(AggregateEmit e)
        {
            var acc = e.Accumulator;
            if (_any)
            {
                var found = E.Block(E.Assign(acc, E.Constant(true)), E.Break(e.Break));
                return new(E.Assign(acc, E.Constant(false)), e.Body is null ? found : E.IfThen(e.Body, found));
            }
            return new(E.Assign(acc, E.Constant(true)), E.IfThen(E.Not(e.Body!), E.Block(E.Assign(acc, E.Constant(false)), E.Break(e.Break))));
        }
    }

    /// <summary>sum(members [where …], expression): 0 when none.</summary>
    private sealed class Sum : CollectionFunction
    {
        public Sum() : base("sum", "the sum of an expression over the child records that pass the filter (0 when none)",
            "sum(members, monthly_income)", "sum(members where employed, monthly_income)") { }

        public override string Returns => "a number";
        protected override string AggregateUsage => "sum(members, expression) or sum(members where filter, expression)";
        protected override string BareUsage => "sum(collection where condition, expression)";
        protected override bool AcceptsArguments(CallExpr call) => call.Arguments.Count == 2;

        protected override TType ResultType(CallExpr call, BExpr? body, ExpressionBinder binder)
        {
            binder.ExpectType(body!, TKind.Number, "the expression summed");
            return body!.Type.Kind == TKind.Number ? body.Type with { Members = default } : TType.Error;
        }

        public override AggregateCode Accumulate(AggregateEmit e) =>
            new(E.Assign(e.Accumulator, E.Constant(0m)), E.AddAssign(e.Accumulator, e.Body!));
    }

    /// <summary>collect(members [where …], expression): the list of values.</summary>
    private sealed class Collect : CollectionFunction
    {
        public Collect() : base("collect", "the list of an expression's values over the child records that pass the filter (for outcomes such as pending entries)",
            "collect(entries where not approved, entry_id)") { }

        public override string Returns => "a list";
        protected override string AggregateUsage => "collect(members where filter, expression)";
        protected override bool AcceptsArguments(CallExpr call) => call.Arguments.Count == 2;
        protected override bool ShownAsInput => false;

        protected override TType ResultType(CallExpr call, BExpr? body, ExpressionBinder binder)
        {
            if (!IsSingleValue(body!.Type)) WrongBody(binder, body, $"collect() gathers single values, not {body.Type}");
            return new TType(TKind.Collected);
        }

        public override AggregateCode Accumulate(AggregateEmit e)
        {
            var list = E.Variable(typeof(List<Value>), "items");
            e.Locals.Add(list);
            return new(E.Assign(list, E.New(typeof(List<Value>))),
                E.Call(list, typeof(List<Value>).GetMethod(nameof(List<Value>.Add))!, ValueBoxing.Box(e.Body!, e.Node.Body!.Type)),
                E.Assign(e.Accumulator, E.Call(typeof(Value).GetMethod(nameof(Value.List))!, list)));
        }
    }

    /// <summary>map(periods, expression): an object from each period (2023-01) to a value.</summary>
    private sealed class MapOverPeriods : CollectionFunction
    {
        public MapOverPeriods() : base("map", "over a period range, an object from each period (2023-01) to a value", "map(year_months, net)") { }

        public override string Returns => "an object";
        protected override string AggregateUsage => "map(periods, expression)";
        protected override bool AcceptsArguments(CallExpr call) => call.Arguments.Count == 2;
        protected override bool ShownAsInput => false;

        protected override bool RejectsSource(CallExpr call, BCollection source, ExpressionBinder binder)
        {
            if (source.Period is not null) return false;
            binder.Error(Diagnostics.DiagnosticCodes.TypeMismatch, $"map() runs over periods (e.g. the months of a year); '{source.Name}' is a collection: use collect()", call.Arguments[0].Span);
            return true;
        }

        protected override TType ResultType(CallExpr call, BExpr? body, ExpressionBinder binder)
        {
            if (!IsSingleValue(body!.Type)) WrongBody(binder, body, $"map() gathers single values, not {body.Type}");
            return new TType(TKind.Collected, IsMap: true);
        }

        public override AggregateCode Accumulate(AggregateEmit e)
        {
            var list = E.Variable(typeof(List<NamedValue>), "entries");
            e.Locals.Add(list);
            return new(E.Assign(list, E.New(typeof(List<NamedValue>))),
                E.Call(list, typeof(List<NamedValue>).GetMethod(nameof(List<NamedValue>.Add))!,
                    E.New(typeof(NamedValue).GetConstructor(new[] { typeof(string), typeof(Value) })!,
                        E.Call(typeof(Months).GetMethod(nameof(Months.Format))!, e.Current), ValueBoxing.Box(e.Body!, e.Node.Body!.Type))),
                E.Assign(e.Accumulator, E.Call(typeof(Value).GetMethod(nameof(Value.Object))!, list)));
        }
    }

    /// <summary>count_distinct(members, expression).</summary>
    private sealed class CountDistinct : CollectionFunction
    {
        public CountDistinct() : base("count_distinct", "how many different values an expression takes over the child records", "count_distinct(months, month)") { }

        public override string Returns => "an integer";
        protected override string AggregateUsage => "count_distinct(members, expression)";
        protected override bool AcceptsArguments(CallExpr call) => call.Arguments.Count == 2;

        protected override TType ResultType(CallExpr call, BExpr? body, ExpressionBinder binder)
        {
            if (body is not null && !IsSingleValue(body.Type)) WrongBody(binder, body, $"count_distinct() counts single values, not {body.Type}");
            return TType.Integer;
        }

        public override AggregateCode Accumulate(AggregateEmit e)
        {
            var list = E.Variable(typeof(List<Value>), "items");
            e.Locals.Add(list);
            return new(E.Assign(list, E.New(typeof(List<Value>))),
                E.Call(list, typeof(List<Value>).GetMethod(nameof(List<Value>.Add))!, ValueBoxing.Box(e.Body!, e.Node.Body!.Type)),
                E.Assign(e.Accumulator, StaticMethod.Call(typeof(AggregateFunctions), nameof(Distinct), list)));
        }
    }

    internal static decimal CollectedCount(Value v) => v.Kind == ValueKind.Object ? v.AsObject.Count : v.AsList.Count;

    internal static decimal Distinct(List<Value> items) => new HashSet<Value>(items).Count;
}
