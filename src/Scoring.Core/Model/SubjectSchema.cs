using Scoring.Diagnostics;

namespace Scoring.Model;

/// <summary>The input schema of the records a rule set scores.</summary>
/// <param name="Key">The field that identifies a record.</param>
/// <param name="Record">Its fields and collections.</param>
public sealed record SubjectSchema(string Key, RecordSchema Record)
{
    /// <summary>Name of the subject (for messages), e.g. <c>household</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Where the schema is declared.</summary>
    public SourceSpan Span { get; init; }
}
