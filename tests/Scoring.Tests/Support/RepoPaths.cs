namespace Scoring.Tests.Support;

/// <summary>Locations in the repository, found by walking up from the test binaries to the folder holding Scoring.sln.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Scoring.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} contains Scoring.sln");
    });

    /// <summary>The repository root (the folder containing Scoring.sln).</summary>
    public static string Root => RootPath.Value;

    /// <summary>The shipped rule files folder.</summary>
    public static string RulesDir => Path.Combine(Root, "rules");

    /// <summary>A shipped rule file.</summary>
    public static string Rule(string fileName) => Path.Combine(RulesDir, fileName);

    /// <summary>The golden files as copied next to the test binaries (read).</summary>
    public static string GoldenOutputDir => Path.Combine(AppContext.BaseDirectory, "Golden");

    /// <summary>The golden files in the source tree (rewritten when UPDATE_GOLDEN=1).</summary>
    public static string GoldenSourceDir => Path.Combine(Root, "tests", "Scoring.Tests", "Golden");
}
