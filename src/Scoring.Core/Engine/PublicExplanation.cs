using System.Text;
using Scoring.Model;
using Scoring.Runtime;
using Scoring.Syntax;

namespace Scoring;

/// <summary>
/// The explanation for the public (a resident, the notice board): in the rule set's words only (Chinese), one
/// short sentence per outcome and per standard that decided it, from labels, the record's values and the
/// thresholds (or the author's <c>explain</c> sentences). No rule expressions, code names, paths or the data's
/// consistency checks. <see cref="ExplanationFormatter"/> is the staff's bilingual text with every detail.
/// </summary>
public static class PublicExplanation
{
    /// <summary>Formats the outcomes of <paramref name="evaluation"/> and why, for the public.</summary>
    /// <param name="evaluation">An evaluation made with <c>explain: true</c> (without, only the outcomes are shown).</param>
    /// <param name="ruleSet">The compiled rule set it came from.</param>
    /// <param name="title">A heading, e.g. the record's name; null: the record's key.</param>
    /// <param name="asOf">The date the rules were applied at, shown when given.</param>
    public static string Format(Evaluation evaluation, CompiledRuleSet ruleSet, string? title = null, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(ruleSet);
        var rs = ruleSet.RuleSet;
        var sb = new StringBuilder();
        sb.Append(title ?? evaluation.Key ?? "（记录）");
        if (title is not null && evaluation.Key is not null && !title.Contains(evaluation.Key, StringComparison.Ordinal)) sb.Append('（').Append(evaluation.Key).Append('）');
        sb.AppendLine();
        sb.Append(rs.Name).Append('（').Append(rs.Version).AppendLine(" 版）");
        if (asOf is { } d) sb.Append("评估日期：").AppendLine(d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        sb.AppendLine();
        if (evaluation.Error is { } err)
        {
            sb.Append("未能评定：").AppendLine(Rejection(err, rs));
            return sb.ToString();
        }
        var items = evaluation.Explanation?.Items ?? Array.Empty<ExplanationItem>();
        var byKey = new Dictionary<string, ExplanationItem>(StringComparer.Ordinal);
        foreach (var i in items) byKey[i.Key] = i;
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in evaluation.Outcomes) shown.Add(o.Key);
        sb.AppendLine("结果");
        foreach (var o in evaluation.Outcomes)
        {
            var def = rs.Find(o.Key);
            if (!byKey.TryGetValue(o.Key, out var item))
            {
                sb.Append("  ").Append(o.Label ?? o.Key).Append('：').AppendLine(Plain(o.Value));
                continue;
            }
            sb.Append("  ").AppendLine(Line(item, def, marked: def is CriterionDefinition { Score: not null }));
            // the standards behind it that are not outcomes of their own, once each: a score's and a
            // programme's are met or missed (✓/✗); others, such as a veto, are facts (是/否)
            bool mark = def is ScoreDefinition or EligibilityDefinition;
            foreach (var key in Supporting(def, item, rs))
            {
                if (!shown.Add(key) || !byKey.TryGetValue(key, out var s) || s.Sentence is null) continue;
                sb.Append("    ").AppendLine(Line(s, rs.Find(key), mark));
            }
        }
        return sb.ToString();
    }

    /// <summary>One line: a standard met or missed as ✓/✗ and why; another yes/no as 是/否 and why (a household not on the black list is 否, not ✗); anything else as its value and why.</summary>
    private static string Line(ExplanationItem item, Definition? def, bool marked)
    {
        var label = item.Label ?? item.Key;
        var sentence = item.Sentence ?? Plain(item.Value);
        if (item.Kind == DefinitionKind.Criterion && marked)
            return $"{(item.Met == true ? "✓" : "✗")} {label}：{sentence}";
        if (item.Kind == DefinitionKind.Criterion)
            return def?.Explain is not null ? $"{label}：{sentence}" : $"{label}：{(item.Met == true ? "是" : "否")}（{sentence}）";
        return $"{label}：{sentence}";
    }

    /// <summary>The criteria that decided an outcome: a score's, an eligibility's conditions, those a classification's case or veto that applied reads.</summary>
    private static IEnumerable<string> Supporting(Definition? def, ExplanationItem item, RuleSet rs)
    {
        switch (def)
        {
            case EligibilityDefinition e:
                foreach (var c in e.Conditions) yield return c.Key;
                break;
            case ScoreDefinition s:
                foreach (var c in rs.Definitions.OfType<CriterionDefinition>().Where(c => c.Score == s.Key)) yield return c.Key;
                foreach (var i in item.Inputs) yield return i.Name;
                break;
            case ClassificationDefinition:
            case ValueDefinition:
                foreach (var i in item.Inputs) yield return i.Name;
                break;
        }
    }

    /// <summary>
    /// An outcome's value in the public's words, short enough for a table cell: an eligibility result as its
    /// status (and amount), yes/no as 是/否, an enum code as its label, nothing as 无.
    /// </summary>
    public static string FormatValue(CompiledRuleSet ruleSet, string outcome, Value value)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var def = ruleSet.RuleSet.Find(outcome);
        if (def is EligibilityDefinition e && value.Kind == ValueKind.Object)
        {
            var status = value["status"];
            var words = e.StatusLabel(status.Kind == ValueKind.Boolean ? (status.AsBoolean ? "true" : "false") : status.AsText ?? "");
            return value["amount"] is { Kind: ValueKind.Number } a && a.AsNumber != 0 ? $"{words}（{a}）" : words;
        }
        if (value.Kind == ValueKind.Text && def is ValueDefinition { Expression: NameExpr n } && ruleSet.RuleSet.Subject.Record.FindField(n.Name) is { } f)
            return f.LabelOf(value.AsText!);
        return Plain(value);
    }

    private static string Plain(Value v) => v.Kind switch
    {
        ValueKind.Empty => "无",
        ValueKind.Boolean => v.AsBoolean ? "是" : "否",
        ValueKind.List => v.AsList.Count == 0 ? "无" : string.Join("、", v.AsList),
        _ => v.ToString(),
    };

    /// <summary>Why a record could not be scored, without code names: the field's label when one is known.</summary>
    private static string Rejection(EvaluationError err, RuleSet rs)
    {
        var field = err.Arguments.FirstOrDefault(a => a.Name == Diagnostics.DiagnosticArguments.Field).Value;
        if (field is not null)
        {
            var name = field.Split('.', '[')[0];
            var label = rs.Subject.Record.FindField(name)?.Label ?? rs.Subject.Record.FindCollection(name)?.Label;
            if (label is not null) return $"“{label}”缺失或有误，请核对后重新提交";
        }
        return "记录的数据不完整或相互矛盾，请核对后重新提交";
    }
}
