using System.Collections.Immutable;
using System.Text;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Primitives;
using Scoring.Rules.Yaml;
using Scoring.Syntax;

namespace Scoring.Rules;

/// <summary>
/// Loads YAML rule files into the rule model. Never throws on bad content and never
/// instantiates types named in the file: it walks YAML parser events and returns every
/// problem as a diagnostic <c>file(line,col): error SCRxxxx: message</c>.
/// </summary>
public static class RuleFileLoader
{
    /// <summary>
    /// The keys a rule file may have, in the order the documentation gives them (and "allowed: …" lists them);
    /// a definition section that is not listed here is allowed after the others.
    /// </summary>
    private static readonly string[] TopKeys = new[]
    {
        "id", "name", "version", "effective", "policy", "description", "subject", "parameters", "values",
        "criteria", "scores", "classifications", "eligibility", "outcomes", "tests", "tests_file",
        "checks", "periods", "rankings",
    }.Concat(Reading.DefinitionSections.All.Select(s => s.Key)).Distinct().ToArray();

    /// <summary>Loads a rule file from disk.</summary>
    public static RuleFile Load(string path) => Load(path, null);

    /// <summary>
    /// Loads a rule file from disk and tells <paramref name="onFileRead"/> the path and text of each file
    /// it reads: the rule file first, then each related file (an imported rule file, a <c>tests_file</c>),
    /// with null text for one that does not exist. Everything the result depends on passes through it,
    /// so a host can fingerprint a rule file together with its related files and compile it again only
    /// when one of them changed (as the reloading catalog of Scoring.Hosting does).
    /// </summary>
    /// <param name="path">The rule file.</param>
    /// <param name="onFileRead">Called for each file read, on the calling thread, before this returns; not
    /// called at all when the rule file itself cannot be read. Null to be told nothing.</param>
    public static RuleFile Load(string path, Action<string, string?>? onFileRead)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > YamlTree.MaxBytes * 4L)
                return Failed(path, DiagnosticCodes.LimitExceeded, $"file is {info.Length} bytes; the limit is {YamlTree.MaxBytes}");
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(path, DiagnosticCodes.FileNotFound, $"cannot read the file: {ex.Message}");
        }
        onFileRead?.Invoke(path, text);
        return LoadText(text, path, p =>
        {
            var related = File.Exists(p) ? File.ReadAllText(p, Encoding.UTF8) : null;
            onFileRead?.Invoke(p, related);
            return related;
        });
    }

    private static RuleFile Failed(string path, string code, string message) =>
        new(path, null, Array.Empty<TestCase>(), new[] { new Diagnostic(Severity.Error, code, message, SourceSpan.At(path, 1, 1)) });

    /// <summary>
    /// Loads rule-file text. <paramref name="readRelated"/> reads a file named by <c>tests_file</c>
    /// (relative to <paramref name="path"/>), returning null when it does not exist; pass null to disallow.
    /// </summary>
    public static RuleFile LoadText(string text, string path, Func<string, string?>? readRelated = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        return DeepStack.Run(() => LoadTextCore(text, path, readRelated));
    }

    private static RuleFile LoadTextCore(string text, string path, Func<string, string?>? readRelated)
    {
        var bag = new DiagnosticBag();
        var root = YamlTree.Read(text, path, bag);
        var tests = new List<TestCase>();
        RuleSet? ruleSet = null;
        var top = MapReader.Open(root, bag, "the rule set", TopKeys);
        if (top is not null)
        {
            var builder = new Reading.RuleFileReader(bag, path, readRelated).Read(top);
            foreach (var t in Reading.TestCaseReader.Read(top.Sequence("tests"), bag)) tests.Add(t);
            if (top.Scalar("tests_file") is { } tf)
            {
                var related = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) ?? "", tf.Value);
                var content = readRelated?.Invoke(related);
                if (content is null)
                    bag.Error(DiagnosticCodes.FileNotFound, $"tests_file '{tf.Value}' not found (looked for {related})", tf.Span);
                else
                {
                    var troot = YamlTree.Read(content, related, bag);
                    if (troot is YSequence seq) tests.AddRange(Reading.TestCaseReader.Read(seq, bag));
                    else if (troot is not null) bag.Error(DiagnosticCodes.InvalidValue, "a tests file must be a list of test cases", troot.Span);
                }
            }
            if (builder is not null)
            {
                // type-checked even after errors, to report every problem at once
                bool hadErrors = bag.HasErrors;
                var built = builder.Build();
                bag.AddRange(built.Diagnostics);
                if (!hadErrors && built.Value is { } rs)
                {
                    ruleSet = rs;
                    CheckExpectations(rs, tests, bag);
                }
            }
        }
        return new RuleFile(path, bag.HasErrors ? null : ruleSet, tests, Dedup(bag.Sorted()));
    }

    /// <summary>Every key a test expects must be an outcome (or a field of an object outcome), so a typo fails validation, not only the test run.</summary>
    private static void CheckExpectations(RuleSet rs, List<TestCase> tests, DiagnosticBag bag)
    {
        var outcomes = rs.Outcomes.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        void Check(TestCase t, string key)
        {
            var top = key.Split('.')[0];
            if (!outcomes.Contains(top))
                bag.Error(DiagnosticCodes.UnknownOutcome, $"test '{t.Name}' expects '{key}', which is not an outcome of this rule set{MapReader.Suggest(top, outcomes)}", t.Span);
        }
        foreach (var t in tests)
        {
            if (t.Inputs is null)
                foreach (var (k, _) in t.Expect) Check(t, k);
            else
                foreach (var (_, v) in t.Expect)
                    if (v is List<KeyValuePair<string, object?>> m)
                        foreach (var (k, _) in m) Check(t, k);
        }
    }

    private static IReadOnlyList<Diagnostic> Dedup(IReadOnlyList<Diagnostic> list) => list.Distinct().ToArray();

    /// <summary>The rule files (<c>*.yaml</c>, <c>*.yml</c>) named by <paramref name="paths"/>: files as they are, directories searched recursively, in ordinal order. Test files (<c>*.tests.yaml</c>) are skipped.</summary>
    public static IReadOnlyList<string> FindRuleFiles(IEnumerable<string> paths)
    {
        var result = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                // links are not followed, so a link cycle cannot list the same file again and again
                var files = Directory.EnumerateFiles(p, "*.*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden, MatchCasing = MatchCasing.CaseInsensitive })
                    .Where(f => (f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                                && !f.EndsWith(".tests.yaml", StringComparison.OrdinalIgnoreCase) && !f.EndsWith(".tests.yml", StringComparison.OrdinalIgnoreCase))
                    .OrderBy(f => f, StringComparer.Ordinal);
                result.AddRange(files);
            }
            else
            {
                result.Add(p);
            }
        }
        return result;
    }
}

