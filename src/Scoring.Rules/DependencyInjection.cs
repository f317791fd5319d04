using Microsoft.Extensions.DependencyInjection;
using Scoring.Diagnostics;

namespace Scoring.Rules;

/// <summary>A thread-safe catalog of compiled rule sets, looked up by id (and optionally version).</summary>
public interface IScoringCatalog
{
    /// <summary>Every rule set in the catalog.</summary>
    IReadOnlyList<CompiledRuleSet> RuleSets { get; }

    /// <summary>The rule set with <paramref name="id"/> (and <paramref name="version"/> when given).</summary>
    /// <exception cref="KeyNotFoundException">No such rule set.</exception>
    CompiledRuleSet Get(string id, string? version = null);

    /// <summary>Looks up a rule set without throwing.</summary>
    bool TryGet(string id, out CompiledRuleSet ruleSet, string? version = null);
}

/// <summary>Which rule files to load and what to do with invalid ones.</summary>
public sealed class ScoringOptions
{
    internal List<string> Paths { get; } = new();

    /// <summary>When true, an invalid rule file is left out (its diagnostics are kept in <see cref="ScoringCatalog.Diagnostics"/>); when false (the default) it fails startup.</summary>
    public bool SkipInvalidFiles { get; set; }

    /// <summary>Loads every <c>*.yaml</c> rule file under <paramref name="directory"/>.</summary>
    public ScoringOptions AddRuleSetsFromDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Paths.Add(directory);
        return this;
    }

    /// <summary>Loads one rule file.</summary>
    public ScoringOptions AddRuleSetFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Paths.Add(path);
        return this;
    }
}

/// <summary>Thrown at startup when rule files are invalid; the message lists every diagnostic.</summary>
public sealed class ScoringConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScoringConfigurationException(IReadOnlyList<Diagnostic> diagnostics)
        : base("invalid scoring configuration:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics)) =>
        Diagnostics = diagnostics;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}

/// <summary>The default <see cref="IScoringCatalog"/>: loads and compiles every configured rule file once.</summary>
public sealed class ScoringCatalog : IScoringCatalog
{
    private readonly Dictionary<string, List<CompiledRuleSet>> _byId = new(StringComparer.Ordinal);

    /// <summary>Loads the configured files; throws <see cref="ScoringConfigurationException"/> listing every problem unless invalid files are skipped.</summary>
    public ScoringCatalog(ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var diagnostics = new List<Diagnostic>();
        var all = new List<CompiledRuleSet>();
        if (options.Paths.Count == 0)
            diagnostics.Add(new Diagnostic(Severity.Error, DiagnosticCodes.FileNotFound, "no rule files configured: call AddRuleSetsFromDirectory or AddRuleSetFile", SourceSpan.None));
        foreach (var p in options.Paths.Where(p => !File.Exists(p) && !Directory.Exists(p)))
            diagnostics.Add(new Diagnostic(Severity.Error, DiagnosticCodes.FileNotFound, $"rule path '{p}' does not exist", SourceSpan.At(p, 1, 1)));
        foreach (var path in RuleFileLoader.FindRuleFiles(options.Paths.Where(p => File.Exists(p) || Directory.Exists(p))))
        {
            var file = RuleFileLoader.Load(path);
            diagnostics.AddRange(file.Diagnostics);
            if (!file.Succeeded) continue;
            var compiled = CompiledRuleSet.Compile(file.RuleSet!);
            var rs = compiled.RuleSet;
            if (!_byId.TryGetValue(rs.Id, out var list)) _byId[rs.Id] = list = new List<CompiledRuleSet>();
            if (list.Any(c => c.RuleSet.Version == rs.Version))
            {
                diagnostics.Add(new Diagnostic(Severity.Error, DiagnosticCodes.DuplicateName, $"rule set '{rs.Id}' version {rs.Version} is defined twice", rs.Span));
                continue;
            }
            list.Add(compiled);
            all.Add(compiled);
        }
        Diagnostics = diagnostics;
        bool hasErrors = diagnostics.Any(d => d.Severity == Severity.Error);
        if (hasErrors && (!options.SkipInvalidFiles || options.Paths.Count == 0)) throw new ScoringConfigurationException(diagnostics);
        RuleSets = all;
    }

    /// <summary>Diagnostics of every file loaded (including skipped invalid files).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <inheritdoc />
    public IReadOnlyList<CompiledRuleSet> RuleSets { get; }

    /// <inheritdoc />
    public CompiledRuleSet Get(string id, string? version = null) =>
        TryGet(id, out var rs, version) ? rs
            : throw new KeyNotFoundException($"no rule set '{id}'{(version is null ? "" : " version " + version)}; known: {string.Join(", ", _byId.Keys.Order(StringComparer.Ordinal))}");

    /// <inheritdoc />
    public bool TryGet(string id, out CompiledRuleSet ruleSet, string? version = null)
    {
        ruleSet = null!;
        if (!_byId.TryGetValue(id, out var list)) return false;
        // without a version: the newest by effective date, then by version text
        var match = version is null
            ? list.OrderByDescending(c => c.RuleSet.EffectiveFrom ?? DateOnly.MinValue).ThenByDescending(c => c.RuleSet.Version, StringComparer.Ordinal).First()
            : list.FirstOrDefault(c => c.RuleSet.Version == version);
        if (match is null) return false;
        ruleSet = match;
        return true;
    }
}

/// <summary>Registers Scoring with Microsoft.Extensions.DependencyInjection.</summary>
public static class ScoringServiceCollectionExtensions
{
    /// <summary>Registers a singleton <see cref="IScoringCatalog"/> loading the rule files configured by <paramref name="configure"/>.</summary>
    public static IServiceCollection AddScoring(this IServiceCollection services, Action<ScoringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ScoringOptions();
        configure(options);
        services.AddSingleton(options);
        services.AddSingleton<IScoringCatalog>(sp => new ScoringCatalog(sp.GetRequiredService<ScoringOptions>()));
        return services;
    }
}
