using System.Collections.Immutable;
using System.Globalization;
using System.Linq.Expressions;
using Scoring.Binding;
using Scoring.Diagnostics;
using Scoring.Primitives;
using Scoring.Runtime;
using Scoring.Syntax;
using E = System.Linq.Expressions.Expression;

namespace Scoring.Functions;

/// <summary>Dates and months: literals, differences, parts, arithmetic. Dates are day numbers, months <c>year × 12 + month − 1</c>.</summary>
internal static class DateFunctions
{
    public static IEnumerable<BuiltinFunction> All { get; } = new BuiltinFunction[]
    {
        new DateLiteral(),
        new MonthFunction(),
        new Between("age", "completed years from the first date to the second (negative when the second is earlier)", nameof(YearsBetween)),
        new Between("years_between", "completed years from the first date to the second", nameof(YearsBetween)),
        new Between("months_between", "completed months from the first date to the second", nameof(MonthsBetween)),
        new Between("days_between", "days from the first date to the second", null),
        new Part("year", "the year of a date or a month"),
        new Part("month_of", "the month number (1–12) of a date or a month"),
        new Part("day", "the day of the month of a date"),
        new AddTo("add_months", "the date n months later (the last day of the month when the day does not exist)", nameof(AddMonths)),
        new AddTo("add_years", "the date n years later", nameof(AddYears)),
        new MakeMonthFunction(),
    };

    /// <summary>date('YYYY-MM-DD'): a date written in a rule.</summary>
    private sealed class DateLiteral : BuiltinFunction
    {
        public DateLiteral() : base("date", "a date written in a rule", "date('2023-07-01')") { }

        public override string Returns => "a date";

        public override BExpr Bind(CallExpr c, ExpressionBinder binder)
        {
            if (c.Arguments.Count != 1 || c.Arguments[0] is not LiteralExpr { Kind: LiteralKind.Text } lit)
            {
                binder.Error(DiagnosticCodes.InvalidLiteral, "date() takes one quoted literal, e.g. date('2023-07-01')", c.Span);
                return BConst.Error(c);
            }
            if (DateOnly.TryParseExact(lit.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return new BConst(c, TType.Date, day: d.DayNumber);
            binder.Error(DiagnosticCodes.InvalidLiteral, $"'{lit.Text}' is not a date YYYY-MM-DD", lit.Span);
            return BConst.Error(c);
        }
    }

    /// <summary>month('YYYY-MM') written in a rule, or month(date): the month a date falls in.</summary>
    private sealed class MonthFunction : BuiltinFunction
    {
        public MonthFunction() : base("month", "a month written in a rule, or the month a date falls in", "month('2023-05')", "month(d)") { }

        public override string Returns => "a month";

        public override BExpr Bind(CallExpr c, ExpressionBinder binder)
        {
            if (c.Arguments.Count == 1 && c.Arguments[0] is LiteralExpr { Kind: LiteralKind.Text } lit)
            {
                if (Months.TryParse(lit.Text!, out var m)) return new BConst(c, TType.Month, day: m);
                binder.Error(DiagnosticCodes.InvalidLiteral, $"'{lit.Text}' is not a month YYYY-MM", lit.Span);
                return BConst.Error(c);
            }
            if (binder.Operands(c) is not { } args) return BConst.Error(c);
            if (args.Length != 1) return binder.Arity(c, "month('YYYY-MM') or month(date)");
            binder.ExpectType(args[0], TKind.Date, "the argument of month()");
            return new BCall(c, TType.Month, this, args);
        }

        public override Expression Emit(BCall call, IEmitter emitter) =>
            StaticMethod.Call(typeof(DateFunctions), nameof(MonthFromDate), emitter.Emit(call.Args[0]));
    }

    /// <summary>age, years_between, months_between, days_between.</summary>
    private sealed class Between : OperandFunction
    {
        private readonly string? _method;

        public Between(string name, string summary, string? method) : base(name, summary, $"{name}(from_date, to_date)") => _method = method;

        public override string Returns => "an integer";

        protected override BExpr Check(CallExpr c, ImmutableArray<BExpr> args, ExpressionBinder binder)
        {
            if (args.Length != 2) return binder.Arity(c, $"{Name}(from_date, to_date)");
            binder.ExpectType(args[0], TKind.Date, $"the first argument of {Name}()");
            binder.ExpectType(args[1], TKind.Date, $"the second argument of {Name}()");
            return new BCall(c, TType.Integer, this, args);
        }

        public override Expression Emit(BCall call, IEmitter emitter)
        {
            var from = emitter.Emit(call.Args[0]);
            var to = emitter.Emit(call.Args[1]);
            return _method is null
                ? E.Convert(E.Subtract(to, from), typeof(decimal))
                : StaticMethod.Call(typeof(DateFunctions), _method, from, to);
        }
    }

    /// <summary>year, month_of, day.</summary>
    private sealed class Part : OperandFunction
    {
        public Part(string name, string summary) : base(name, summary, $"{name}(d)") { }

        public override string Returns => "an integer";

        protected override BExpr Check(CallExpr c, ImmutableArray<BExpr> args, ExpressionBinder binder)
        {
            if (args.Length != 1) return binder.Arity(c, $"{Name}(date)");
            if (args[0].Type.Kind is not (TKind.Date or TKind.Month) || (Name == "day" && args[0].Type.Kind != TKind.Date))
            {
                binder.Error(DiagnosticCodes.TypeMismatch, $"{Name}() takes a date{(Name == "day" ? "" : " or a month")}, not {args[0].Type}", c.Arguments[0].Span);
                return BConst.Error(c);
            }
            return new BCall(c, TType.Integer, this, args);
        }

        public override Expression Emit(BCall call, IEmitter emitter)
        {
            var x = emitter.Emit(call.Args[0]);
            bool month = call.Args[0].Type.Kind == TKind.Month;
            return Name switch
            {
                "year" => month ? E.Convert(E.Divide(x, E.Constant(12)), typeof(decimal)) : StaticMethod.Call(typeof(DateFunctions), nameof(Year), x),
                "month_of" => month ? E.Convert(E.Add(E.Modulo(x, E.Constant(12)), E.Constant(1)), typeof(decimal)) : StaticMethod.Call(typeof(DateFunctions), nameof(MonthOf), x),
                _ => StaticMethod.Call(typeof(DateFunctions), nameof(Day), x),
            };
        }
    }

    /// <summary>add_months, add_years.</summary>
    private sealed class AddTo : OperandFunction
    {
        private readonly string _method;

        public AddTo(string name, string summary, string method) : base(name, summary, $"{name}(d, n)") => _method = method;

        public override string Returns => "a date";

        protected override BExpr Check(CallExpr c, ImmutableArray<BExpr> args, ExpressionBinder binder)
        {
            if (args.Length != 2) return binder.Arity(c, $"{Name}(date, n)");
            binder.ExpectType(args[0], TKind.Date, $"the first argument of {Name}()");
            if (args[1].Type.Kind != TKind.Number || !args[1].Type.IsInteger)
            {
                binder.Error(DiagnosticCodes.TypeMismatch, $"the second argument of {Name}() must be a whole number, not {args[1].Type}", c.Arguments[1].Span);
                return BConst.Error(c);
            }
            return new BCall(c, TType.Date, this, args);
        }

        public override Expression Emit(BCall call, IEmitter emitter) =>
            StaticMethod.Call(typeof(DateFunctions), _method, emitter.Emit(call.Args[0]), emitter.Emit(call.Args[1]), emitter.Site(call.Syntax));
    }

    /// <summary>make_month(year, month_number).</summary>
    private sealed class MakeMonthFunction : OperandFunction
    {
        public MakeMonthFunction() : base("make_month", "the month from a year and a month number", "make_month(year, 1)") { }

        public override string Returns => "a month";

        protected override BExpr Check(CallExpr c, ImmutableArray<BExpr> args, ExpressionBinder binder)
        {
            if (args.Length != 2) return binder.Arity(c, "make_month(year, month_number)");
            binder.ExpectType(args[0], TKind.Number, "the year of make_month()");
            binder.ExpectType(args[1], TKind.Number, "the month number of make_month()");
            return new BCall(c, TType.Month, this, args);
        }

        public override Expression Emit(BCall call, IEmitter emitter) =>
            StaticMethod.Call(typeof(DateFunctions), nameof(MakeMonth), emitter.Emit(call.Args[0]), emitter.Emit(call.Args[1]), emitter.Site(call.Syntax));
    }

    // ---------------------------------------------------------------- implementations

    internal static decimal YearsBetween(int from, int to)
    {
        var a = DateOnly.FromDayNumber(from);
        var b = DateOnly.FromDayNumber(to);
        if (b < a) return -YearsBetween(to, from);
        int years = b.Year - a.Year;
        if (b.Month < a.Month || (b.Month == a.Month && b.Day < a.Day)) years--;
        return years;
    }

    internal static decimal MonthsBetween(int from, int to)
    {
        var a = DateOnly.FromDayNumber(from);
        var b = DateOnly.FromDayNumber(to);
        if (b < a) return -MonthsBetween(to, from);
        int months = (b.Year - a.Year) * 12 + b.Month - a.Month;
        if (b.Day < a.Day) months--;
        return months;
    }

    internal static int AddMonths(int day, decimal n, int node)
    {
        try
        {
            return DateOnly.FromDayNumber(day).AddMonths(checked((int)n)).DayNumber;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw new EvaluationFault(DiagnosticCodes.Overflow, "date out of range", node);
        }
    }

    internal static int AddYears(int day, decimal n, int node)
    {
        try
        {
            return DateOnly.FromDayNumber(day).AddYears(checked((int)n)).DayNumber;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw new EvaluationFault(DiagnosticCodes.Overflow, "date out of range", node);
        }
    }

    internal static decimal Year(int day) => DateOnly.FromDayNumber(day).Year;

    internal static decimal MonthOf(int day) => DateOnly.FromDayNumber(day).Month;

    internal static decimal Day(int day) => DateOnly.FromDayNumber(day).Day;

    internal static int MonthFromDate(int day) => Months.Of(DateOnly.FromDayNumber(day));

    internal static int MakeMonth(decimal year, decimal month, int node)
    {
        if (year != decimal.Truncate(year) || month != decimal.Truncate(month) || year < 1 || year > 9999 || month < 1 || month > 12)
            throw new EvaluationFault(DiagnosticCodes.Overflow, $"make_month({year}, {month}) is not a month", node);
        return (int)year * 12 + (int)month - 1;
    }
}
