using System.Globalization;
using System.Text;
using Scoring.Cli.Commands;
using Scoring.Model;
using Scoring.Runtime;

namespace Scoring.Cli.Pages;

/// <summary>
/// The notice board page (公示): a heading with the rule set's name and version, the as-of date and the
/// publication period, then one table per group with each subject's key (and kept fields), its outcomes in the
/// public's words and a short reason (the standards missed, a veto, what a programme lacks). Fields marked
/// <c>mask: true</c> are shown masked.
/// </summary>
internal sealed class NoticeBoard(CompiledRuleSet rules, RecordSettings settings)
{
    public sealed record Entry(Evaluation Evaluation, string Group, Value[] Kept);

    public string Page(IReadOnlyList<Entry> entries, long rejected)
    {
        var rs = rules.RuleSet;
        var fields = rs.Subject.Record;
        var title = settings.Title ?? $"{rs.Name}结果公示";
        var sb = new StringBuilder();
        sb.Append("<h1>").Append(HtmlPage.E(title)).Append("</h1>\n");
        sb.Append("<p class=\"meta\">").Append(HtmlPage.E($"依据：{rs.Name}（{rs.Version} 版）")).Append("</p>\n");
        if (settings.AsOf is { } asOf) sb.Append("<p class=\"meta\">评估日期：").Append(asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</p>\n");
        sb.Append("<p class=\"meta\">").Append(HtmlPage.E(settings.Period is { } p ? $"公示期：{p.Replace("..", " 至 ", StringComparison.Ordinal)}" : "公示期：自张贴之日起七天")).Append("</p>\n");
        var key = rules.Reader.KeyField;
        var headers = new List<string> { fields.FindField(key)?.Label ?? key };
        headers.AddRange(settings.Keep.Select(k => fields.FindField(k)?.Label ?? k));
        headers.AddRange(rules.Outcomes.Select(o => o.Label ?? o.Key));
        headers.Add("说明");
        var groupLabel = settings.GroupBy is { } g ? fields.FindField(g)?.Label ?? g : null;
        foreach (var group in entries.GroupBy(e => e.Group).OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            sb.Append("<section class=\"group\">\n");
            if (groupLabel is not null) sb.Append("<h2>").Append(HtmlPage.E($"{groupLabel}：{group.Key}（{group.Count()} 条）")).Append("</h2>\n");
            HtmlPage.Table(sb, headers, group.Select(Row));
            sb.Append("</section>\n");
        }
        if (entries.Count == 0) sb.Append("<p>没有可公示的记录。</p>\n");
        sb.Append("<footer>").Append(HtmlPage.E($"共公示 {entries.Count} 条{(rejected > 0 ? $"；另有 {rejected} 条记录数据有误，核实后另行公示" : "")}。对公示结果有异议的，请在公示期内向村（社区）反映。")).Append("</footer>\n");
        return HtmlPage.Document(title, sb.ToString());
    }

    private IReadOnlyList<string> Row(Entry entry)
    {
        var e = entry.Evaluation;
        var fields = rules.RuleSet.Subject.Record;
        var cells = new List<string> { HtmlPage.E(Shown(fields.FindField(rules.Reader.KeyField), e.Key ?? "")) };
        for (int k = 0; k < settings.Keep.Count; k++)
        {
            var f = fields.FindField(settings.Keep[k]);
            var v = entry.Kept[k];
            cells.Add(HtmlPage.E(Shown(f, v.Kind == ValueKind.Text && f is not null ? f.LabelOf(v.AsText!) : PublicExplanation.FormatValue(rules, "", v))));
        }
        foreach (var o in e.Outcomes) cells.Add(HtmlPage.E(PublicExplanation.FormatValue(rules, o.Key, o.Value)));
        cells.Add(HtmlPage.E(Reason(e)));
        return cells;
    }

    /// <summary>A field's text as the notice shows it: masked when the field says so.</summary>
    private static string Shown(FieldDefinition? field, string text) => field?.Mask == true ? Mask(text) : text;

    /// <summary>The middle of a personal number hidden: 142701198001010012 → 1427**********0012.</summary>
    public static string Mask(string text)
    {
        if (text.Length <= 2) return new string('*', text.Length);
        int keep = text.Length >= 12 ? 4 : text.Length >= 6 ? 2 : 1;
        return text[..keep] + new string('*', text.Length - 2 * keep) + text[^keep..];
    }

    /// <summary>The short reason: the standards missed (未得), the conditions a programme lacks, a veto that applied.</summary>
    private string Reason(Evaluation e)
    {
        if (e.Explanation is not { } ex) return "";
        var rs = rules.RuleSet;
        var parts = new List<string>();
        var missed = ex.Items.Where(i => i.Kind == DefinitionKind.Criterion && i.Met == false && rs.Find(i.Key) is CriterionDefinition { Score: not null }).Select(i => i.Label ?? i.Key).ToList();
        if (missed.Count > 0) parts.Add("未得：" + string.Join("、", missed));
        foreach (var item in ex.Items)
        {
            switch (rs.Find(item.Key))
            {
                case ClassificationDefinition k when item.Sentence is { } s && s.Contains("一票否决", StringComparison.Ordinal):
                    parts.Add(s[(s.IndexOf("一票否决", StringComparison.Ordinal))..].TrimEnd('）'));
                    break;
                case EligibilityDefinition when item.IsOutcome && item.Value.Kind == ValueKind.Object:
                    var reasons = item.Value["reasons"].AsList;
                    var missing = item.Value["missing_documents"].AsList;
                    if (item.Met == false && reasons.Count > 0) parts.Add($"{item.Label ?? item.Key}未满足：{string.Join("、", reasons.Select(r => rs.Find(r.AsText ?? "")?.Label ?? r.ToString()))}");
                    else if (missing.Count > 0 && item.Sentence is { } sentence && sentence.IndexOf("尚缺材料", StringComparison.Ordinal) is var at and >= 0)
                        parts.Add($"{item.Label ?? item.Key}{sentence[at..].Split('；')[0]}");
                    break;
            }
        }
        return string.Join("；", parts);
    }
}
