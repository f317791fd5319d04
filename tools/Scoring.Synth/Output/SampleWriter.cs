using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Scoring.Synth;

/// <summary>
/// Writes the records of a committed sample as the Python generators that first made them did: JSON Lines either
/// as Python's <c>json.dumps</c> writes them (", " and ": " between items) or compact, CSV as Python's
/// <c>csv.writer</c> (quotes only where needed, '\n' line ends). Numbers are written with the scale they were given
/// (a decimal 20.0 stays <c>20.0</c>).
/// </summary>
internal static class SampleWriter
{
    public static void JsonLines(IEnumerable<JsonObject> records, Stream output, bool compact)
    {
        var sb = new StringBuilder();
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        foreach (var r in records)
        {
            sb.Clear();
            Json(sb, r, compact);
            w.Write(sb.Append('\n'));
        }
    }

    public static void Csv(IEnumerable<JsonObject> records, IReadOnlyList<Token> columns, Stream output)
    {
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        w.Write(string.Join(",", columns.Select(c => Token.CsvField(c.Text))) + "\n");
        foreach (var r in records)
        {
            if (r.Count != columns.Count || !r.Select(p => p.Key).SequenceEqual(columns.Select(c => c.Text)))
                throw new InvalidOperationException($"CSV record with fields {string.Join(",", r.Select(p => p.Key))}: not the header's");
            w.Write(string.Join(",", r.Select(p => Token.CsvField(Scalar(p.Value)))) + "\n");
        }
    }

    private static void Json(StringBuilder sb, JsonNode? node, bool compact)
    {
        string item = compact ? "," : ", ", key = compact ? ":" : ": ";
        switch (node)
        {
            case JsonObject o:
                sb.Append('{');
                bool first = true;
                foreach (var (name, value) in o)
                {
                    if (!first) sb.Append(item);
                    first = false;
                    String(sb, name).Append(key);
                    Json(sb, value, compact);
                }
                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                for (int i = 0; i < a.Count; i++)
                {
                    if (i > 0) sb.Append(item);
                    Json(sb, a[i], compact);
                }
                sb.Append(']');
                break;
            case JsonValue v when v.TryGetValue(out string? s):
                String(sb, s);
                break;
            default:
                sb.Append(Scalar(node));
                break;
        }
    }

    /// <summary>A value as Python printed it: null, true/false, a whole number, a decimal with its scale, or a string's text.</summary>
    private static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.TryGetValue(out bool b) => b ? "true" : "false",
        JsonValue v when v.TryGetValue(out int i) => i.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue(out long l) => l.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue(out decimal d) => d.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => throw new InvalidOperationException($"not a sample value: {node.ToJsonString()}"),
    };

    /// <summary>A JSON string as <c>json.dumps(s, ensure_ascii=False)</c> writes it: only quotes, backslashes and control characters escaped.</summary>
    private static StringBuilder String(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"');
    }
}
