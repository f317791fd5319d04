namespace Scoring.Runtime;

/// <summary>The result of reading one input record: the record, or every field error found in it.</summary>
public sealed class RecordResult
{
    internal RecordResult(Record? record, string? key, IReadOnlyList<FieldError> errors, long number = 0)
    {
        Number = number;
        Record = record;
        Key = key;
        Errors = errors;
    }

    /// <summary>1-based number of the record in its input (0 when not from a file).</summary>
    public long Number { get; }

    /// <summary>The record, or null when it has errors.</summary>
    public Record? Record { get; }

    /// <summary>The subject key when it could be read, even if other fields are bad.</summary>
    public string? Key { get; }

    /// <summary>Every field error (empty when the record is valid).</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>True when the record is valid.</summary>
    public bool Succeeded => Record is not null;

    /// <summary>A record that could not be read at all (e.g. invalid JSON, a CSV row with the wrong number of fields).</summary>
    public static RecordResult Invalid(string? key, long recordNumber, string message) =>
        new(null, key, new[] { new FieldError(FieldError.RecordLevel, message, FieldErrorKind.Record) }, recordNumber);

    /// <summary>All errors as one line.</summary>
    public string ErrorText => string.Join("; ", Errors);
}
