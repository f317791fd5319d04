using Scoring.Diagnostics;

namespace Scoring.Rules;

/// <summary>A test case written by policy staff beside the rules: an input record and the outcomes it must produce (or the error it must be rejected with).</summary>
public sealed class TestCase
{
    internal TestCase(string name, SourceSpan span, DateOnly? asOf, IReadOnlyDictionary<string, decimal> parameters,
        IReadOnlyDictionary<string, object?> input, IReadOnlyList<KeyValuePair<string, object?>> expect, string? expectError,
        IReadOnlyList<IReadOnlyDictionary<string, object?>>? inputs = null)
    {
        Inputs = inputs;
        Name = name;
        Span = span;
        AsOf = asOf;
        Parameters = parameters;
        Input = input;
        Expect = expect;
        ExpectError = expectError;
    }

    /// <summary>The test's name.</summary>
    public string Name { get; }

    /// <summary>Where it is written.</summary>
    public SourceSpan Span { get; }

    /// <summary>The run's as-of date.</summary>
    public DateOnly? AsOf { get; }

    /// <summary>Parameter values for the run.</summary>
    public IReadOnlyDictionary<string, decimal> Parameters { get; }

    /// <summary>For a population test: the records scored together (then <see cref="Expect"/> is keyed by record id).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>>? Inputs { get; }

    /// <summary>The input record: text values, lists of text, and lists of records for collections.</summary>
    public IReadOnlyDictionary<string, object?> Input { get; }

    /// <summary>Expected outcomes (only these keys are checked). Values are text, null, lists or dictionaries as written.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Expect { get; }

    /// <summary>When set, the record must be rejected with an error whose message contains this text.</summary>
    public string? ExpectError { get; }
}
