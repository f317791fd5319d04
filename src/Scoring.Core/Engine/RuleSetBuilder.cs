using System.Collections.Immutable;
using Scoring.Definitions;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Primitives;

namespace Scoring;

/// <summary>
/// Builds a <see cref="RuleSet"/>. <see cref="Build"/> validates everything at once and
/// returns every problem found, each with its source span.
/// </summary>
public sealed class RuleSetBuilder
{
    /// <summary>Starts a rule set.</summary>
    public RuleSetBuilder(string id, string name, string version)
    {
        Id = id;
        Name = name;
        Version = version;
    }

    /// <summary>Stable identifier.</summary>
    public string Id { get; set; }

    /// <summary>Display name.</summary>
    public string Name { get; set; }

    /// <summary>Version text.</summary>
    public string Version { get; set; }

    /// <summary>First day in effect.</summary>
    public DateOnly? EffectiveFrom { get; set; }

    /// <summary>Last day in effect.</summary>
    public DateOnly? EffectiveTo { get; set; }

    /// <summary>Policy reference.</summary>
    public string? Policy { get; set; }

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>Where the rule set is declared.</summary>
    public SourceSpan Span { get; set; }

    /// <summary>The input schema (required).</summary>
    public SubjectSchema? Subject { get; set; }

    /// <summary>Parameters.</summary>
    public List<ParameterDefinition> Parameters { get; } = new();

    /// <summary>Definitions, in any order.</summary>
    public List<Definition> Definitions { get; } = new();

    /// <summary>Keys of the outcomes to report, in order.</summary>
    public List<KeyReference> Outcomes { get; } = new();

    /// <summary>Adds a definition and returns the builder.</summary>
    public RuleSetBuilder Add(Definition definition)
    {
        Definitions.Add(definition);
        return this;
    }

    /// <summary>Validates and builds. Never throws on invalid content: the result carries every diagnostic.</summary>
    public BuildResult<RuleSet> Build()
    {
        var bag = new DiagnosticBag();
        var parts = new RuleSetParts(Id, Name, Version, EffectiveFrom, EffectiveTo, Span, Subject, Parameters.ToArray(), Definitions.ToArray(), Outcomes.ToArray());
        var bound = DeepStack.Run(() => RuleSetBinder.Bind(parts, bag));
        var rs = bound is null ? null : new RuleSet(this, bound.Symbols.Select(s => s.Def).ToImmutableArray(), Outcomes.ToImmutableArray(), bound);
        return new BuildResult<RuleSet>(bag.HasErrors ? null : rs, bag.Sorted());
    }
}
