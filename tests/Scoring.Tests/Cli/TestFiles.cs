using System.Text;
using System.Text.Json;

namespace Scoring.Tests.Cli;

/// <summary>Independent readers for the tool's outputs (not the tool's own code).</summary>
public static class TestFiles
{
    /// <summary>Parses JSON Lines: every non-empty line must be one JSON object.</summary>
    public static List<JsonElement> ParseJsonLines(string text)
    {
        var list = new List<JsonElement>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
            list.Add(doc.RootElement.Clone());
        }
        return list;
    }

    /// <summary>A small RFC 4180 reader: quoted fields, doubled quotes, commas and line breaks inside quotes.</summary>
    public static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; any = true; break;
                case ',': row.Add(field.ToString()); field.Clear(); any = true; break;
                case '\r': break;
                case '\n':
                    if (any || field.Length > 0) { row.Add(field.ToString()); rows.Add(row.ToArray()); }
                    row.Clear(); field.Clear(); any = false;
                    break;
                default: field.Append(c); any = true; break;
            }
        }
        Assert.False(quoted, "unclosed quote in CSV output");
        if (any || field.Length > 0) { row.Add(field.ToString()); rows.Add(row.ToArray()); }
        return rows;
    }

    /// <summary>The values of the first column of a CSV file's data rows (the samples have no quoted fields).</summary>
    public static string[] FirstColumn(string csvPath) => ParseCsv(File.ReadAllText(csvPath)).Skip(1).Select(r => r[0]).ToArray();

    public static string Id(this JsonElement result) => result.GetProperty("id").GetString()!;

    public static JsonElement Outcome(this JsonElement result, string key) => result.GetProperty("outcomes").GetProperty(key);
}

/// <summary>Rule files read with a plain YAML parser (not the tool's loader): what <c>validate</c> and <c>test</c> should report for them.</summary>
public static class RuleFiles
{
    /// <summary>What a rule file declares: id, version, how many outcomes, and how many test cases (its own <c>tests</c> plus those of its <c>tests_file</c>).</summary>
    public sealed record Info(string Path, string Id, string Version, int Outcomes, int InlineTests, string? TestsFile, int TestCount);

    /// <summary>The rule files of a directory (<c>*.yaml</c> without the <c>*.tests.yaml</c> test files), in ordinal order.</summary>
    public static string[] InDirectory(string dir) =>
        Directory.GetFiles(dir, "*.yaml")
            .Where(f => !f.EndsWith(".tests.yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();

    private static YamlDotNet.RepresentationModel.YamlNode Load(string file)
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        using (var reader = new StreamReader(file)) yaml.Load(reader);
        return yaml.Documents[0].RootNode;
    }

    public static Info Read(string file)
    {
        var root = Assert.IsType<YamlDotNet.RepresentationModel.YamlMappingNode>(Load(file));
        string Scalar(string key) => ((YamlDotNet.RepresentationModel.YamlScalarNode)root.Children[new YamlDotNet.RepresentationModel.YamlScalarNode(key)]).Value!;
        int Count(string key) => root.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode(key), out var n)
            ? Assert.IsType<YamlDotNet.RepresentationModel.YamlSequenceNode>(n).Children.Count : 0;
        int inline = Count("tests");
        string? testsFile = null;
        int fromFile = 0;
        if (root.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("tests_file"), out var tf))
        {
            testsFile = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file)!, ((YamlDotNet.RepresentationModel.YamlScalarNode)tf).Value!);
            // a test file's top level is a list of test cases, not a mapping
            fromFile = Assert.IsType<YamlDotNet.RepresentationModel.YamlSequenceNode>(Load(testsFile)).Children.Count;
        }
        return new Info(file, Scalar("id"), Scalar("version"), Count("outcomes"), inline, testsFile, inline + fromFile);
    }
}
