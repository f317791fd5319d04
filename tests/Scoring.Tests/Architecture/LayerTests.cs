using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Scoring.Tests.Support;

namespace Scoring.Tests.Architecture;

/// <summary>
/// The folders of Scoring.Core are layers (docs/architecture.md): each may use only the layers below it.
/// The sources are compiled here with Roslyn and every name they use is resolved, so a use through a
/// using directive, a qualified name or the implicitly visible root namespace is seen alike.
/// </summary>
public class LayerTests
{
    /// <summary>Lowest first; layers with the same number are peers and must not use each other.</summary>
    private static readonly Dictionary<string, int> Layers = new(StringComparer.Ordinal)
    {
        ["Scoring.Primitives"] = 0,
        ["Scoring.Diagnostics"] = 0,
        ["Scoring.Syntax"] = 1,
        ["Scoring.Model"] = 2,
        ["Scoring.Runtime"] = 3,
        ["Scoring.Binding"] = 4,
        ["Scoring.Functions"] = 5,
        ["Scoring.Compilation"] = 5,
        ["Scoring.Definitions"] = 6,
        ["Scoring"] = 7, // the engine's public face (Engine/)
    };

    private static string LayerOf(string ns)
    {
        // Scoring.Definitions.Scores belongs to Scoring.Definitions, and so on
        foreach (var l in Layers.Keys.OrderByDescending(k => k.Length))
            if (ns == l || ns.StartsWith(l + ".", StringComparison.Ordinal)) return l;
        return "";
    }

    private static readonly Lazy<CSharpCompilation> Core = new(() =>
    {
        var dir = Path.Combine(RepoPaths.Root, "src", "Scoring.Core");
        var trees = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.Latest), path: f))
            // the SDK's implicit usings (ImplicitUsings=enable in Directory.Build.props)
            .Append(CSharpSyntaxTree.ParseText("global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;",
                new CSharpParseOptions(LanguageVersion.Latest), path: "ImplicitUsings.cs"));
        var refs = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        return CSharpCompilation.Create("ScoringCoreLayers", trees, refs,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: false));
    });

    [Fact]
    public void Core_CompilesForTheLayerCheck()
    {
        var errors = Core.Value.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        Assert.True(errors.Count == 0, "Scoring.Core does not compile alone with the BCL, so the layer check would see nothing:\n" + string.Join("\n", errors));
    }

    [Fact]
    public void Core_EveryFileIsInALayer()
    {
        var outside = Core.Value.SyntaxTrees.Where(t => t.FilePath != "ImplicitUsings.cs")
            .Select(t => (t.FilePath, Ns: t.GetRoot().DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name.ToString() ?? ""))
            .Where(x => LayerOf(x.Ns) == "")
            .Select(x => $"{Path.GetFileName(x.FilePath)}: namespace '{x.Ns}'").ToList();
        Assert.True(outside.Count == 0, "files outside every layer:\n" + string.Join("\n", outside));
    }

    [Fact]
    public void Core_LayersUseOnlyTheLayersBelow()
    {
        var compilation = Core.Value;
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath == "ImplicitUsings.cs") continue;
            var root = tree.GetRoot();
            var ns = root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name.ToString() ?? "";
            var mine = LayerOf(ns);
            if (mine == "") continue;
            var model = compilation.GetSemanticModel(tree);
            foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(name).Symbol;
                var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
                if (type is null) continue;
                while (type.ContainingType is not null) type = type.ContainingType;
                var used = LayerOf(type.ContainingNamespace.ToDisplayString());
                if (used == "" || used == mine) continue;
                if (Layers[used] >= Layers[mine])
                {
                    var line = tree.GetLineSpan(name.Span).StartLinePosition.Line + 1;
                    violations.Add($"{Path.GetRelativePath(RepoPaths.Root, tree.FilePath)}({line}): {mine} uses {type.ToDisplayString()} of {used}");
                }
            }
        }
        Assert.True(violations.Count == 0, "a layer uses one above it or a peer (see docs/architecture.md):\n" + string.Join("\n", violations));
    }
}
