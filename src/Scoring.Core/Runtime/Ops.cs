using System.Globalization;

namespace Scoring.Runtime;

/// <summary>Months as integers (<c>year × 12 + month − 1</c>) so that they compare and subtract cheaply.</summary>
public static class Months
{
    /// <summary>Parses <c>YYYY-MM</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out int month)
    {
        month = 0;
        if (s.Length != 7 || s[4] != '-') return false;
        if (!int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y) ||
            !int.TryParse(s[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var m) || y < 1 || m is < 1 or > 12)
            return false;
        month = y * 12 + m - 1;
        return true;
    }

    /// <summary>Formats as <c>YYYY-MM</c>.</summary>
    public static string Format(int month) =>
        (month / 12).ToString("0000", CultureInfo.InvariantCulture) + "-" + (month % 12 + 1).ToString("00", CultureInfo.InvariantCulture);

    /// <summary>The month of a date.</summary>
    public static int Of(DateOnly d) => d.Year * 12 + d.Month - 1;
}

/// <summary>Thrown by compiled code for an error in one record; carries the node that failed.</summary>
internal sealed class EvaluationFault : Exception
{
    public EvaluationFault(string code, string message, int node) : base(message)
    {
        Code = code;
        Node = node;
    }

    public string Code { get; }
    public int Node { get; }
}

/// <summary>Operations called by compiled rule sets where a plain operator cannot report its error precisely.</summary>
internal static class Ops
{
    public static decimal Div(decimal a, decimal b, int node)
    {
        if (b == 0m) throw new EvaluationFault(Diagnostics.DiagnosticCodes.DivisionByZero, "division by zero", node);
        try { return a / b; }
        catch (OverflowException) { throw Overflow(node); }
    }

    public static decimal Add(decimal a, decimal b, int node)
    {
        try { return a + b; }
        catch (OverflowException) { throw Overflow(node); }
    }

    public static decimal Sub(decimal a, decimal b, int node)
    {
        try { return a - b; }
        catch (OverflowException) { throw Overflow(node); }
    }

    public static decimal Mul(decimal a, decimal b, int node)
    {
        try { return a * b; }
        catch (OverflowException) { throw Overflow(node); }
    }

    private static EvaluationFault Overflow(int node) =>
        new(Diagnostics.DiagnosticCodes.Overflow, "arithmetic overflow (beyond ±79 228 162 514 264 337 593 543 950 335)", node);

    public static decimal Round(decimal x, int digits, int mode) => mode switch
    {
        0 => decimal.Round(x, digits, MidpointRounding.AwayFromZero),
        1 => decimal.Round(x, digits, MidpointRounding.ToEven),
        2 => decimal.Round(x, digits, x >= 0 ? MidpointRounding.ToPositiveInfinity : MidpointRounding.ToNegativeInfinity),
        _ => decimal.Round(x, digits, MidpointRounding.ToZero),
    };

    public static decimal Floor(decimal x, int digits) =>
        digits == 0 ? decimal.Floor(x) : decimal.Round(x, digits, MidpointRounding.ToNegativeInfinity);

    public static decimal Ceil(decimal x, int digits) =>
        digits == 0 ? decimal.Ceiling(x) : decimal.Round(x, digits, MidpointRounding.ToPositiveInfinity);

    public static decimal YearsBetween(int from, int to)
    {
        var a = DateOnly.FromDayNumber(from);
        var b = DateOnly.FromDayNumber(to);
        if (b < a) return -YearsBetween(to, from);
        int years = b.Year - a.Year;
        if (b.Month < a.Month || (b.Month == a.Month && b.Day < a.Day)) years--;
        return years;
    }

    public static decimal MonthsBetween(int from, int to)
    {
        var a = DateOnly.FromDayNumber(from);
        var b = DateOnly.FromDayNumber(to);
        if (b < a) return -MonthsBetween(to, from);
        int months = (b.Year - a.Year) * 12 + b.Month - a.Month;
        if (b.Day < a.Day) months--;
        return months;
    }

    public static int AddDays(int day, decimal n, int node)
    {
        long r = day + (long)n;
        if (n != decimal.Truncate(n) || r < DateOnly.MinValue.DayNumber || r > DateOnly.MaxValue.DayNumber)
            throw new EvaluationFault(Diagnostics.DiagnosticCodes.Overflow, "date out of range", node);
        return (int)r;
    }

    public static int AddMonthsToMonth(int month, decimal n, int node)
    {
        long r = month + (long)n;
        if (r < 12 || r > 9999 * 12 + 11)
            throw new EvaluationFault(Diagnostics.DiagnosticCodes.Overflow, "month out of range", node);
        return (int)r;
    }

    public static int AddMonths(int day, decimal n, int node)
    {
        try
        {
            return DateOnly.FromDayNumber(day).AddMonths(checked((int)n)).DayNumber;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw new EvaluationFault(Diagnostics.DiagnosticCodes.Overflow, "date out of range", node);
        }
    }

    public static int AddYears(int day, decimal n, int node)
    {
        try
        {
            return DateOnly.FromDayNumber(day).AddYears(checked((int)n)).DayNumber;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw new EvaluationFault(Diagnostics.DiagnosticCodes.Overflow, "date out of range", node);
        }
    }

    public static decimal Year(int day) => DateOnly.FromDayNumber(day).Year;

    public static decimal MonthOf(int day) => DateOnly.FromDayNumber(day).Month;

    public static decimal Day(int day) => DateOnly.FromDayNumber(day).Day;

    public static int MonthFromDate(int day) => Months.Of(DateOnly.FromDayNumber(day));

    public static bool Contains(string[]? list, string? item)
    {
        if (list is null) return false;
        foreach (var s in list) if (string.Equals(s, item, StringComparison.Ordinal)) return true;
        return false;
    }

    public static decimal EmptyAggregate(int node) =>
        throw new EvaluationFault(Diagnostics.DiagnosticCodes.EmptyCollection, "no child record matched, so there is no minimum or maximum (guard it with count(...) > 0)", node);

    public static Exception CheckFailed(string message) =>
        new EvaluationFault(Diagnostics.DiagnosticCodes.CheckFailed, message, -1);

    public static decimal ApplyScale(ScaleValue? scale, decimal amount)
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

    public static int MakeMonth(decimal year, decimal month, int node)
    {
        if (year != decimal.Truncate(year) || month != decimal.Truncate(month) || year < 1 || year > 9999 || month < 1 || month > 12)
            throw new EvaluationFault(Diagnostics.DiagnosticCodes.Overflow, $"make_month({year}, {month}) is not a month", node);
        return (int)year * 12 + (int)month - 1;
    }

    public static decimal CollectedCount(Value v) => v.Kind == ValueKind.Object ? v.AsObject.Count : v.AsList.Count;

    public static decimal CountDistinct(List<Value> items) => new HashSet<Value>(items).Count;

    public static Exception MissingOptional(int node) =>
        new EvaluationFault(Diagnostics.DiagnosticCodes.MissingField, "optional field is empty", node);
}

/// <summary>A marginal-rate scale in force for a run: band lower bounds and their rates.</summary>
internal sealed class ScaleValue
{
    public ScaleValue(decimal[] from, decimal[] rate)
    {
        From = from;
        Rate = rate;
    }

    public decimal[] From { get; }
    public decimal[] Rate { get; }

    public override string ToString() =>
        string.Join("; ", From.Select((f, i) => $"{Value.Normalize(f)}+: {Value.Normalize(Rate[i] * 100)}%"));
}
