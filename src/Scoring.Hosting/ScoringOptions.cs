using Microsoft.Extensions.Options;

namespace Scoring.Hosting;

/// <summary>Which rule files to load, what to do with invalid ones, and whether to reload them when they change.</summary>
public sealed class ScoringOptions
{
    /// <summary>The greatest <see cref="ReloadDebounce"/> accepted.</summary>
    public static readonly TimeSpan MaxReloadDebounce = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The rule files and directories to load, in order: a directory is searched recursively for
    /// <c>*.yaml</c> / <c>*.yml</c> rule files (test files <c>*.tests.yaml</c> are skipped). Relative
    /// paths are relative to the current directory.
    /// </summary>
    public IList<string> Paths { get; } = new List<string>();

    /// <summary>When true, an invalid rule file is left out (its diagnostics are kept in <see cref="IScoringCatalog.Diagnostics"/>); when false (the default) it fails startup.</summary>
    public bool SkipInvalidFiles { get; set; }

    /// <summary>
    /// When true, the configured paths are watched: after a rule file (or a file it imports) is edited,
    /// added or removed, every rule file is loaded and compiled again and the new rule sets replace the
    /// old ones in one step. A file that no longer loads keeps its last good version in service.
    /// </summary>
    public bool ReloadOnChange { get; set; }

    /// <summary>How long the files must be quiet before a reload starts, so that an editor's burst of writes causes one reload. Default 300 ms; at most <see cref="MaxReloadDebounce"/>.</summary>
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Loads every <c>*.yaml</c> rule file under <paramref name="directory"/>. Problems (an empty or missing path) are reported when the options are validated, all at once.</summary>
    public ScoringOptions AddRuleSetsFromDirectory(string directory)
    {
        Paths.Add(directory);
        return this;
    }

    /// <summary>Loads one rule file. Problems are reported when the options are validated, all at once.</summary>
    public ScoringOptions AddRuleSetFile(string path)
    {
        Paths.Add(path);
        return this;
    }
}

/// <summary>
/// Validates <see cref="ScoringOptions"/> and reports every problem at once: no paths, empty or missing
/// paths, an out-of-range debounce. Registered by <c>AddScoring</c> and run at host startup.
/// </summary>
public sealed class ScoringOptionsValidator : IValidateOptions<ScoringOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Problems(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every problem with <paramref name="options"/>, empty when they are valid.</summary>
    public static IReadOnlyList<string> Problems(ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Paths.Count == 0)
            failures.Add("Scoring: no rule files configured; call AddRuleSetsFromDirectory or AddRuleSetFile");
        for (int i = 0; i < options.Paths.Count; i++)
        {
            var p = options.Paths[i];
            if (string.IsNullOrWhiteSpace(p))
                failures.Add($"Scoring: rule path #{i + 1} is empty");
            else if (!File.Exists(p) && !Directory.Exists(p))
                failures.Add($"Scoring: rule path '{p}' does not exist (looked for {Path.GetFullPath(p)})");
        }
        if (options.ReloadDebounce < TimeSpan.Zero || options.ReloadDebounce > ScoringOptions.MaxReloadDebounce)
            failures.Add($"Scoring: ReloadDebounce must be between 0 and {ScoringOptions.MaxReloadDebounce}; it is {options.ReloadDebounce}");
        return failures;
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem, if there are any.</summary>
    public static void ThrowIfInvalid(ScoringOptions options)
    {
        var failures = Problems(options);
        if (failures.Count > 0) throw new OptionsValidationException(Options.DefaultName, typeof(ScoringOptions), failures);
    }
}
