using System.Collections.Immutable;
using System.Text;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Primitives;
using Scoring.Rules.Yaml;
using Scoring.Syntax;

namespace Scoring.Rules;

/// <summary>A rule file as loaded: the validated rule set (when there are no errors), its test cases and every diagnostic.</summary>
public sealed class RuleFile
{
    internal RuleFile(string path, RuleSet? ruleSet, IReadOnlyList<TestCase> tests, IReadOnlyList<Diagnostic> diagnostics)
    {
        Path = path;
        RuleSet = ruleSet;
        Tests = tests;
        Diagnostics = diagnostics;
    }

    /// <summary>The file path as given (used in diagnostics).</summary>
    public string Path { get; }

    /// <summary>The rule set, or null when the file has errors.</summary>
    public RuleSet? RuleSet { get; }

    /// <summary>The test cases written in the file or in its <c>tests_file</c>.</summary>
    public IReadOnlyList<TestCase> Tests { get; }

    /// <summary>Every diagnostic, in file order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when the file has no errors.</summary>
    public bool Succeeded => RuleSet is not null && !Diagnostics.Any(d => d.Severity == Severity.Error);
}

/// <summary>
/// Loads YAML rule files into the rule model. Never throws on bad content and never
/// instantiates types named in the file: it walks YAML parser events and returns every
/// problem as a diagnostic <c>file(line,col): error SCRxxxx: message</c>.
/// </summary>
public static class RuleFileLoader
{
    private static readonly string[] TopKeys =
    {
        "id", "name", "version", "effective", "policy", "description", "subject", "parameters", "values",
        "criteria", "scores", "classifications", "eligibility", "outcomes", "tests", "tests_file",
        "checks", "periods", "rankings",
    };

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
            var builder = new RuleFileReader(bag, path, readRelated).Read(top);
            foreach (var t in TestCaseReader.Read(top.Sequence("tests"), bag)) tests.Add(t);
            if (top.Scalar("tests_file") is { } tf)
            {
                var related = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) ?? "", tf.Value);
                var content = readRelated?.Invoke(related);
                if (content is null)
                    bag.Error(DiagnosticCodes.FileNotFound, $"tests_file '{tf.Value}' not found (looked for {related})", tf.Span);
                else
                {
                    var troot = YamlTree.Read(content, related, bag);
                    if (troot is YSequence seq) tests.AddRange(TestCaseReader.Read(seq, bag));
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

/// <summary>Maps the YAML tree of a rule file onto a <see cref="RuleSetBuilder"/>.</summary>
internal sealed class RuleFileReader
{
    private readonly DiagnosticBag _bag;
    private readonly string _file;
    private readonly Func<string, string?>? _readRelated;
    private readonly List<ParameterDefinition> _importedParameters = new();

    public RuleFileReader(DiagnosticBag bag, string file, Func<string, string?>? readRelated)
    {
        _bag = bag;
        _file = file;
        _readRelated = readRelated;
    }

    [ThreadStatic] private static HashSet<string>? _importing;

    /// <summary>Loads a rule file named by a collection's <c>rules:</c> key (relative to this file) for reuse.</summary>
    private RuleSet? Import(YScalar pathNode)
    {
        var related = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(_file) ?? "", pathNode.Value);
        var full = System.IO.Path.GetFullPath(related);
        _importing ??= new HashSet<string>(StringComparer.Ordinal);
        if (_importing.Count >= 8 || !_importing.Add(full))
        {
            _bag.Error(DiagnosticCodes.Cycle, $"rule file '{pathNode.Value}' is imported in a cycle (or nested more than 8 deep)", pathNode.Span);
            return null;
        }
        try
        {
            var text = _readRelated?.Invoke(related);
            if (text is null)
            {
                _bag.Error(DiagnosticCodes.FileNotFound, $"rule file '{pathNode.Value}' not found (looked for {related})", pathNode.Span);
                return null;
            }
            var file = RuleFileLoader.LoadText(text, related, _readRelated);
            if (!file.Succeeded)
            {
                _bag.Error(DiagnosticCodes.InvalidReference, $"rule file '{pathNode.Value}' is invalid ({file.Diagnostics.Count(d => d.Severity == Severity.Error)} errors; run 'scoring validate {related}')", pathNode.Span);
                return null;
            }
            return file.RuleSet;
        }
        finally
        {
            _importing.Remove(full);
        }
    }

    public RuleSetBuilder? Read(MapReader top)
    {
        var id = top.Text("id", required: true);
        if (id is not null && !System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9._-]*$"))
            _bag.Error(DiagnosticCodes.InvalidIdentifier, $"id '{id}' must be lower-case letters, digits, '.', '_' or '-'", top.Scalar("id")!.Span);
        var b = new RuleSetBuilder(id ?? "", top.Text("name", required: true) ?? "", top.Text("version", required: true) ?? "")
        {
            Policy = top.Text("policy"),
            Description = top.Text("description"),
            Span = top.Span,
        };
        if (MapReader.Open(top.Node("effective"), _bag, "'effective'", "from", "to") is { } eff)
        {
            b.EffectiveFrom = eff.Date("from");
            b.EffectiveTo = eff.Date("to");
        }
        var subject = MapReader.Open(top.Node("subject"), _bag, "'subject'", "name", "key", "fields", "collections", "description");
        if (subject is null)
        {
            if (top.Node("subject") is null) _bag.Error(DiagnosticCodes.MissingKey, "the rule set needs 'subject' (its input schema)", top.Span);
        }
        else
        {
            var record = ReadRecordSchema(subject, "subject", 0);
            var key = subject.Text("key", required: true) ?? "";
            b.Subject = new SubjectSchema(key, record) { Name = subject.Text("name"), Span = subject.KeyNode("key")?.Span ?? subject.Span };
        }
        ReadParameters(top.Mapping("parameters"), b);
        ReadEntries(top.Mapping("values"), (key, node) => ReadValue(key, node), b);
        ReadEntries(top.Mapping("criteria"), (key, node) => ReadCriterion(key, node), b);
        ReadEntries(top.Mapping("scores"), (key, node) => ReadScore(key, node), b);
        ReadEntries(top.Mapping("classifications"), (key, node) => ReadClassification(key, node), b);
        ReadEntries(top.Mapping("eligibility"), (key, node) => ReadEligibility(key, node), b);
        ReadEntries(top.Mapping("checks"), (key, node) => ReadCheck(key, node), b);
        ReadEntries(top.Mapping("periods"), (key, node) => ReadPeriod(key, node), b);
        ReadEntries(top.Mapping("rankings"), (key, node) => ReadRanking(key, node), b);
        foreach (var p in _importedParameters)
            if (!b.Parameters.Any(x => x.Name == p.Name)) b.Parameters.Add(p);
        var outcomes = top.ScalarList("outcomes", required: true);
        if (outcomes is not null)
            foreach (var o in outcomes) b.Outcomes.Add(new KeyReference(o.Value) { Span = o.Span });
        return b;
    }

    private RecordSchema ReadRecordSchema(MapReader m, string what, int depth)
    {
        var fields = ImmutableArray.CreateBuilder<FieldDefinition>();
        var collections = ImmutableArray.CreateBuilder<CollectionDefinition>();
        var fmap = m.Mapping("fields", required: true);
        if (fmap is not null)
            foreach (var (k, v) in fmap.Entries)
                if (ReadField(k, v) is { } f) fields.Add(f);
        if (m.Mapping("collections") is { } cmap)
        {
            foreach (var (k, v) in cmap.Entries)
            {
                if (depth >= 4)
                {
                    _bag.Error(DiagnosticCodes.LimitExceeded, "collections nest at most 4 levels deep", k.Span);
                    continue;
                }
                var cm = MapReader.Open(v, _bag, $"collection '{k.Value}'", "label", "description", "fields", "collections", "rules", "values", "criteria", "scores");
                if (cm is null) continue;
                if (cm.Scalar("rules") is { } rulesPath)
                {
                    if (cm.Has("fields") || cm.Has("collections") || cm.Has("values") || cm.Has("criteria") || cm.Has("scores"))
                        _bag.Error(DiagnosticCodes.InvalidValue, $"collection '{k.Value}' takes its fields and rules from '{rulesPath.Value}'; it cannot also declare its own", rulesPath.Span);
                    var imported = Import(rulesPath);
                    if (imported is null) continue;
                    foreach (var p in imported.Parameters) _importedParameters.Add(p);
                    var defs = imported.Definitions.Where(d => d is ValueDefinition or CriterionDefinition or ScoreDefinition).ToImmutableArray();
                    collections.Add(new CollectionDefinition(k.Value, imported.Subject.Record) { Label = cm.Text("label") ?? imported.Name, Definitions = defs, Span = k.Span });
                    continue;
                }
                var schema = ReadRecordSchema(cm, $"collection '{k.Value}'", depth + 1);
                collections.Add(new CollectionDefinition(k.Value, schema) { Label = cm.Text("label"), Definitions = ReadChildDefinitions(cm), Span = k.Span });
            }
        }
        return new RecordSchema(fields.ToImmutable(), collections.ToImmutable());
    }

    private static readonly Dictionary<string, FieldType> TypeNames = new(StringComparer.Ordinal)
    {
        ["string"] = FieldType.String, ["text"] = FieldType.String, ["integer"] = FieldType.Integer, ["int"] = FieldType.Integer,
        ["decimal"] = FieldType.Decimal, ["boolean"] = FieldType.Boolean, ["bool"] = FieldType.Boolean,
        ["date"] = FieldType.Date, ["month"] = FieldType.Month, ["enum"] = FieldType.Enum, ["list"] = FieldType.List,
        ["scale"] = FieldType.Scale,
    };

    private FieldType? ParseType(YScalar s)
    {
        if (TypeNames.TryGetValue(s.Value, out var t)) return t;
        _bag.Error(DiagnosticCodes.InvalidValue, $"unknown type '{s.Value}'{MapReader.Suggest(s.Value, TypeNames.Keys)}; use string, integer, decimal, boolean, date, month, enum or list", s.Span);
        return null;
    }

    private FieldDefinition? ReadField(YScalar key, YNode node)
    {
        if (node is YScalar shorthand && !shorthand.IsNull)
            return ParseType(shorthand) is { } t ? new FieldDefinition(key.Value, t) { Span = key.Span } : null;
        var m = MapReader.Open(node, _bag, $"field '{key.Value}'", "type", "label", "description", "optional", "min", "max", "values");
        if (m is null)
        {
            if (node is YScalar) _bag.Error(DiagnosticCodes.MissingKey, $"field '{key.Value}' needs a type", key.Span);
            return null;
        }
        var ts = m.Scalar("type", required: true);
        var type = ts is null ? null : ParseType(ts);
        if (type is null) return null;
        var values = m.ScalarList("values")?.Select(v => v.Value).ToImmutableArray() ?? ImmutableArray<string>.Empty;
        return new FieldDefinition(key.Value, type.Value)
        {
            Label = m.Text("label"),
            Optional = m.Bool("optional") ?? false,
            Min = m.Decimal("min"),
            Max = m.Decimal("max"),
            Values = values,
            Span = key.Span,
        };
    }

    private void ReadParameters(YMapping? map, RuleSetBuilder b)
    {
        if (map is null) return;
        foreach (var (k, v) in map.Entries)
        {
            var m = MapReader.Open(v, _bag, $"parameter '{k.Value}'", "type", "label", "description", "unit", "reference", "key", "values");
            if (m is null) continue;
            var ts = m.Scalar("type", required: true);
            var type = ts is null ? null : ParseType(ts);
            var values = ImmutableArray.CreateBuilder<DatedValue>();
            if (m.Sequence("values") is { } seq)
            {
                foreach (var item in seq.Items)
                {
                    var vm = MapReader.Open(item, _bag, $"a value of '{k.Value}'", "from", "key", "value", "bands", "reference");
                    if (vm is null) continue;
                    var from = vm.Date("from", required: true);
                    if (type == FieldType.Scale)
                    {
                        var bands = ImmutableArray.CreateBuilder<ScaleBand>();
                        if (vm.Sequence("bands", required: true) is { } bs)
                            foreach (var band in bs.Items)
                            {
                                var bm = MapReader.Open(band, _bag, $"a band of '{k.Value}'", "from", "rate");
                                if (bm is null) continue;
                                var bf = bm.Decimal("from", required: true);
                                var br = bm.Decimal("rate", required: true);
                                if (bf is not null && br is not null) bands.Add(new ScaleBand(bf.Value, br.Value));
                            }
                        if (vm.Has("value")) _bag.Error(DiagnosticCodes.InvalidValue, $"'{k.Value}' is a scale: give 'bands', not 'value'", vm.KeyNode("value")!.Span);
                        if (from is not null) values.Add(new DatedValue(from.Value, vm.Text("key"), 0) { Bands = bands.ToImmutable(), Span = item.Span });
                        continue;
                    }
                    var value = vm.Decimal("value", required: true);
                    if (from is null || value is null) continue;
                    values.Add(new DatedValue(from.Value, vm.Text("key"), value.Value) { Span = item.Span });
                }
            }
            b.Parameters.Add(new ParameterDefinition(k.Value, type ?? FieldType.Decimal)
            {
                Label = m.Text("label"),
                Unit = m.Text("unit"),
                Reference = m.Text("reference"),
                KeyField = m.Text("key"),
                Values = values.ToImmutable(),
                Span = k.Span,
            });
        }
    }

    private void ReadEntries(YMapping? map, Func<YScalar, YNode, Definition?> read, RuleSetBuilder b)
    {
        if (map is null) return;
        foreach (var (k, v) in map.Entries)
            if (read(k, v) is { } d) b.Definitions.Add(d);
    }

    private Expr Parse(YScalar s) => ExpressionParser.Parse(s.Value, s.Origin, _bag);

    private Expr? ExprAt(MapReader m, string key, bool required)
    {
        var s = m.Scalar(key, required);
        return s is null ? null : Parse(s);
    }

    private Definition? ReadValue(YScalar key, YNode node)
    {
        if (node is YScalar s && !s.IsNull) return new ValueDefinition(key.Value, Parse(s)) { Span = key.Span };
        var m = MapReader.Open(node, _bag, $"value '{key.Value}'", "label", "description", "expr", "type");
        if (m is null) return MissingBody(key, node, "expr");
        var e = ExprAt(m, "expr", true);
        if (e is null) return null;
        FieldType? declared = m.Scalar("type") is { } ts ? ParseType(ts) : null;
        return new ValueDefinition(key.Value, e) { Label = m.Text("label"), Description = m.Text("description"), DeclaredType = declared, Span = key.Span };
    }

    private Definition? MissingBody(YScalar key, YNode node, string what)
    {
        if (node is YScalar { IsNull: true })
            _bag.Error(DiagnosticCodes.MissingKey, $"'{key.Value}' needs '{what}'", key.Span);
        return null;
    }

    private Definition? ReadCriterion(YScalar key, YNode node)
    {
        if (node is YScalar s && !s.IsNull) return new CriterionDefinition(key.Value, Parse(s)) { Span = key.Span };
        var m = MapReader.Open(node, _bag, $"criterion '{key.Value}'", "label", "description", "when", "score", "points");
        if (m is null) return MissingBody(key, node, "when");
        var e = ExprAt(m, "when", true);
        if (e is null) return null;
        return new CriterionDefinition(key.Value, e)
        {
            Label = m.Text("label"),
            Description = m.Text("description"),
            Score = m.Text("score"),
            Points = ExprAt(m, "points", false),
            Span = key.Span,
        };
    }

    private ImmutableArray<Definition> ReadChildDefinitions(MapReader m)
    {
        var list = ImmutableArray.CreateBuilder<Definition>();
        void Add(string section, Func<YScalar, YNode, Definition?> read)
        {
            if (m.Mapping(section) is { } map)
                foreach (var (k, v) in map.Entries)
                    if (read(k, v) is { } d) list.Add(d);
        }
        Add("values", ReadValue);
        Add("criteria", ReadCriterion);
        Add("scores", ReadScore);
        return list.ToImmutable();
    }

    private Definition? ReadCheck(YScalar key, YNode node)
    {
        var m = MapReader.Open(node, _bag, $"check '{key.Value}'", "label", "description", "when", "message");
        if (m is null) return MissingBody(key, node, "when");
        var when = ExprAt(m, "when", true);
        var message = m.Text("message", required: true);
        if (when is null || message is null) return null;
        return new CheckDefinition(key.Value, when, message) { Label = m.Text("label"), Description = m.Text("description"), Span = key.Span };
    }

    private Definition? ReadPeriod(YScalar key, YNode node)
    {
        var m = MapReader.Open(node, _bag, $"period '{key.Value}'", "label", "description", "field", "from", "to", "values", "criteria", "scores");
        if (m is null) return MissingBody(key, node, "from");
        var from = ExprAt(m, "from", true);
        var to = ExprAt(m, "to", true);
        if (from is null || to is null) return null;
        return new PeriodDefinition(key.Value, m.Text("field") ?? "period", from, to)
        {
            Label = m.Text("label"),
            Description = m.Text("description"),
            Definitions = ReadChildDefinitions(m),
            Span = key.Span,
        };
    }

    private Definition? ReadRanking(YScalar key, YNode node)
    {
        var m = MapReader.Open(node, _bag, $"ranking '{key.Value}'", "label", "description", "kind", "group_by", "among", "order_by", "count", "pool", "shares");
        if (m is null) return MissingBody(key, node, "kind");
        var ks = m.Scalar("kind", required: true);
        RankingKind kind = RankingKind.Rank;
        if (ks is not null)
        {
            switch (ks.Value)
            {
                case "rank": kind = RankingKind.Rank; break;
                case "select": kind = RankingKind.Select; break;
                case "allocate": kind = RankingKind.Allocate; break;
                default:
                    _bag.Error(DiagnosticCodes.InvalidValue, $"kind must be rank, select or allocate, not '{ks.Value}'", ks.Span);
                    return null;
            }
        }
        var groupBy = (m.ScalarList("group_by") ?? new List<YScalar>()).Select(Parse).ToImmutableArray();
        var order = ImmutableArray.CreateBuilder<OrderKey>();
        if (m.Sequence("order_by", required: true) is { } seq)
        {
            foreach (var item in seq.Items)
            {
                if (item is YScalar s && !s.IsNull)
                {
                    order.Add(new OrderKey(Parse(s), false));
                    continue;
                }
                var om = MapReader.Open(item, _bag, $"an order_by key of '{key.Value}'", "expr", "direction");
                if (om is null) continue;
                var e = ExprAt(om, "expr", true);
                bool desc = false;
                if (om.Scalar("direction") is { } dir)
                {
                    if (dir.Value is "desc" or "descending") desc = true;
                    else if (dir.Value is not ("asc" or "ascending"))
                        _bag.Error(DiagnosticCodes.InvalidValue, $"direction must be asc or desc, not '{dir.Value}'", dir.Span);
                }
                if (e is not null) order.Add(new OrderKey(e, desc));
            }
        }
        return new RankingDefinition(key.Value, kind)
        {
            Label = m.Text("label"),
            Description = m.Text("description"),
            GroupBy = groupBy,
            Among = ExprAt(m, "among", false),
            OrderBy = order.ToImmutable(),
            Count = ExprAt(m, "count", false),
            Pool = ExprAt(m, "pool", false),
            Shares = ExprAt(m, "shares", false),
            Span = key.Span,
        };
    }

    private Definition? ReadScore(YScalar key, YNode node)
    {
        if (node is YScalar { IsNull: true }) return new ScoreDefinition(key.Value) { Span = key.Span };
        var m = MapReader.Open(node, _bag, $"score '{key.Value}'", "label", "description", "base", "min", "max", "plus");
        if (m is null) return null;
        return new ScoreDefinition(key.Value)
        {
            Label = m.Text("label"),
            Description = m.Text("description"),
            Base = m.Decimal("base") ?? 0m,
            Min = m.Decimal("min"),
            Max = m.Decimal("max"),
            Plus = ExprAt(m, "plus", false),
            Span = key.Span,
        };
    }

    private Definition? ReadClassification(YScalar key, YNode node)
    {
        var m = MapReader.Open(node, _bag, $"classification '{key.Value}'", "label", "description", "levels", "cases", "else", "vetoes");
        if (m is null) return MissingBody(key, node, "cases");
        var cases = ImmutableArray.CreateBuilder<ClassificationCase>();
        if (m.Sequence("cases") is { } seq)
        {
            foreach (var item in seq.Items)
            {
                var cm = MapReader.Open(item, _bag, $"a case of '{key.Value}'", "when", "then");
                if (cm is null) continue;
                var when = ExprAt(cm, "when", true);
                var then = cm.Text("then", required: true);
                if (when is not null && then is not null) cases.Add(new ClassificationCase(when, then) { Span = item.Span });
            }
        }
        var vetoes = ImmutableArray.CreateBuilder<Veto>();
        if (m.Sequence("vetoes") is { } vs)
        {
            foreach (var item in vs.Items)
            {
                var vm = MapReader.Open(item, _bag, $"a veto of '{key.Value}'", "when", "at_most", "set", "label");
                if (vm is null) continue;
                var when = ExprAt(vm, "when", true);
                if (when is null) continue;
                vetoes.Add(new Veto(when) { AtMost = vm.Text("at_most"), Set = vm.Text("set"), Label = vm.Text("label"), Span = item.Span });
            }
        }
        return new ClassificationDefinition(key.Value)
        {
            Label = m.Text("label"),
            Description = m.Text("description"),
            Levels = m.ScalarList("levels")?.Select(s => s.Value).ToImmutableArray() ?? ImmutableArray<string>.Empty,
            Cases = cases.ToImmutable(),
            Else = m.Text("else"),
            Vetoes = vetoes.ToImmutable(),
            Span = key.Span,
        };
    }

    private Definition? ReadEligibility(YScalar key, YNode node)
    {
        var m = MapReader.Open(node, _bag, $"eligibility '{key.Value}'", "label", "description", "conditions", "documents", "amount", "mode", "statuses", "fields");
        if (m is null) return MissingBody(key, node, "conditions");
        var conditions = m.ScalarList("conditions", required: true)?.Select(s => new KeyReference(s.Value) { Span = s.Span }).ToImmutableArray()
                         ?? ImmutableArray<KeyReference>.Empty;
        KeyReference? docsField = null;
        var required = ImmutableArray<string>.Empty;
        if (MapReader.Open(m.Node("documents"), _bag, $"documents of '{key.Value}'", "provided", "required") is { } dm)
        {
            if (dm.Scalar("provided", required: true) is { } p) docsField = new KeyReference(p.Value) { Span = p.Span };
            required = dm.ScalarList("required", required: true)?.Select(s => s.Value).ToImmutableArray() ?? ImmutableArray<string>.Empty;
        }
        var mode = ConditionMode.All;
        if (m.Scalar("mode") is { } ms)
        {
            if (ms.Value == "any") mode = ConditionMode.Any;
            else if (ms.Value != "all") _bag.Error(DiagnosticCodes.InvalidValue, $"mode must be 'all' (every condition must hold) or 'any' (one suffices), not '{ms.Value}'", ms.Span);
        }
        string eligible = "eligible", missingDocs = "eligible_missing_documents", notEligible = "not_eligible";
        if (MapReader.Open(m.Node("statuses"), _bag, $"statuses of '{key.Value}'", "eligible", "missing_documents", "not_eligible") is { } sm)
        {
            eligible = sm.Text("eligible") ?? eligible;
            missingDocs = sm.Text("missing_documents") ?? missingDocs;
            notEligible = sm.Text("not_eligible") ?? notEligible;
        }
        var fields = ImmutableArray.CreateBuilder<ResultField>();
        if (m.Mapping("fields") is { } fm)
            foreach (var (fk, fv) in fm.Entries)
            {
                if (fv is YScalar fs && !fs.IsNull) fields.Add(new ResultField(fk.Value, Parse(fs)) { Span = fk.Span });
                else _bag.Error(DiagnosticCodes.InvalidValue, $"result field '{fk.Value}' must be an expression", fv.Span);
            }
        return new EligibilityDefinition(key.Value)
        {
            Label = m.Text("label"),
            Description = m.Text("description"),
            Mode = mode,
            EligibleStatus = eligible,
            MissingDocumentsStatus = missingDocs,
            NotEligibleStatus = notEligible,
            Fields = fields.ToImmutable(),
            Conditions = conditions,
            DocumentsField = docsField,
            RequiredDocuments = required,
            Amount = ExprAt(m, "amount", false),
            Span = key.Span,
        };
    }
}
