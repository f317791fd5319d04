using System.Collections.Immutable;
using Scoring.Diagnostics;
using Scoring.Syntax;

namespace Scoring.Model;

/// <summary>One case of a classification: when the condition holds, the result is <see cref="Then"/>.</summary>
/// <param name="When">Condition.</param>
/// <param name="Then">Resulting label.</param>
public sealed record ClassificationCase(Expr When, string Then)
{
    /// <summary>Where it is declared.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>A veto (一票否决): when it holds, the result is capped at or set to a level, whatever the points.</summary>
/// <param name="When">Condition.</param>
public sealed record Veto(Expr When)
{
    /// <summary>The result may be no better than this level (a worse one stays).</summary>
    public string? AtMost { get; init; }

    /// <summary>The result becomes this level.</summary>
    public string? Set { get; init; }

    /// <summary>Label shown in explanations.</summary>
    public string? Label { get; init; }

    /// <summary>Where it is declared.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>Thresholds → labels: the first case that holds wins, then vetoes apply.</summary>
public sealed record ClassificationDefinition : Definition
{
    /// <inheritdoc />
    public override DefinitionKind Kind => DefinitionKind.Classification;

    /// <summary>Creates a classification.</summary>
    public ClassificationDefinition(string key) : base(key) { }

    /// <summary>Ordered levels, best first (required for <see cref="Veto.AtMost"/>); empty for free labels.</summary>
    public ImmutableArray<string> Levels { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>The cases, tried in order.</summary>
    public ImmutableArray<ClassificationCase> Cases { get; init; } = ImmutableArray<ClassificationCase>.Empty;

    /// <summary>Result when no case holds; null means empty.</summary>
    public string? Else { get; init; }

    /// <summary>Vetoes, applied in order after the cases.</summary>
    public ImmutableArray<Veto> Vetoes { get; init; } = ImmutableArray<Veto>.Empty;
}
