namespace Scoring.Benchmarks;

internal static class Paths
{
    /// <summary>The repository root (the folder holding Scoring.sln), found from the working directory or the binaries.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var d = new DirectoryInfo(start);
            while (d is not null)
            {
                if (File.Exists(Path.Combine(d.FullName, "Scoring.sln"))) return d.FullName;
                d = d.Parent;
            }
        }
        throw new InvalidOperationException("run the benchmarks from inside the repository");
    }

    public static string Rules(string file) => Path.Combine(Root, "rules", file);
}
