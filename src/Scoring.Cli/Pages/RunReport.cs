using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Scoring.Cli.Commands;
using Scoring.Cli.Io;
using Scoring.Model;
using Scoring.Runtime;

namespace Scoring.Cli.Pages;

/// <summary>
/// The report of one run (<c>scoring report</c>, <c>run --report</c>): for each outcome its counts and a chart (stars or
/// scores as a distribution, statuses, titles and levels as counts), counts per group, rejects by reason with
/// examples, and the run's manifest (rule file and input with their SHA-256, version, as-of date, parameters
/// in force, counts). It is a writer of the run: the workers tally their chunks, the writer thread adds them up,
/// so a run of any size keeps only the tallies.
/// </summary>
internal sealed class RunReport : IResultWriter, IRowFormatter, IRejectSink
{
    private readonly CompiledRuleSet _rules;
    private readonly ScoringRun _run;
    private readonly RecordSettings _settings;
    private readonly int _groupIndex; // among the carried values, or -1
    private readonly Tally _total;
    private readonly Dictionary<string, (string Code, long Count, List<(long Number, long Line, string? Key, string Reason)> Examples)> _rejects = new(StringComparer.Ordinal);

    [ThreadStatic] private static Tally? _pending;

    public RunReport(CompiledRuleSet rules, ScoringRun run, RecordSettings settings, IReadOnlyList<string> carried)
    {
        _rules = rules;
        _run = run;
        _settings = settings;
        _groupIndex = settings.GroupBy is { } g ? IndexOf(carried, g) : -1;
        _total = new Tally(rules.Outcomes.Count);
    }

    private static int IndexOf(IReadOnlyList<string> list, string item)
    {
        for (int i = 0; i < list.Count; i++) if (list[i] == item) return i;
        return -1;
    }

    public static void CheckOut(UserPath path) => HtmlPage.CheckOut(path, "--report");

    public IRowFormatter Rows => this;

    public void WriteHeader() { }

    public void BeginRows() => _pending = null;

    private Tally Pending => _pending is { } p && p.Width == _rules.Outcomes.Count ? p : _pending = new Tally(_rules.Outcomes.Count);

    public void Append(string? key, ReadOnlySpan<Value> values) => Add(Pending, values[.._rules.Outcomes.Count], values[_rules.Outcomes.Count..]);

    public object TakeRows()
    {
        var t = Pending;
        _pending = null;
        return t;
    }

    public void WriteRows(object rows) => _total.Merge((Tally)rows);

    public void Write(Evaluation evaluation, ReadOnlySpan<Value> kept)
    {
        var values = new Value[evaluation.Outcomes.Count];
        for (int i = 0; i < values.Length; i++) values[i] = evaluation.Outcomes[i].Value;
        Add(_total, values, kept);
    }

    private void Add(Tally t, ReadOnlySpan<Value> outcomes, ReadOnlySpan<Value> carried)
    {
        t.Records++;
        string? group = _groupIndex >= 0 && _groupIndex < carried.Length ? carried[_groupIndex].ToString() : null;
        if (group is not null) t.Groups[group] = t.Groups.GetValueOrDefault(group) + 1;
        for (int i = 0; i < outcomes.Length; i++)
        {
            var v = outcomes[i];
            var o = t.Outcomes[i];
            switch (v.Kind)
            {
                case ValueKind.Number: o.Numbers.Add(v.AsNumber); break;
                case ValueKind.Object:
                    var status = v["status"];
                    o.Count(Category(i, status, v));
                    if (v["amount"] is { Kind: ValueKind.Number } amount) o.Numbers.Add(amount.AsNumber);
                    break;
                case ValueKind.List: o.Count(v.AsList.Count == 0 ? "无" : "有"); break;
                default: o.Count(Category(i, v, v)); break;
            }
            if (group is not null && v.Kind is not ValueKind.Number and not ValueKind.List)
            {
                var cat = v.Kind == ValueKind.Object ? Category(i, v["status"], v) : Category(i, v, v);
                var perGroup = o.PerGroup.TryGetValue(group, out var d) ? d : o.PerGroup[group] = new Dictionary<string, long>(StringComparer.Ordinal);
                perGroup[cat] = perGroup.GetValueOrDefault(cat) + 1;
            }
        }
    }

    /// <summary>A category in the public's words (是/否, a status's label, a level), as the run's outcome values are many and the words few.</summary>
    private string Category(int outcome, Value v, Value whole)
    {
        if (whole.Kind == ValueKind.Object) return PublicExplanation.FormatValue(_rules, _rules.Outcomes[outcome].Key, Value.Object(new[] { new NamedValue("status", v) }));
        return PublicExplanation.FormatValue(_rules, _rules.Outcomes[outcome].Key, v);
    }

    public void Reject(long number, long line, string? key, string code, string reason)
    {
        // rejects of one kind: the same code and the same words once the record's own numbers are left out
        var kind = code + " " + new string(reason.Select(c => char.IsAsciiDigit(c) ? '#' : c).ToArray());
        if (!_rejects.TryGetValue(kind, out var r))
        {
            if (_rejects.Count >= 200) kind = code + " …";
            r = _rejects.TryGetValue(kind, out var existing) ? existing : (code, 0, new List<(long, long, string?, string)>());
        }
        if (r.Examples.Count < 3) r.Examples.Add((number, line, key, reason));
        _rejects[kind] = (r.Code, r.Count + 1, r.Examples);
    }

    public void Finish() { }

    /// <summary>Writes the page once the run has completed.</summary>
    public void Save(UserPath path, long read, long scored, long rejected) => HtmlPage.Save(path, Page(read, scored, rejected));

    private string Page(long read, long scored, long rejected)
    {
        var rs = _rules.RuleSet;
        var sb = new StringBuilder();
        var title = _settings.Title ?? $"{rs.Name} 运行报告";
        sb.Append("<h1>").Append(HtmlPage.E(title)).Append("</h1>\n");
        sb.Append("<p class=\"meta\">").Append(HtmlPage.E($"{rs.Name}（{rs.Version} 版）  共读取 {read:N0} 条，评定 {scored:N0} 条，拒收 {rejected:N0} 条")).Append("</p>\n");
        if (_settings.AsOf is { } asOf) sb.Append("<p class=\"meta\">评估日期：").Append(asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</p>\n");

        sb.Append("<h2>结果统计</h2>\n");
        for (int i = 0; i < _rules.Outcomes.Count; i++)
        {
            var info = _rules.Outcomes[i];
            var o = _total.Outcomes[i];
            var label = info.Label ?? info.Key;
            sb.Append("<section class=\"outcome\" data-outcome=\"").Append(HtmlPage.E(info.Key)).Append("\">\n<h3>").Append(HtmlPage.E(label)).Append("</h3>\n");
            if (o.Categories.Count > 0)
            {
                var bars = o.Categories.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(30).Select(c => (c.Key, c.Value)).ToList();
                if (info.Kind == DefinitionKind.Classification && rs.Find(info.Key) is ClassificationDefinition { Levels.IsDefaultOrEmpty: false } k)
                    bars = bars.OrderBy(b => { int x = k.Levels.IndexOf(b.Key); return x < 0 ? int.MaxValue : x; }).ToList();
                sb.Append(SvgChart.Bars($"{label}：各类数量", bars));
            }
            if (o.Numbers.Count > 0)
            {
                var n = o.Numbers;
                sb.Append("<p class=\"meta\">").Append(HtmlPage.E($"{(o.Categories.Count > 0 ? "金额" : "数值")}：共 {n.Count:N0} 条，最小 {Num(n.Min)}，最大 {Num(n.Max)}，平均 {Num(decimal.Round(n.Sum / n.Count, 2))}，合计 {Num(n.Sum)}")).Append("</p>\n");
                sb.Append(SvgChart.Bars($"{label}：分布", n.Bars()));
            }
            if (o.PerGroup.Count > 0)
            {
                var cats = o.Categories.OrderByDescending(c => c.Value).Select(c => c.Key).Take(8).ToList();
                var rows = o.PerGroup.OrderBy(g => g.Key, StringComparer.Ordinal).Take(100)
                    .Select(g => (IReadOnlyList<string>)new[] { HtmlPage.E(g.Key) }.Concat(cats.Select(c => g.Value.GetValueOrDefault(c).ToString("N0", CultureInfo.InvariantCulture))).ToList());
                HtmlPage.Table(sb, new[] { GroupLabel() }.Concat(cats).ToList(), rows, c => c > 0);
            }
            sb.Append("</section>\n");
        }

        if (_total.Groups.Count > 0)
        {
            sb.Append("<h2>").Append(HtmlPage.E($"按{GroupLabel()}统计")).Append("</h2>\n");
            sb.Append(SvgChart.Bars($"各{GroupLabel()}评定数量", _total.Groups.OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal).Take(30).Select(g => (g.Key, g.Value)).ToList()));
        }

        sb.Append("<h2>拒收记录</h2>\n");
        if (_rejects.Count == 0) sb.Append("<p>没有拒收的记录。</p>\n");
        else
        {
            sb.Append(SvgChart.Bars("按原因的拒收数量", _rejects.OrderByDescending(r => r.Value.Count).Take(20).Select(r => (Short(r.Value.Examples[0].Reason), r.Value.Count)).ToList()));
            var rows = _rejects.OrderByDescending(r => r.Value.Count).Select(r => (IReadOnlyList<string>)new[]
            {
                HtmlPage.E(r.Value.Code), r.Value.Count.ToString("N0", CultureInfo.InvariantCulture),
                string.Join("<br>", r.Value.Examples.Select(x => HtmlPage.E($"第 {x.Number} 条（第 {x.Line} 行）{x.Key}：{x.Reason}"))),
            });
            HtmlPage.Table(sb, new[] { "代码", "数量", "示例" }, rows, c => c == 1);
        }

        sb.Append("<h2>运行清单</h2>\n");
        HtmlPage.Table(sb, new[] { "项目", "内容" }, Manifest(read, scored, rejected).Select(m => (IReadOnlyList<string>)new[] { HtmlPage.E(m.Item), HtmlPage.E(m.Value) }));
        return HtmlPage.Document(title, sb.ToString());
    }

    private string GroupLabel() => _settings.GroupBy is { } g ? _rules.RuleSet.Subject.Record.FindField(g)?.Label ?? g : "分组";

    private static string Short(string reason) => reason.Length <= 28 ? reason : reason[..27] + "…";

    private static string Num(decimal d) => Value.Of(d).ToString();

    private IEnumerable<(string Item, string Value)> Manifest(long read, long scored, long rejected)
    {
        var rs = _rules.RuleSet;
        var rules = _settings.Rules!.Value;
        var input = _settings.Input!.Value;
        yield return ("规则集", $"{rs.Name}（{rs.Id}，版本 {rs.Version}）");
        yield return ("规则文件", rules.Text);
        yield return ("规则文件 SHA-256", Sha256(rules.Full));
        yield return ("输入文件", input.Text);
        yield return ("输入文件 SHA-256", Sha256(input.Full));
        yield return ("评估日期", _settings.AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "未指定");
        foreach (var p in rs.Parameters)
            yield return ($"参数 {p.Label ?? p.Name}（{p.Name}）", InForce(p));
        yield return ("读取 / 评定 / 拒收", $"{read:N0} / {scored:N0} / {rejected:N0}");
        yield return ("生成工具", $"scoring {typeof(Cli).Assembly.GetName().Version}");
    }

    /// <summary>The values a parameter had in this run: given with --param, or those in force on the as-of date (one per key).</summary>
    private string InForce(ParameterDefinition p)
    {
        if (_settings.Parameters.TryGetValue(p.Name, out var given)) return $"{Num(given)}（运行时给出）";
        if (p.Values.IsDefaultOrEmpty) return "未给出";
        var asOf = _settings.AsOf ?? DateOnly.MaxValue;
        var parts = p.Values.Where(v => v.From <= asOf).GroupBy(v => v.Key)
            .Select(g => g.OrderBy(v => v.From).Last())
            .Select(v => $"{v.Key ?? "其他"}：{(v.Bands.IsDefaultOrEmpty ? Num(v.Value) : string.Join("；", v.Bands.Select(b => $"{Num(b.From)} 起 {Num(b.Rate * 100)}%")))}（自 {v.From:yyyy-MM-dd}）");
        var text = string.Join("，", parts);
        return (text.Length == 0 ? "评估日期前没有取值" : text) + (p.Unit is { } u ? " " + u : "");
    }

    private static string Sha256(string path)
    {
        using var f = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(f)).ToLowerInvariant();
    }

    /// <summary>The tallies of a chunk of records, or of the whole run.</summary>
    private sealed class Tally
    {
        public Tally(int width)
        {
            Width = width;
            Outcomes = Enumerable.Range(0, width).Select(_ => new OutcomeTally()).ToArray();
        }

        public int Width { get; }
        public long Records;
        public Dictionary<string, long> Groups { get; } = new(StringComparer.Ordinal);
        public OutcomeTally[] Outcomes { get; }

        public void Merge(Tally other)
        {
            Records += other.Records;
            foreach (var (g, n) in other.Groups) Groups[g] = Groups.GetValueOrDefault(g) + n;
            for (int i = 0; i < Outcomes.Length; i++) Outcomes[i].Merge(other.Outcomes[i]);
        }
    }

    private sealed class OutcomeTally
    {
        public Dictionary<string, long> Categories { get; } = new(StringComparer.Ordinal);
        public Histogram Numbers { get; } = new();
        public Dictionary<string, Dictionary<string, long>> PerGroup { get; } = new(StringComparer.Ordinal);

        public void Count(string category)
        {
            if (Categories.Count >= 1000 && !Categories.ContainsKey(category)) category = "其他";
            Categories[category] = Categories.GetValueOrDefault(category) + 1;
        }

        public void Merge(OutcomeTally other)
        {
            foreach (var (c, n) in other.Categories) Categories[c] = Categories.GetValueOrDefault(c) + n;
            Numbers.Merge(other.Numbers);
            foreach (var (g, d) in other.PerGroup)
            {
                var mine = PerGroup.TryGetValue(g, out var m) ? m : PerGroup[g] = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var (c, n) in d) mine[c] = mine.GetValueOrDefault(c) + n;
            }
        }
    }

    /// <summary>
    /// Counts of numbers, exact while there are few distinct values (stars 0–10); past that, in buckets that widen as
    /// needed (1, 2, 5 × 10ⁿ), so that any number of records keeps a few thousand counts. Mergeable.
    /// </summary>
    private sealed class Histogram
    {
        private const int MaxBuckets = 2048;
        private Dictionary<decimal, long> _counts = new();
        private decimal _width; // 0: exact values

        public long Count { get; private set; }
        public decimal Sum { get; private set; }
        public decimal Min { get; private set; } = decimal.MaxValue;
        public decimal Max { get; private set; } = decimal.MinValue;

        public void Add(decimal v)
        {
            Count++;
            Sum += v;
            if (v < Min) Min = v;
            if (v > Max) Max = v;
            var key = _width == 0 ? v : decimal.Floor(v / _width) * _width;
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
            if (_counts.Count > MaxBuckets) Widen(NextWidth());
        }

        private decimal NextWidth()
        {
            if (_width != 0) return Step(_width * 2);
            var span = Max - Min;
            return Step(span <= 0 ? 1 : span / (MaxBuckets / 4));
        }

        /// <summary>The smallest 1, 2 or 5 × 10ⁿ at least <paramref name="w"/>.</summary>
        private static decimal Step(decimal w)
        {
            decimal p = 0.0001m;
            while (true)
            {
                foreach (var m in new[] { 1m, 2m, 5m }) if (m * p >= w) return m * p;
                p *= 10;
            }
        }

        private void Widen(decimal width)
        {
            _width = width;
            var next = new Dictionary<decimal, long>();
            foreach (var (k, n) in _counts)
            {
                var key = decimal.Floor(k / width) * width;
                next[key] = next.GetValueOrDefault(key) + n;
            }
            _counts = next;
        }

        public void Merge(Histogram other)
        {
            if (other.Count == 0) return;
            Count += other.Count;
            Sum += other.Sum;
            Min = Math.Min(Min, other.Min);
            Max = Math.Max(Max, other.Max);
            var width = Math.Max(_width, other._width);
            if (width != _width) Widen(width);
            foreach (var (k, n) in other._counts)
            {
                var key = width == 0 ? k : decimal.Floor(k / width) * width;
                _counts[key] = _counts.GetValueOrDefault(key) + n;
            }
            while (_counts.Count > MaxBuckets) Widen(NextWidth());
        }

        /// <summary>Bars: one per value when there are at most 24 of them, else twelve equal ranges from the smallest to the largest.</summary>
        public List<(string Label, long Count)> Bars()
        {
            if (_width == 0 && _counts.Count <= 24)
                return _counts.OrderBy(c => c.Key).Select(c => (Num(c.Key), c.Value)).ToList();
            const int bins = 12;
            var step = Step((Max - Min) / bins);
            if (step == 0) step = 1;
            var start = decimal.Floor(Min / step) * step;
            var counts = new long[bins + 1];
            foreach (var (k, n) in _counts)
            {
                int b = (int)Math.Min(bins, decimal.Floor((k - start) / step));
                counts[Math.Max(0, b)] += n;
            }
            var bars = new List<(string, long)>();
            for (int b = 0; b <= bins; b++)
                if (counts[b] > 0 || b < bins) bars.Add(($"{Num(start + b * step)}–{Num(start + (b + 1) * step)}", counts[b]));
            while (bars.Count > 0 && bars[^1].Item2 == 0) bars.RemoveAt(bars.Count - 1);
            return bars;
        }
    }
}
