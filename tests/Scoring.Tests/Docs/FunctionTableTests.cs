using System.Text.RegularExpressions;
using Scoring.Functions;
using Scoring.Tests.Support;

namespace Scoring.Tests.Docs;

/// <summary>The function table of docs/rule-format.md is the function registry's own (every entry, forms and text), so the docs cannot drift from the code.</summary>
public class FunctionTableTests
{
    private static readonly Regex Table = new(@"(<!-- functions:begin[^\n]*-->\n)(?<table>[\s\S]*?)(<!-- functions:end -->)", RegexOptions.Compiled);

    [Fact]
    public void RuleFormatDoc_FunctionTable_IsTheRegistrys()
    {
        var path = Path.Combine(RepoPaths.Root, "docs", "rule-format.md");
        var doc = File.ReadAllText(path).ReplaceLineEndings("\n");
        var m = Table.Match(doc);
        Assert.True(m.Success, "docs/rule-format.md has no <!-- functions:begin --> … <!-- functions:end --> block");
        var expected = FunctionRegistry.Default.ToMarkdown();
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1" && m.Groups["table"].Value != expected)
        {
            File.WriteAllText(path, doc[..m.Groups["table"].Index] + expected + doc[(m.Groups["table"].Index + m.Groups["table"].Length)..]);
            return;
        }
        Assert.True(m.Groups["table"].Value == expected, "the function table in docs/rule-format.md differs from the registry; run UPDATE_DOCS=1 dotnet test --filter FunctionTableTests\n--- expected ---\n" + expected);
    }

    [Fact]
    public void Registry_EveryFunctionHasFormsAndText()
    {
        foreach (var f in FunctionRegistry.Default.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Summary), $"{f.Name} has no summary");
            Assert.False(string.IsNullOrWhiteSpace(f.Returns), $"{f.Name} does not say what it returns");
            Assert.NotEmpty(f.Forms);
            Assert.All(f.Forms, form => Assert.StartsWith(f.Name + "(", form));
        }
    }
}
