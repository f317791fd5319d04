using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Scoring.Tests.Support;

namespace Scoring.Tests.Docs;

/// <summary>
/// Every C# block of the README compiles against the current libraries, so the documentation cannot
/// go stale. A block may be preceded by an HTML comment <c>&lt;!-- prelude: … --&gt;</c> declaring what
/// it assumes (hidden on the rendered page, like rustdoc's hidden lines).
/// </summary>
public class ReadmeSnippetTests
{
    private static readonly Regex Block = new(@"(?:<!--\s*prelude:(?<prelude>[\s\S]*?)-->\s*\n)?```csharp\n(?<code>[\s\S]*?)```", RegexOptions.Compiled);

    public static TheoryData<int, string> Snippets()
    {
        var data = new TheoryData<int, string>();
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        foreach (Match m in Block.Matches(readme))
        {
            int line = readme[..m.Index].Count(c => c == '\n') + 1;
            data.Add(line, m.Groups["prelude"].Value + "\n//--\n" + m.Groups["code"].Value);
        }
        return data;
    }

    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
            .GroupBy(Path.GetFileName).Select(g => g.First());
        var refs = new List<MetadataReference>();
        foreach (var p in paths)
        {
            try { refs.Add(MetadataReference.CreateFromFile(p)); }
            catch (BadImageFormatException) { } // native libraries beside the managed ones
        }
        return refs.ToArray();
    });

    [Fact]
    public void Readme_HasTheCSharpWaysIn()
    {
        var all = string.Join("\n", Snippets().Select(d => (string)d[1]));
        Assert.True(Snippets().Count() >= 3, "the README shows the API, DI and batch scoring in C#");
        Assert.Contains("CompiledRuleSet.Compile", all);
        Assert.Contains("AddScoring", all);
        Assert.Contains("BatchScorer", all);
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Readme_CSharpBlock_Compiles(int line, string snippet)
    {
        // using directives first, then the prelude and the block as top-level statements
        var lines = snippet.Split('\n');
        bool IsUsing(string l) => Regex.IsMatch(l, @"^using [\w.]+( = [\w.]+)?;\s*$");
        var source = string.Join("\n", lines.Where(IsUsing)) + "\n"
            + "using System; using System.Collections.Generic; using System.IO; using System.Linq;\n"
            + string.Join("\n", lines.Where(l => !IsUsing(l)));
        var compilation = CSharpCompilation.Create("readme_" + line,
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var pe = new MemoryStream();
        var result = compilation.Emit(pe);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(result.Success, $"README.md line {line}: the C# block does not compile:\n{string.Join("\n", errors)}\n--- source ---\n{source}");
    }
}
