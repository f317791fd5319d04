using Scoring.Model;
using Scoring.Runtime;

namespace Scoring.Binding;

/// <summary>
/// A generated range of periods that aggregates iterate over (the months of a year). Its layout is
/// known once the definitions are collected, so expressions can name it before it is bound; its bounds
/// are set once, when the period itself is bound (every expression that reads it binds after that).
/// </summary>
internal sealed class PeriodSource
{
    public PeriodSource(PeriodDefinition def, RecordLayout layout)
    {
        Def = def;
        Layout = layout;
    }

    public PeriodDefinition Def { get; }
    public RecordLayout Layout { get; }
    public BExpr? From { get; private set; }
    public BExpr? To { get; private set; }

    public void SetBounds(BExpr from, BExpr to)
    {
        if (From is not null) throw new InvalidOperationException($"period '{Def.Key}' is bound twice");
        From = from;
        To = to;
    }
}
