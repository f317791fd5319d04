namespace Scoring.Tests.Cli;

/// <summary><c>scoring test</c>: runs the test cases written in rule files; ends with <c>N passed, M failed</c>.</summary>
public sealed class TestCommandTests
{
    [Fact]
    public void Test_RulesDirectory_AllPass_LastLineCountsEveryTestInTheFilesAndTheirTestsFiles()
    {
        // counted with a plain YAML parser: each rule file's own tests plus the list in its tests_file
        var files = RuleFiles.InDirectory(Path.Combine(Repo.Root, "rules")).Select(RuleFiles.Read).ToArray();
        int total = files.Sum(f => f.TestCount);
        Assert.Equal(417, total); // 22 settlement + 47 ten-star monthly + 39 yearly + 90 party + 65 household + 154 aid today; pins the sample rules
        Assert.Contains(files, f => f.TestsFile is not null && f.InlineTests == 0);

        var r = CliRunner.Run(Repo.Root, "test", "rules").ShouldExit(0).ShouldNotCrash();

        Assert.Equal($"{total} passed, 0 failed", r.StdoutLines[^1]);
        Assert.Equal(files.Length + 1, r.StdoutLines.Length);
        for (int i = 0; i < files.Length; i++)
        {
            var rel = Path.Combine("rules", Path.GetFileName(files[i].Path));
            int n = files[i].TestCount;
            Assert.Equal($"ok   {rel}: {n}/{n} passed", r.StdoutLines[i]);
        }
        Assert.DoesNotContain(r.StdoutLines, l => l.StartsWith("FAIL", StringComparison.Ordinal));
        Assert.Empty(r.Stderr);
    }

    [Fact]
    public void Test_WrongExpectations_Exit1_ShowsNameLocationExpectedAndActual()
    {
        using var t = new TempDir();
        t.CopyData(Path.Combine("test", "wrong-expectations.yaml"));
        var r = t.Run("test", "wrong-expectations.yaml").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(new[]
        {
            "FAIL wrong-expectations.yaml(20,5): 错误的期望：九也算大数",
            "       big: expected true, actual false",
            "FAIL wrong-expectations.yaml(23,5): wrong double",
            "       double: expected 7, actual 6",
            "FAIL wrong-expectations.yaml(27,5): expects a rejection that does not happen",
            "       expected the record to be rejected with an error mentioning 'n', but it was scored: big=false, double=10",
            "FAIL wrong-expectations.yaml: 1/4 passed",
            "1 passed, 3 failed",
        }, r.StdoutLines);
        Assert.Empty(r.Stderr);
    }

    [Fact]
    public void Test_NumbersCompareByValue_20EqualsTwentyPointZeroZero()
    {
        // the first test of wrong-expectations.yaml expects double: 20.00 and passes (1/5 passed above);
        // here the same with only passing tests
        using var t = new TempDir();
        t.CopyData("mini.yaml");
        var r = t.Run("test", "mini.yaml").ShouldExit(0).ShouldNotCrash();
        Assert.Equal(new[] { "ok   mini.yaml: 2/2 passed", "2 passed, 0 failed" }, r.StdoutLines);
    }

    [Fact]
    public void Test_SeveralFiles_SumsTheCounts_AndAnInvalidFileCountsAsFailed()
    {
        using var t = new TempDir();
        t.CopyData(Path.Combine("test", "wrong-expectations.yaml"));
        t.CopyData("mini.yaml");
        t.CopyData(Path.Combine("validate", "type-error.yaml"));
        var r = t.Run("test", "mini.yaml", "wrong-expectations.yaml", "type-error.yaml").ShouldExit(1).ShouldNotCrash();
        Assert.Contains("ok   mini.yaml: 2/2 passed", r.StdoutLines);
        Assert.Contains("FAIL wrong-expectations.yaml: 1/4 passed", r.StdoutLines);
        Assert.Contains("FAIL type-error.yaml: the rule file is invalid; its 0 tests did not run", r.StdoutLines);
        // the invalid file counts as one failure even though it has no tests
        Assert.Equal("3 passed, 4 failed", r.StdoutLines[^1]);
        Assert.Equal("type-error.yaml(10,10): error SCR0202: '+' cannot combine integer and text", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Test_InvalidFileWithTests_CountsEachOfItsTestsAsFailed()
    {
        using var t = new TempDir();
        var text = File.ReadAllText(Repo.Data("mini.yaml")).Replace("when: n >= 10", "when: n >= 'ten'", StringComparison.Ordinal);
        t.Write("broken.yaml", text);
        var r = t.Run("test", "broken.yaml").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(new[] { "FAIL broken.yaml: the rule file is invalid; its 2 tests did not run", "0 passed, 2 failed" }, r.StdoutLines);
        Assert.Single(r.StderrLines, l => l.StartsWith("broken.yaml(17,", StringComparison.Ordinal) && l.Contains("error SCR0202", StringComparison.Ordinal));
    }

    [Fact]
    public void Test_ATestExpectingANonOutcome_MakesTheFileInvalid_SoNoneOfItsTestsRun()
    {
        // an expectation that names no outcome is a validation error (SCR0207), not only a failed test
        using var t = new TempDir();
        var text = File.ReadAllText(Repo.Data(Path.Combine("test", "wrong-expectations.yaml")));
        t.Write("nope.yaml", text +
            "  - name: expects an outcome that does not exist\n" +
            "    input: { id: E, n: 5 }\n" +
            "    expect: { nope: 1 }\n");
        int line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length + 1;
        var r = t.Run("test", "nope.yaml").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(new[] { "FAIL nope.yaml: the rule file is invalid; its 5 tests did not run", "0 passed, 5 failed" }, r.StdoutLines);
        Assert.Equal($"nope.yaml({line},5): error SCR0207: test 'expects an outcome that does not exist' expects 'nope', which is not an outcome of this rule set",
            Assert.Single(r.StderrLines));
    }

    private static void WriteRulesWithTestsFile(TempDir t, string testsFile)
    {
        var mini = File.ReadAllText(Repo.Data("mini.yaml"));
        t.Write(Path.Combine("set", "mini.yaml"), mini[..mini.IndexOf("tests:", StringComparison.Ordinal)] + $"tests_file: {testsFile}\n");
        t.Write(Path.Combine("set", "mini.tests.yaml"), """
            - name: ten is big
              input: { id: A, n: 10 }
              expect: { big: true, double: 20 }
            - name: eleven is small (wrong)
              input: { id: B, n: 11 }
              expect: { big: false }
            """);
    }

    [Fact]
    public void Test_TestsFileBesideTheRules_RunsItsTests_AndReportsTheirOwnFileAndLine()
    {
        using var t = new TempDir();
        WriteRulesWithTestsFile(t, "mini.tests.yaml");
        var v = t.Run("validate", "set").ShouldExit(0).ShouldNotCrash();
        // *.tests.yaml is not itself a rule file
        Assert.Equal($"ok   {Path.Combine("set", "mini.yaml")}: mini v1 (2 rules, 2 outcomes, 2 tests)", Assert.Single(v.StdoutLines));

        var r = t.Run("test", "set").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(new[]
        {
            $"FAIL {Path.Combine("set", "mini.tests.yaml")}(4,3): eleven is small (wrong)",
            "       big: expected false, actual true",
            $"FAIL {Path.Combine("set", "mini.yaml")}: 1/2 passed",
            "1 passed, 1 failed",
        }, r.StdoutLines);
    }

    [Fact]
    public void Validate_MissingTestsFile_Exit1_NamesIt()
    {
        using var t = new TempDir();
        WriteRulesWithTestsFile(t, "missing.tests.yaml");
        var r = t.Run("validate", "set").ShouldExit(1).ShouldNotCrash();
        var line = Assert.Single(r.StderrLines);
        Assert.StartsWith($"{Path.Combine("set", "mini.yaml")}(19,13): error SCR0008: tests_file 'missing.tests.yaml' not found", line);
    }
}
