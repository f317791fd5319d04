using Scoring.Diagnostics;
using Scoring.Runtime;

namespace Scoring.Compilation;

/// <summary>The arithmetic operators of compiled rules: each knows the node it was written at, so an overflow or a division by zero names the expression.</summary>
internal static class CheckedArithmetic
{
    public static decimal Div(decimal a, decimal b, int node)
    {
        if (b == 0m) throw new EvaluationFault(DiagnosticCodes.DivisionByZero, "division by zero", node);
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
        new(DiagnosticCodes.Overflow, "arithmetic overflow (beyond ±79 228 162 514 264 337 593 543 950 335)", node);

    /// <summary>date ± days.</summary>
    public static int AddDays(int day, decimal n, int node)
    {
        long r = day + (long)n;
        if (n != decimal.Truncate(n) || r < DateOnly.MinValue.DayNumber || r > DateOnly.MaxValue.DayNumber)
            throw new EvaluationFault(DiagnosticCodes.Overflow, "date out of range", node);
        return (int)r;
    }

    /// <summary>month ± months.</summary>
    public static int AddMonthsToMonth(int month, decimal n, int node)
    {
        long r = month + (long)n;
        if (r < 12 || r > 9999 * 12 + 11)
            throw new EvaluationFault(DiagnosticCodes.Overflow, "month out of range", node);
        return (int)r;
    }
}
