using Scoring.Syntax;

namespace Scoring.Model;

/// <summary>A derived value computed from an expression.</summary>
public sealed record ValueDefinition : Definition
{
    /// <inheritdoc />
    public override DefinitionKind Kind => DefinitionKind.Value;

    /// <summary>Creates a derived value.</summary>
    public ValueDefinition(string key, Expr expression) : base(key) => Expression = expression;

    /// <summary>The expression.</summary>
    public Expr Expression { get; }

    /// <summary>Type the author asserts the expression has, or null to infer it.</summary>
    public FieldType? DeclaredType { get; init; }
}
