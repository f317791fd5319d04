using System.Text;
using Scoring.Runtime;

namespace Scoring;

/// <summary>Renders an explanation as plain text with the rule set's (Chinese) labels, fit to post on a notice board.</summary>
public static class ExplanationFormatter
{
    /// <summary>Formats the outcomes and explanation of <paramref name="evaluation"/>.</summary>
    /// <param name="evaluation">An evaluation made with <c>explain: true</c>.</param>
    /// <param name="ruleSet">The compiled rule set it came from.</param>
    /// <param name="title">A heading, e.g. the record's name.</param>
    public static string Format(Evaluation evaluation, CompiledRuleSet ruleSet, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(ruleSet);
        var rs = ruleSet.RuleSet;
        var sb = new StringBuilder();
        sb.Append(title ?? evaluation.Key ?? "(record)");
        if (title is not null && evaluation.Key is not null && !title.Contains(evaluation.Key, StringComparison.Ordinal)) sb.Append(" (").Append(evaluation.Key).Append(')');
        sb.AppendLine();
        sb.Append(rs.Name).Append("  [").Append(rs.Id).Append(" v").Append(rs.Version).AppendLine("]");
        if (rs.Policy is not null) sb.Append("依据 Policy: ").AppendLine(rs.Policy);
        sb.AppendLine();
        if (evaluation.Error is { } err)
        {
            sb.Append("未能评定 Not scored: ").AppendLine(err.Message);
            return sb.ToString();
        }
        sb.AppendLine("结果 Outcomes");
        foreach (var o in evaluation.Outcomes)
        {
            sb.Append("  ").Append(Name(o.Label, o.Key)).Append(": ");
            AppendValue(sb, o.Value, "    ", rs);
            sb.AppendLine();
        }
        if (evaluation.Explanation is not { } ex) return sb.ToString();
        sb.AppendLine();
        sb.AppendLine("明细 Details");
        foreach (var item in ex.Items)
        {
            string mark = item.Met switch { true => "✓", false => "✗", _ => "•" };
            sb.Append("  ").Append(mark).Append(' ').Append(Name(item.Label, item.Key));
            if (item.Met is null || item.Kind != Model.DefinitionKind.Criterion)
            {
                sb.Append(" = ");
                AppendValue(sb, item.Value, "      ", rs);
            }
            if (item.Points is { } p && p != 0) sb.Append("  (+").Append(Value.Of(p)).Append(')');
            sb.AppendLine();
            if (item.Rule is not null)
                sb.Append("      ").Append(item.Met == false ? "未达标准 standard missed: " : "规则 rule: ").AppendLine(item.Rule);
            if (item.Inputs.Count > 0)
            {
                sb.Append("      数据 values: ");
                for (int i = 0; i < item.Inputs.Count; i++)
                {
                    if (i > 0) sb.Append("; ");
                    var inp = item.Inputs[i];
                    sb.Append(Name(inp.Label, inp.Name)).Append(" = ");
                    AppendValue(sb, inp.Value, "", rs);
                }
                sb.AppendLine();
            }
            foreach (var n in item.Notes) sb.Append("      ").AppendLine(n);
        }
        return sb.ToString();
    }

    private static string Name(string? label, string key) => label is null ? key : $"{label} {key}";

    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        ["status"] = "状态 status", ["amount"] = "金额 amount", ["missing_documents"] = "缺少材料 missing documents",
        ["reasons"] = "原因 reasons",
    };

    private static void AppendValue(StringBuilder sb, Value v, string indent, RuleSet rs, string? field = null)
    {
        switch (v.Kind)
        {
            case ValueKind.Empty: sb.Append('—'); break;
            case ValueKind.Boolean: sb.Append(v.AsBoolean ? "是 yes" : "否 no"); break;
            case ValueKind.Object:
                foreach (var f in v.AsObject)
                {
                    sb.AppendLine().Append(indent).Append(FieldNames.TryGetValue(f.Key, out var n) ? n : f.Key).Append(": ");
                    AppendValue(sb, f.Value, indent + "  ", rs, f.Key);
                }
                break;
            case ValueKind.List when field == "reasons" && v.AsList.Count > 0:
                // reasons are criterion keys: show their labels, which is what a notice board needs
                sb.Append(string.Join("；", v.AsList.Select(r => rs.Find(r.ToString())?.Label is { } l ? $"{l} ({r})" : r.ToString())));
                break;
            case ValueKind.List:
                sb.Append(v.AsList.Count == 0 ? "—" : string.Join("、", v.AsList));
                break;
            default: sb.Append(v.ToString()); break;
        }
    }
}
