using System.Text;
using Scoring.Diagnostics;
using Scoring.Rules;

namespace Scoring.Cli.Io;

/// <summary>
/// Rule files found and loaded through the invocation's working directory, their diagnostics naming them
/// as the user did (<c>rules/x.yaml(12,7): error …</c>), whatever the process's current directory.
/// </summary>
internal static class RuleFiles
{
    /// <summary>RuleFileLoader.Load refuses a file over 4 × its YAML limit (2 MiB) before reading it; so does this.</summary>
    private const long MaxBytes = 4L * 2 * 1024 * 1024;

    /// <summary>The rule files named by <paramref name="paths"/> (directories searched as <see cref="RuleFileLoader.FindRuleFiles"/> does), as the user would write them.</summary>
    public static IReadOnlyList<string> Find(CliContext context, IEnumerable<string> paths)
    {
        var result = new List<string>();
        foreach (var text in paths)
        {
            var path = context.Resolve(text);
            if (!Directory.Exists(path.Full))
            {
                result.Add(text);
                continue;
            }
            // found under the full path, named under the user's: the same names, in the same order
            foreach (var found in RuleFileLoader.FindRuleFiles(new[] { path.Full }))
                result.Add(Path.Join(text, Path.GetRelativePath(path.Full, found)));
        }
        return result;
    }

    /// <summary>Loads the rule file the user named <paramref name="text"/>.</summary>
    public static LoadedRuleFile Load(CliContext context, string text)
    {
        var path = context.Resolve(text);
        if (text.Length == 0)
            return new LoadedRuleFile(null, new[] { new Diagnostic(Severity.Error, DiagnosticCodes.FileNotFound, "cannot read the file: the name is empty", SourceSpan.At(text, 1, 1)) });
        if (Read(path.Full) is not { } content)
        {
            // the loader's own diagnostic for a file it cannot read, placed at the file as the user named it
            var failed = RuleFileLoader.Load(path.Full);
            return new LoadedRuleFile(null, failed.Diagnostics.Select(d => d with { Span = d.Span with { File = text } }).ToArray());
        }
        var file = RuleFileLoader.LoadText(content, text, related =>
        {
            var full = context.Resolve(related).Full;
            return File.Exists(full) ? File.ReadAllText(full, Encoding.UTF8) : null;
        });
        return new LoadedRuleFile(file, file.Diagnostics);
    }

    private static string? Read(string full)
    {
        try
        {
            var info = new FileInfo(full);
            if (info.Exists && info.Length > MaxBytes) return null;
            return File.ReadAllText(full, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
