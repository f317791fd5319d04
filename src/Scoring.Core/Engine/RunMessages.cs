using Scoring.Diagnostics;
using A = Scoring.Diagnostics.DiagnosticArguments;

namespace Scoring;

/// <summary>The messages about a run (its as-of date and parameters) and its evaluation errors, rendered from their arguments.</summary>
internal static class RunMessages
{
    public static readonly MessageTemplate UnknownParameter = new(DiagnosticCodes.InvalidParameter,
        a => $"rule set '{a[A.RuleSet]}' has no parameter '{a[A.Parameter]}'{(a.Has(A.Suggestion) ? $"; did you mean '{a[A.Suggestion]}'?" : "")}");

    public static readonly MessageTemplate NotInEffect = new(DiagnosticCodes.NotInEffect,
        a => $"rule set '{a[A.RuleSet]}' is in effect {a["from"]}…{a["to"]}, not on {a[A.Date]}");

    public static readonly MessageTemplate AsOfRequired = new(DiagnosticCodes.AsOfRequired,
        a => $"rule set '{a[A.RuleSet]}' needs the as-of date ({(a.Has("reads_as_of") ? "its rules read as_of" : "dated parameters " + a[A.Parameter])}) and none was given");

    public static readonly MessageTemplate ScaleGivenAsNumber = new(DiagnosticCodes.InvalidParameter,
        a => $"parameter '{a[A.Parameter]}' is a scale and cannot be given as one number");

    public static readonly MessageTemplate NotInForce = new(DiagnosticCodes.ParameterNotInForce,
        a => $"parameter '{a[A.Parameter]}' has no value in force on {a[A.Date]}; its earliest value is from {a["earliest"]}");

    public static readonly MessageTemplate NotAnInteger = new(DiagnosticCodes.InvalidParameter,
        a => $"parameter '{a[A.Parameter]}' is an integer; {a["value"]} is not");

    public static readonly MessageTemplate MustBeGiven = new(DiagnosticCodes.ParameterMissing,
        a => $"parameter '{a[A.Parameter]}' has no values in the rule set, so the run must give it one");

    public static readonly MessageTemplate NoValueForKey = new(DiagnosticCodes.ParameterNotInForce,
        a => $"parameter '{a[A.Parameter]}' has no value for {a[A.Field]} '{a["key"]}' on {a[A.Date]} and no fallback");

    /// <summary>An argument.</summary>
    public static DiagnosticArgument Arg(string name, string value) => new(name, value);

    /// <summary>A date argument (YYYY-MM-DD).</summary>
    public static DiagnosticArgument Date(string name, DateOnly? date) =>
        new(name, date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "");
}
