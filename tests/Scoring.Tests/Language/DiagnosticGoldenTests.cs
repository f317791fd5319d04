using System.Text;
using System.Text.RegularExpressions;
using Scoring.Diagnostics;
using Scoring.Rules;
using Scoring.Tests.Support;

namespace Scoring.Tests.Language;

/// <summary>
/// Each deliberately broken rule file in Golden/ (*.yaml) is loaded and its diagnostics, one
/// <c>file(line,col): error SCRxxxx: message</c> per line, must equal Golden/NAME.expected.txt.
/// Run with UPDATE_GOLDEN=1 to rewrite the expected files in the source tree (then review the diff).
/// </summary>
public class DiagnosticGoldenTests
{
    private static string[] Names() =>
        Directory.EnumerateFiles(RepoPaths.GoldenOutputDir, "*.yaml").Order(StringComparer.Ordinal)
                 .Select(f => Path.GetFileNameWithoutExtension(f)).ToArray();

    public static TheoryData<string> GoldenFiles() => new(Names());

    private static string RelativePath(string name) => $"Golden/{name}.yaml";

    private static string SourceText(string name) => File.ReadAllText(Path.Combine(RepoPaths.GoldenOutputDir, name + ".yaml"), Encoding.UTF8);

    private static IReadOnlyList<Diagnostic> Diagnose(string name) =>
        RuleFileLoader.LoadText(SourceText(name), RelativePath(name)).Diagnostics;

    private static string Render(IEnumerable<Diagnostic> diagnostics) =>
        string.Concat(diagnostics.Select(d => d + "\n"));

    [Fact]
    public void GoldenFolder_HasAtLeastFiveBrokenFilesEachWithExpectedOutput()
    {
        var names = Names();
        Assert.True(names.Length >= 5, $"found {names.Length} golden rule files");
        foreach (var n in names)
            Assert.True(File.Exists(Path.Combine(RepoPaths.GoldenOutputDir, n + ".expected.txt")) || Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1",
                $"Golden/{n}.expected.txt is missing (run with UPDATE_GOLDEN=1)");
    }

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Validate_BrokenRuleFile_MatchesGoldenDiagnostics(string name)
    {
        var diagnostics = Diagnose(name);
        var actual = Render(diagnostics);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(RepoPaths.GoldenSourceDir, name + ".expected.txt"), actual, new UTF8Encoding(false));
            return;
        }
        var expected = File.ReadAllText(Path.Combine(RepoPaths.GoldenOutputDir, name + ".expected.txt"), Encoding.UTF8).Replace("\r\n", "\n");
        Assert.Equal(expected, actual);
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.Equal(Severity.Error, d.Severity));
    }

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Validate_BrokenRuleFile_EveryDiagnosticPointsIntoTheFile(string name)
    {
        var lines = SourceText(name).Replace("\r\n", "\n").Split('\n');
        foreach (var d in Diagnose(name))
        {
            Assert.Equal(RelativePath(name), d.Span.File);
            Assert.InRange(d.Span.Line, 1, lines.Length);
            Assert.InRange(d.Span.Column, 1, Math.Max(1, lines[d.Span.Line - 1].Length));
        }
    }

    // Diagnostics whose message quotes the very text they point at: the quoted text must start
    // at the reported line and column (checked against the source file, character by character).
    private static readonly Regex[] PointsAtQuotedText =
    {
        new(@"^unknown name '(?<t>[^']+)'"),
        new(@"^unknown function '(?<t>[^']+)'"),
        new(@"^unexpected character '(?<t>[^']+)'"),
        new(@"^'(?<t>[^']+)' cannot combine"),
        new(@"^'(?<t>[^']+)' is not an operator"),
        new(@"^'(?<t>[^']+)' is not one of the values"),
        new(@"^outcome '(?<t>[^']+)' is not"),
        new(@"^unknown key '(?<t>[^']+)'"),
        new(@"^unknown type '(?<t>[^']+)'"),
        new(@"^field '(?<t>[^']+)' may be empty"),
        new(@"^comparisons cannot be chained; found '(?<t>[^']+)'"),
        new(@"^string starting here is not closed with (?<t>.)$"),
    };

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Validate_BrokenRuleFile_LineAndColumnPointAtTheOffendingText(string name)
    {
        var lines = SourceText(name).Replace("\r\n", "\n").Split('\n');
        foreach (var d in Diagnose(name))
        {
            foreach (var re in PointsAtQuotedText)
            {
                var m = re.Match(d.Message);
                if (!m.Success) continue;
                var token = m.Groups["t"].Value;
                var at = lines[d.Span.Line - 1][(d.Span.Column - 1)..];
                Assert.True(at.StartsWith(token, StringComparison.Ordinal) || at.StartsWith("'" + token, StringComparison.Ordinal),
                    $"{d}\n  points at «{at}», expected it to start with «{token}»");
            }
        }
    }

    [Fact]
    public void Validate_ErrorInFoldedMultiLineWhen_PointsAtTheThirdLineOfTheExpression()
    {
        // type-errors.yaml, criterion 'eligible':
        //   line 20:    when: >-
        //   line 21:      residents >= 500
        //   line 22:      and full_party_members >= 3
        //   line 23:      and households + true > 0      ← the '+' is at column 22
        var lines = SourceText("type-errors").Split('\n');
        Assert.Equal("      and households + true > 0", lines[22].TrimEnd('\r'));
        var d = Assert.Single(Diagnose("type-errors"), x => x.Span.Line == 23);
        Assert.Equal("Golden/type-errors.yaml(23,22): error SCR0202: '+' cannot combine integer and boolean", d.ToString());
        Assert.Equal('+', lines[22][21]);
    }

    [Fact]
    public void Validate_ErrorInLiteralBlock_PointsIntoTheBlock()
    {
        // syntax-errors.yaml, value 'block' (a '|-' block, lines 16-18): the parenthesis opened on
        // line 17 is never closed; the end of the expression is the '1' on line 18
        var lines = SourceText("syntax-errors").Split('\n');
        var d = Assert.Single(Diagnose("syntax-errors"), x => x.Span.Line is >= 15 and <= 19);
        Assert.Equal("Golden/syntax-errors.yaml(18,9): error SCR0101: expected ')' but found end of expression", d.ToString());
        Assert.Equal('1', lines[17][8]);
    }

    [Fact]
    public void Validate_EndOfExpressionInClipChompedBlock_PointsIntoTheBlock()
    {
        const string yaml = "id: t\nname: t\nversion: \"1\"\nsubject: { key: id, fields: { id: string, n: integer } }\nvalues:\n  v: |\n    (n + 1\noutcomes: [v]\n";
        var d = Assert.Single(RuleFileLoader.LoadText(yaml, "t.yaml").Diagnostics);
        Assert.Equal("expected ')' but found end of expression", d.Message);
        Assert.Equal((7, 10), (d.Span.Line, d.Span.Column));
    }

    // ------------------------------------------------------------------ positions in every YAML scalar style

    private const string PositionHead = "id: t\nname: t\nversion: \"1\"\nsubject: { key: id, fields: { id: string, households: integer, county: string } }\n";

    public static TheoryData<string, string> ScalarStyles() => new()
    {
        { "plain", "values:\n  v: households >= 1 and households + true > 0\noutcomes: [v]\n" },
        { "plain over two lines", "values:\n  v: households >= 1\n    and households + true > 0\noutcomes: [v]\n" },
        { "plain with a tab", "values:\n  v: households >= 1 and\thouseholds + true > 0\noutcomes: [v]\n" },
        { "flow mapping", "values:\n  v: { expr: households >= 1 and households + true > 0 }\noutcomes: [v]\n" },
        { "double-quoted with \\\"", "values:\n  v: \"county == \\\"大宁县\\\" and households + true > 0\"\noutcomes: [v]\n" },
        { "double-quoted with \\\\", "values:\n  v: \"county == 'a\\\\b' and households + true > 0\"\noutcomes: [v]\n" },
        { "double-quoted over two lines", "values:\n  v: \"county == 'x'\n    and households + true > 0\"\noutcomes: [v]\n" },
        { "single-quoted with ''", "values:\n  v: 'county == ''大宁县'' and households + true > 0'\noutcomes: [v]\n" },
        { "single-quoted over two lines", "values:\n  v: 'county == ''x''\n    and households + true > 0'\noutcomes: [v]\n" },
        { "folded >", "values:\n  v: >\n    county == 'x'\n    and households + true > 0\noutcomes: [v]\n" },
        { "folded >- more indented", "values:\n  v: >-\n    county == 'x'\n      and households + true > 0\noutcomes: [v]\n" },
        { "literal |+", "values:\n  v: |+\n    county == 'x'\n    and households + true > 0\n\noutcomes: [v]\n" },
        { "CRLF line ends", "values:\r\n  v: >-\r\n    county == 'x'\r\n    and households + true > 0\r\noutcomes: [v]\r\n" },
    };

    /// <summary>Line and column of the '+' of the unique "+ true" in <paramref name="text"/>.</summary>
    private static (int Line, int Column) PlusOf(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
            if (lines[i].IndexOf("+ true", StringComparison.Ordinal) is var j and >= 0)
                return (i + 1, j + 1);
        throw new InvalidOperationException("no '+ true' in the text");
    }

    [Theory]
    [MemberData(nameof(ScalarStyles))]
    public void Validate_TypeErrorInAnyScalarStyle_PointsAtTheOperator(string style, string values)
    {
        var text = (style.StartsWith("CRLF", StringComparison.Ordinal) ? PositionHead.Replace("\n", "\r\n") : PositionHead) + values;
        var d = Assert.Single(RuleFileLoader.LoadText(text, "t.yaml").Diagnostics);
        Assert.Equal("'+' cannot combine integer and boolean", d.Message);
        Assert.Equal(PlusOf(text), (d.Span.Line, d.Span.Column));
    }

    [Theory]
    [InlineData("values:\n  v: \"county ==\\t'x' and households + true > 0\"\noutcomes: [v]\n")]
    [InlineData("values:\n  v: \"county ==\\n'x' and households + true > 0\"\noutcomes: [v]\n")]
    [InlineData("values:\n  v: \"county == \\u0027\\u5927\\u0027 and households + true > 0\"\noutcomes: [v]\n")]
    public void Validate_TypeErrorAfterEscapeInDoubleQuotedScalar_PointsAtTheOperator(string values)
    {
        var text = PositionHead + values;
        var d = Assert.Single(RuleFileLoader.LoadText(text, "t.yaml").Diagnostics);
        Assert.Equal(PlusOf(text), (d.Span.Line, d.Span.Column));
    }
}
