using System.Collections.Immutable;
using Scoring.Definitions;
using Scoring.Diagnostics;
using Scoring.Model;

namespace Scoring;

/// <summary>
/// A validated, immutable rule set: identity, input schema, parameters, definitions and the
/// ordered outcomes it reports. Only <see cref="RuleSetBuilder.Build"/> creates one, after
/// checking names, references, types and dependency cycles, so a <see cref="RuleSet"/> is
/// always well-formed and ready to compile.
/// </summary>
public sealed class RuleSet
{
    internal RuleSet(RuleSetBuilder b, ImmutableArray<Definition> definitions, ImmutableArray<KeyReference> outcomes, BoundRuleSet bound)
    {
        Id = b.Id;
        Name = b.Name;
        Version = b.Version;
        EffectiveFrom = b.EffectiveFrom;
        EffectiveTo = b.EffectiveTo;
        Policy = b.Policy;
        Description = b.Description;
        Span = b.Span;
        Subject = b.Subject!;
        Parameters = b.Parameters.ToImmutableArray();
        Definitions = definitions;
        Outcomes = outcomes;
        Bound = bound;
    }

    /// <summary>Stable identifier.</summary>
    public string Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Version text.</summary>
    public string Version { get; }

    /// <summary>First day the rule set applies, or null.</summary>
    public DateOnly? EffectiveFrom { get; }

    /// <summary>Last day the rule set applies, or null.</summary>
    public DateOnly? EffectiveTo { get; }

    /// <summary>Legal / policy reference.</summary>
    public string? Policy { get; }

    /// <summary>Free description.</summary>
    public string? Description { get; }

    /// <summary>Where the rule set is declared.</summary>
    public SourceSpan Span { get; }

    /// <summary>The input schema.</summary>
    public SubjectSchema Subject { get; }

    /// <summary>Parameters.</summary>
    public ImmutableArray<ParameterDefinition> Parameters { get; }

    /// <summary>Definitions in dependency order (each after everything it reads).</summary>
    public ImmutableArray<Definition> Definitions { get; }

    /// <summary>The outcomes reported, in order.</summary>
    public ImmutableArray<KeyReference> Outcomes { get; }

    internal BoundRuleSet Bound { get; }

    /// <summary>The definition with key <paramref name="key"/>, or null.</summary>
    public Definition? Find(string key)
    {
        foreach (var d in Definitions) if (d.Key == key) return d;
        return null;
    }
}
