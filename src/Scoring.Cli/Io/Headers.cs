namespace Scoring.Cli.Io;

/// <summary>The column names of a run's rows, by key (<c>dibao.status</c>) or by label (<c>低保·状态</c>): kept fields, the key, then the outcomes.</summary>
internal static class Headers
{
    /// <summary>Labels of the fields of every eligibility result (the rule set's own result fields bring theirs).</summary>
    private static readonly Dictionary<string, string> ResultFieldLabels = new(StringComparer.Ordinal)
    {
        ["status"] = "状态", ["amount"] = "金额", ["missing_documents"] = "缺少材料", ["reasons"] = "原因",
    };

    public static List<string> For(CompiledRuleSet rules, OutputOptions options)
    {
        var rs = rules.RuleSet;
        var fields = rs.Subject.Record;
        string FieldName(string f) => options.LabelHeaders ? fields.FindField(f)?.Label ?? f : f;
        var names = new List<string>();
        names.Add(FieldName(rules.Reader.KeyField));
        foreach (var k in options.Keep) names.Add(FieldName(k));
        foreach (var o in rules.Outcomes)
        {
            var label = options.LabelHeaders ? o.Label ?? o.Key : o.Key;
            if (o.Fields.Count == 0) { names.Add(label); continue; }
            var def = rs.Find(o.Key) as Model.EligibilityDefinition;
            foreach (var f in o.Fields)
                names.Add(options.LabelHeaders ? $"{label}·{FieldLabel(rs, def, f)}" : $"{o.Key}.{f}");
        }
        return names;
    }

    private static string FieldLabel(RuleSet rs, Model.EligibilityDefinition? def, string field)
    {
        if (ResultFieldLabels.TryGetValue(field, out var l)) return l;
        var rf = def?.Fields.FirstOrDefault(x => x.Name == field);
        if (rf?.Label is { } own) return own;
        if (rf?.Expression is Syntax.NameExpr n && (rs.Find(n.Name)?.Label ?? rs.Parameters.FirstOrDefault(p => p.Name == n.Name)?.Label) is { } named) return named;
        return field;
    }
}
