using System.Collections.Immutable;
using Scoring.Binding;
using Scoring.Diagnostics;

namespace Scoring.Model;

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
        var rs = DeepStack.Run(() => Binder.Bind(this, bag));
        return new BuildResult<RuleSet>(bag.HasErrors ? null : rs, bag.Sorted());
    }
}

/// <summary>The result of building or loading something: the value when there were no errors, and every diagnostic.</summary>
/// <typeparam name="T">What was built.</typeparam>
public sealed class BuildResult<T> where T : class
{
    /// <summary>Creates a result.</summary>
    public BuildResult(T? value, IReadOnlyList<Diagnostic> diagnostics)
    {
        Value = value;
        Diagnostics = diagnostics;
    }

    /// <summary>The value, or null when there were errors.</summary>
    public T? Value { get; }

    /// <summary>Every diagnostic, errors and warnings, in file order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when there is a value.</summary>
    public bool Succeeded => Value is not null;

    /// <summary>The value, or throws <see cref="InvalidOperationException"/> listing the errors.</summary>
    public T GetValueOrThrow() =>
        Value ?? throw new InvalidOperationException("invalid rule set:" + Environment.NewLine + string.Join(Environment.NewLine, Diagnostics));
}
