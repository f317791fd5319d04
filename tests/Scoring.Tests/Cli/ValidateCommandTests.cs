using System.Text;

namespace Scoring.Tests.Cli;

/// <summary><c>scoring validate</c>: every problem of a rule file as <c>path(line,col): error SCRxxxx: message</c> on stderr.</summary>
public sealed class ValidateCommandTests
{
    private const string Head = """
        id: mini
        name: mini
        version: "1"
        subject:
          key: id
          fields:
            id: string
            n: integer

        """;

    /// <summary>Copies Data/validate/<paramref name="name"/> into the temp dir and validates it by its relative name.</summary>
    private static CliResult ValidateData(TempDir t, string name)
    {
        t.CopyData(Path.Combine("validate", name));
        return t.Run("validate", name);
    }

    [Fact]
    public void Validate_RulesDirectory_Exit0_WithAnOkLinePerRuleFile_TestFilesSkipped_TestsFromTestsFileCounted()
    {
        var files = RuleFiles.InDirectory(Path.Combine(Repo.Root, "rules"));
        Assert.Equal(6, files.Length); // settlement-services, ten-star-cadre-monthly, ten-star-cadre-year, party-member-points, civilized-household, aid-eligibility
        // the directory also holds test files (YAML lists); they are not rule files and get no line of their own
        var testFiles = Directory.GetFiles(Path.Combine(Repo.Root, "rules"), "*.tests.yaml");
        Assert.NotEmpty(testFiles);

        var r = CliRunner.Run(Repo.Root, "validate", "rules").ShouldExit(0).ShouldNotCrash();

        Assert.Empty(r.Stderr);
        Assert.Equal(files.Length, r.StdoutLines.Length);
        for (int i = 0; i < files.Length; i++)
        {
            // ok   rules/x.yaml: <id> v<version> (<n> rules, <outcomes> outcomes, <tests incl. tests_file> tests)
            var info = RuleFiles.Read(files[i]);
            var rel = Path.Combine("rules", Path.GetFileName(files[i]));
            var expected = $"ok   {rel}: {info.Id} v{info.Version} (";
            Assert.StartsWith(expected, r.StdoutLines[i]);
            Assert.Matches(@"^\d+ rules, " + info.Outcomes + " outcomes, " + info.TestCount + @" tests\)$", r.StdoutLines[i][expected.Length..]);
        }
        foreach (var tf in testFiles)
            Assert.DoesNotContain(r.StdoutLines, l => l.Contains(Path.GetFileName(tf), StringComparison.Ordinal));
        Assert.Contains("ok   " + Path.Combine("rules", "settlement-services.yaml") + ": settlement-services v2024.1 (8 rules, 5 outcomes, 22 tests)", r.StdoutLines);
        Assert.Contains(r.StdoutLines, l => l.Contains("ten-star-cadre-monthly v2024.1", StringComparison.Ordinal));
        // a rule file whose tests are all in its tests_file
        Assert.Contains(r.StdoutLines, l => l.StartsWith("ok   " + Path.Combine("rules", "aid-eligibility.yaml") + ": aid-eligibility v2024.1 (", StringComparison.Ordinal) && l.EndsWith(" 154 tests)", StringComparison.Ordinal));
    }

    [Fact]
    public void RulesDirectory_EveryTestFileIsTheTestsFileOfARuleFile()
    {
        // every *.tests.yaml of rules/ is the tests_file of one rule file
        var referenced = RuleFiles.InDirectory(Path.Combine(Repo.Root, "rules")).Select(RuleFiles.Read)
            .Where(i => i.TestsFile is not null).Select(i => Path.GetFileName(i.TestsFile!)).Order(StringComparer.Ordinal);
        var present = Directory.GetFiles(Path.Combine(Repo.Root, "rules"), "*.tests.yaml").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal);
        Assert.Equal(present, referenced);
    }

    [Fact]
    public void Validate_ValidFile_Exit0_SummarisesIt()
    {
        using var t = new TempDir();
        t.CopyData("mini.yaml");
        var r = t.Run("validate", "mini.yaml").ShouldExit(0).ShouldNotCrash();
        Assert.Equal("ok   mini.yaml: mini v1 (2 rules, 2 outcomes, 2 tests)", Assert.Single(r.StdoutLines));
        Assert.Empty(r.Stderr);
    }

    [Fact]
    public void Validate_BadYamlIndentation_Exit1_PointsAtTheMisindentedKey()
    {
        using var t = new TempDir();
        var r = ValidateData(t, "bad-indentation.yaml").ShouldExit(1).ShouldNotCrash();
        // line 8 is "   n: integer" (3 spaces where 4 were meant); the message text comes from the YAML parser
        var line = Assert.Single(r.StderrLines);
        Assert.StartsWith("bad-indentation.yaml(8,4): error SCR0001: YAML syntax error: ", line);
        Assert.Equal("FAIL bad-indentation.yaml: 1 error", Assert.Single(r.StdoutLines));
    }

    [Fact]
    public void Validate_UnknownTopLevelKey_Exit1_WithDidYouMean()
    {
        using var t = new TempDir();
        var r = ValidateData(t, "unknown-top-level-key.yaml").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(
            "unknown-top-level-key.yaml(11,1): error SCR0002: unknown key 'critera' in the rule set (did you mean 'criteria'?); " +
            "allowed: id, name, version, effective, policy, description, subject, parameters, values, criteria, scores, classifications, eligibility, outcomes, tests, tests_file, checks, periods, rankings",
            Assert.Single(r.StderrLines));
        Assert.Equal("FAIL unknown-top-level-key.yaml: 1 error", Assert.Single(r.StdoutLines));
    }

    [Fact]
    public void Validate_MisspeltFieldType_Exit1_PointsAtTheTypeWithDidYouMean()
    {
        using var t = new TempDir();
        var r = ValidateData(t, "misspelt-field-type.yaml").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(
            "misspelt-field-type.yaml(8,8): error SCR0004: unknown type 'integr' (did you mean 'integer'?); use string, integer, decimal, boolean, date, month, enum or list",
            Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Validate_TypeErrorInExpression_Exit1_PointsAtTheOperator()
    {
        using var t = new TempDir();
        var r = ValidateData(t, "type-error.yaml").ShouldExit(1).ShouldNotCrash();
        // line 10 is "  big: n + 'x' >= 10"; column 10 is the '+'
        Assert.Equal("type-error.yaml(10,10): error SCR0202: '+' cannot combine integer and text", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Validate_UnknownNameInExpression_Exit1_AtItsExactColumnInsideTheExpression()
    {
        using var t = new TempDir();
        var r = ValidateData(t, "unknown-name.yaml").ShouldExit(1).ShouldNotCrash();
        // line 12 is "    when: n >= 10 and m < 3"; 'm' is column 23. Replacing the whole of a one-letter
        // name is not a likely typo, so there is no "did you mean 'n'?"
        Assert.Equal("unknown-name.yaml(12,23): error SCR0201: unknown name 'm'", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Validate_MisspeltNames_DidYouMean_CountsASwapOfNeighbouringLettersAsOneEdit()
    {
        using var t = new TempDir();
        t.Write("typos.yaml", Head.Replace("    n: integer\n", "    n: integer\n    income: decimal\n", StringComparison.Ordinal) +
            "criteria:\n  low: incoem < 3\n  big:\n    when: n >= 10\n    socre: stars\noutcomes: [low, big]\n");
        var r = t.Run("validate", "typos.yaml").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(new[]
        {
            "typos.yaml(11,8): error SCR0201: unknown name 'incoem'; did you mean 'income'?",
            "typos.yaml(14,5): error SCR0002: unknown key 'socre' in criterion 'big' (did you mean 'score'?); allowed: label, description, when, score, points",
        }, r.StderrLines);
    }

    [Fact]
    public void Validate_UnknownNames_AtExactColumns_InEveryYamlScalarStyle()
    {
        using var t = new TempDir();
        var r = ValidateData(t, "unknown-names-in-every-scalar-style.yaml").ShouldExit(1).ShouldNotCrash();
        const string f = "unknown-names-in-every-scalar-style.yaml";
        var expected = new[]
        {
            $"{f}(11,22): error SCR0201: unknown name 'zz1'",                        // plain
            $"{f}(12,31): error SCR0201: unknown name 'zz2'",                        // "double quoted"
            $"{f}(13,21): error SCR0202: cannot compare integer with text ('>=')",   // 'single quoted' with '' escapes
            $"{f}(13,33): error SCR0201: unknown name 'zz3'",
            $"{f}(16,9): error SCR0201: unknown name 'zz4'",                         // folded >- (second line)
            $"{f}(19,7): error SCR0201: unknown name 'zz5'",                         // literal | (more indented line)
            $"{f}(20,26): error SCR0201: unknown name '年龄'",                        // Chinese text before it: columns count characters
            $"{f}(23,13): error SCR0201: unknown name 'zz6'",                        // double quoted, escaped line break
        };
        Assert.Equal(expected.Length, r.StderrLines.Length);
        for (int i = 0; i < expected.Length; i++) Assert.StartsWith(expected[i], r.StderrLines[i]);
        Assert.Equal($"FAIL {f}: 8 errors", Assert.Single(r.StdoutLines));
    }

    [Fact]
    public void Validate_SeveralErrorsInOneFile_AllReportedAtOnce_InFileOrder()
    {
        using var t = new TempDir();
        var r = ValidateData(t, "several-errors.yaml").ShouldExit(1).ShouldNotCrash();
        const string f = "several-errors.yaml";
        Assert.Equal(new[]
        {
            $"{f}(1,5): error SCR0006: id 'Mini Rules' must be lower-case letters, digits, '.', '_' or '-'",
            $"{f}(8,8): error SCR0004: unknown type 'integr' (did you mean 'integer'?); use string, integer, decimal, boolean, date, month, enum or list",
            $"{f}(13,17): error SCR0202: '+' cannot combine integer and text",
            $"{f}(16,23): error SCR0201: unknown name 'unknown_thing'",
            $"{f}(17,5): error SCR0002: unknown key 'scroe' in criterion 'big' (did you mean 'score'?); allowed: label, description, when, score, points",
            $"{f}(18,14): error SCR0201: unknown name 'missing_too'",
            $"{f}(19,32): error SCR0207: outcome 'nothing' is not a value, criterion, score, classification or eligibility of this rule set",
        }, r.StderrLines);
        Assert.Equal($"FAIL {f}: 7 errors", Assert.Single(r.StdoutLines));
    }

    [Fact]
    public void Validate_TestExpectingAKeyThatIsNotAnOutcome_Exit1_PointsAtTheTest()
    {
        using var t = new TempDir();
        var mini = File.ReadAllText(Repo.Data("mini.yaml"));
        Assert.Equal(25, mini.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        t.Write("expects.yaml", mini +
            "  - name: expects an outcome that does not exist\n" +   // line 26
            "    input: { id: E, n: 5 }\n" +
            "    expect: { nope: 1 }\n" +
            "  - name: misspelt outcome\n" +                          // line 29
            "    input: { id: F, n: 5 }\n" +
            "    expect: { dobule: 10, big: false }\n" +
            "  - name: population test, keyed by id\n" +              // line 32
            "    inputs: [ { id: G, n: 5 }, { id: H, n: 50 } ]\n" +
            "    expect: { G: { big: false }, H: { bgi: true } }\n");
        var r = t.Run("validate", "expects.yaml").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(new[]
        {
            "expects.yaml(26,5): error SCR0207: test 'expects an outcome that does not exist' expects 'nope', which is not an outcome of this rule set",
            "expects.yaml(29,5): error SCR0207: test 'misspelt outcome' expects 'dobule', which is not an outcome of this rule set (did you mean 'double'?)",
            "expects.yaml(32,5): error SCR0207: test 'population test, keyed by id' expects 'bgi', which is not an outcome of this rule set (did you mean 'big'?)",
        }, r.StderrLines);
        Assert.Equal("FAIL expects.yaml: 3 errors", Assert.Single(r.StdoutLines));
    }

    [Fact]
    public void Validate_DirectoryWithAGoodAndABadFile_Exit1_ReportsBoth()
    {
        using var t = new TempDir();
        t.CopyData("mini.yaml", Path.Combine("set", "a-mini.yaml"));
        t.CopyData(Path.Combine("validate", "type-error.yaml"), Path.Combine("set", "b-type-error.yaml"));
        var r = t.Run("validate", "set").ShouldExit(1).ShouldNotCrash();
        var a = Path.Combine("set", "a-mini.yaml");
        var b = Path.Combine("set", "b-type-error.yaml");
        Assert.Equal(new[] { $"ok   {a}: mini v1 (2 rules, 2 outcomes, 2 tests)", $"FAIL {b}: 1 error" }, r.StdoutLines);
        Assert.Equal($"{b}(10,10): error SCR0202: '+' cannot combine integer and text", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Validate_TenThousandDeepNestedExpression_IsADiagnostic_NotACrash()
    {
        using var t = new TempDir();
        t.Write("deep-expr.yaml", Head + "criteria:\n  big: n >= " + new string('(', 10_000) + "1" + new string(')', 10_000) + "\noutcomes: [big]\n");
        var r = t.Run("validate", "deep-expr.yaml").ShouldExit(1).ShouldNotCrash();
        // 20 001 characters: over the 4 000-character limit before any nesting is looked at
        Assert.Equal("deep-expr.yaml(10,8): error SCR0105: expression is 20006 characters long; the limit is 4000", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Validate_HundredDeepNestedExpression_UnderTheLengthLimit_ReportsTheDepthLimitAtTheFirstTooDeepParenthesis()
    {
        using var t = new TempDir();
        t.Write("deep-expr.yaml", Head + "criteria:\n  big: n >= " + new string('(', 100) + "1" + new string(')', 100) + "\noutcomes: [big]\n");
        var r = t.Run("validate", "deep-expr.yaml").ShouldExit(1).ShouldNotCrash();
        // "  big: n >= " is 12 characters; the 65th '(' is column 12 + 65 = 77
        Assert.Equal("deep-expr.yaml(10,77): error SCR0104: expression is too complex: more than 64 nested operations " +
                     "(a chain such as a + b + c + … counts one level per operator); split it into named values", Assert.Single(r.StderrLines));
    }

    [Theory]
    [InlineData("not ", "true")]       // prefix operators
    [InlineData("- ", "1 < n")]         // unary minus
    public void Validate_LongChainOfPrefixOperators_IsADiagnostic_NotACrash(string op, string tail)
    {
        using var t = new TempDir();
        var sb = new StringBuilder();
        for (int i = 0; i < 900; i++) sb.Append(op);
        t.Write("chain.yaml", Head + "criteria:\n  big: '" + sb + tail + "'\noutcomes: [big]\n");
        var r = t.Run("validate", "chain.yaml").ShouldExit(1).ShouldNotCrash();
        var line = Assert.Single(r.StderrLines);
        Assert.Matches(@"^chain\.yaml\(10,\d+\): error SCR0104: ", line);
    }

    [Fact]
    public void Validate_TenThousandDeepYamlNesting_IsADiagnostic_NotACrash()
    {
        using var t = new TempDir();
        t.Write("deep-yaml.yaml", Head + "description: " + new string('[', 10_000) + new string(']', 10_000) + "\noutcomes: [id]\n");
        var r = t.Run("validate", "deep-yaml.yaml").ShouldExit(1).ShouldNotCrash();
        // the top-level mapping is level 1, so the 64th '[' (column 13 + 64) is one level too many
        Assert.Equal("deep-yaml.yaml(9,77): error SCR0007: YAML nests more than 64 levels deep", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Validate_TenThousandDeepYamlMappings_AndAnUnclosedNesting_AreDiagnostics_NotCrashes()
    {
        using var t = new TempDir();
        t.Write("deep-maps.yaml", Head + "description: " + string.Concat(Enumerable.Repeat("{a: ", 10_000)) + "1" + new string('}', 10_000) + "\noutcomes: [id]\n");
        t.Write("unclosed.yaml", Head + "description: " + new string('[', 10_000) + "\n");
        var r = t.Run("validate", "deep-maps.yaml", "unclosed.yaml").ShouldExit(1).ShouldNotCrash();
        Assert.Contains(r.StderrLines, l => l.StartsWith("deep-maps.yaml(9,", StringComparison.Ordinal) && l.Contains("error SCR0007: YAML nests more than 64 levels deep", StringComparison.Ordinal));
        Assert.Contains(r.StderrLines, l => l.StartsWith("unclosed.yaml(9,", StringComparison.Ordinal) && l.Contains(": error SCR", StringComparison.Ordinal));
        Assert.Equal(new[] { "FAIL deep-maps.yaml: 1 error", "FAIL unclosed.yaml: 1 error" }, r.StdoutLines);
    }

    [Fact]
    public void Validate_YamlAliasBomb_IsRejectedAtTheFirstAlias_NotExpanded()
    {
        using var t = new TempDir();
        var sb = new StringBuilder(Head).Append("values:\n  a: &a [\"n\",\"n\",\"n\",\"n\",\"n\",\"n\",\"n\",\"n\",\"n\"]\n");
        for (char c = 'b'; c <= 'i'; c++)
        {
            char prev = (char)(c - 1);
            sb.Append($"  {c}: &{c} [").Append(string.Join(",", Enumerable.Repeat($"*{prev}", 9))).Append("]\n");
        }
        sb.Append("outcomes: [a]\n");
        t.Write("bomb.yaml", sb.ToString());
        var r = t.Run("validate", "bomb.yaml").ShouldExit(1).ShouldNotCrash();
        // line 11 is "  b: &b [*a,..."; the first alias is column 10
        Assert.Equal("bomb.yaml(11,10): error SCR0001: aliases (*a) are not allowed in rule files; write the content out", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Validate_MissingFile_Exit1_NamesIt()
    {
        using var t = new TempDir();
        var r = t.Run("validate", "no-such-rules.yaml").ShouldExit(1).ShouldNotCrash();
        var line = Assert.Single(r.StderrLines);
        Assert.StartsWith("no-such-rules.yaml(1,1): error SCR0008: ", line);
        Assert.Contains("no-such-rules.yaml", line["no-such-rules.yaml(1,1)".Length..]);
        Assert.Equal("FAIL no-such-rules.yaml: 1 error", Assert.Single(r.StdoutLines));
    }

    [Fact]
    public void Validate_DirectoryWithoutRuleFiles_Exit1_NamesIt()
    {
        using var t = new TempDir();
        Directory.CreateDirectory(t["empty"]);
        var r = t.Run("validate", "empty").ShouldExit(1).ShouldNotCrash();
        Assert.Equal("scoring: no rule files (*.yaml) found in empty", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Validate_EmptyFile_Exit1()
    {
        using var t = new TempDir();
        t.Write("empty.yaml", "");
        var r = t.Run("validate", "empty.yaml").ShouldExit(1).ShouldNotCrash();
        Assert.Equal("empty.yaml(1,1): error SCR0001: the file is empty", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Validate_RuleFileWithBomAndCrlf_SameDiagnosticsAtTheSameColumns()
    {
        using var t = new TempDir();
        var lf = File.ReadAllText(Repo.Data(Path.Combine("validate", "unknown-names-in-every-scalar-style.yaml")));
        t.WriteBytes("lf.yaml", Encoding.UTF8.GetBytes(lf));
        t.WriteBytes("crlf.yaml", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(lf.ReplaceLineEndings("\r\n"))).ToArray());
        var a = t.Run("validate", "lf.yaml").ShouldExit(1).ShouldNotCrash();
        var b = t.Run("validate", "crlf.yaml").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(8, a.StderrLines.Length);
        Assert.Equal(a.StderrLines.Select(l => l.Replace("lf.yaml", "X", StringComparison.Ordinal)),
                     b.StderrLines.Select(l => l.Replace("crlf.yaml", "X", StringComparison.Ordinal)));

        t.WriteBytes("ok.yaml", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(File.ReadAllText(Repo.Data("mini.yaml")).ReplaceLineEndings("\r\n"))).ToArray());
        t.Run("validate", "ok.yaml").ShouldExit(0);
        Assert.Equal("2 passed, 0 failed", t.Run("test", "ok.yaml").ShouldExit(0).StdoutLines[^1]);
    }
}
