namespace Scoring.Runtime;

/// <summary>A problem with one field of an input record.</summary>
/// <param name="Field">Path of the field, e.g. <c>residents</c> or <c>members[2].age</c>.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Kind">What kind of problem it is.</param>
public readonly record struct FieldError(string Field, string Message, FieldErrorKind Kind = FieldErrorKind.Invalid)
{
    /// <summary>The <see cref="Field"/> of an error about the record as a whole (invalid JSON, a CSV row with the wrong number of fields).</summary>
    public const string RecordLevel = "(record)";

    /// <inheritdoc />
    public override string ToString() => Field == RecordLevel ? Message : $"{Field}: {Message}";
}


/// <summary>What kind of problem a <see cref="FieldError"/> is.</summary>
public enum FieldErrorKind
{
    /// <summary>The value does not parse as the field's type (or has the wrong JSON type).</summary>
    Invalid,
    /// <summary>A required field (or a collection) is missing or empty.</summary>
    Missing,
    /// <summary>A number outside the field's min/max, or beyond what can be held.</summary>
    OutOfRange,
    /// <summary>A value that is not one of an enum's or a list's allowed values.</summary>
    NotAllowed,
    /// <summary>A number with more significant digits than can be held exactly (28).</summary>
    TooPrecise,
    /// <summary>The record as a whole cannot be read (invalid JSON, a CSV row with the wrong number of fields); <see cref="FieldError.Field"/> is <see cref="FieldError.RecordLevel"/>.</summary>
    Record,
}
