using Scoring.Runtime;

namespace Scoring;

/// <summary>The result of scoring one record: every outcome, or the error that stopped it; and on request an explanation.</summary>
public sealed class Evaluation
{
    private readonly Outcome[] _outcomes;

    internal Evaluation(string? key, long number, Outcome[]? outcomes, EvaluationError? error, Explanation? explanation)
    {
        Key = key;
        RecordNumber = number;
        _outcomes = outcomes ?? Array.Empty<Outcome>();
        Error = error;
        Explanation = explanation;
    }

    /// <summary>The record's key.</summary>
    public string? Key { get; }

    /// <summary>1-based number of the record in its input (0 when not from a file).</summary>
    public long RecordNumber { get; }

    /// <summary>True when the record was scored.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The error that stopped the record, or null.</summary>
    public EvaluationError? Error { get; }

    /// <summary>The outcomes, in the rule set's order (empty on error).</summary>
    public IReadOnlyList<Outcome> Outcomes => _outcomes;

    internal void SetOutcome(string key, Value value)
    {
        for (int i = 0; i < _outcomes.Length; i++)
            if (_outcomes[i].Key == key) _outcomes[i] = _outcomes[i] with { Value = value };
    }

    /// <summary>The explanation, when asked for.</summary>
    public Explanation? Explanation { get; }

    /// <summary>The outcome <paramref name="key"/>, or empty.</summary>
    public Value this[string key]
    {
        get
        {
            foreach (var o in Outcomes) if (o.Key == key) return o.Value;
            return Value.Empty;
        }
    }

    internal static Evaluation Rejected(string? key, long number, EvaluationError error) => new(key, number, null, error, null);
}
