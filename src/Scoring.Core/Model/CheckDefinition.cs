using Scoring.Syntax;

namespace Scoring.Model;

/// <summary>A record-level check: when it does not hold, the record is rejected with the message (e.g. a month outside the year).</summary>
public sealed record CheckDefinition : Definition
{
    /// <inheritdoc />
    public override DefinitionKind Kind => DefinitionKind.Check;

    /// <summary>Creates a check.</summary>
    public CheckDefinition(string key, Expr condition, string message) : base(key)
    {
        Condition = condition;
        Message = message;
    }

    /// <summary>What must hold.</summary>
    public Expr Condition { get; }

    /// <summary>The rejection message.</summary>
    public string Message { get; }
}
