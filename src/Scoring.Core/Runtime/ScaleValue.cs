namespace Scoring.Runtime;

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
