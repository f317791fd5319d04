using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

using Scoring.Model;
using Scoring.Runtime;

namespace Scoring;

/// <summary>
/// Writes outcome values, evaluations and explanations as JSON, the same shapes the <c>scoring</c>
/// command line prints: numbers exact and without trailing zeros, object outcomes as objects,
/// explanations as an array of items.
/// </summary>
public static class ResultJson
{
    /// <summary>Writer options that keep Chinese labels readable (no <c>\uXXXX</c> escapes); for output read by people and JSON parsers, not embedded in HTML.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The invariant text of a decimal without trailing zeros after the point (5760.00 → 5760), written into <paramref name="buffer"/> (48 characters are always enough).</summary>
    internal static ReadOnlySpan<char> FormatNumber(decimal value, Span<char> buffer)
    {
        value.TryFormat(buffer, out int n, default, CultureInfo.InvariantCulture);
        var s = buffer[..n];
        if (s.IndexOf('.') >= 0)
        {
            s = s.TrimEnd('0');
            if (s[^1] == '.') s = s[..^1];
        }
        return s is "-0" ? "0" : s;
    }

    /// <summary>Writes one value: empty as <c>null</c>, numbers exact, lists as arrays, objects as objects, dates and months as text.</summary>
    public static void WriteValue(Utf8JsonWriter writer, Value value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value.Kind)
        {
            case ValueKind.Empty: writer.WriteNullValue(); break;
            case ValueKind.Boolean: writer.WriteBooleanValue(value.AsBoolean); break;
            case ValueKind.Number:
            {
                Span<char> buf = stackalloc char[48];
                writer.WriteRawValue(FormatNumber(value.AsNumber, buf), skipInputValidation: true);
                break;
            }
            case ValueKind.List:
                writer.WriteStartArray();
                foreach (var i in value.AsList) WriteValue(writer, i);
                writer.WriteEndArray();
                break;
            case ValueKind.Object:
                writer.WriteStartObject();
                foreach (var f in value.AsObject)
                {
                    writer.WritePropertyName(f.Key);
                    WriteValue(writer, f.Value);
                }
                writer.WriteEndObject();
                break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }

    /// <summary>Writes the outcomes as one object, <c>{"key": value, …}</c>, in the rule set's order.</summary>
    public static void WriteOutcomes(Utf8JsonWriter writer, IReadOnlyList<Outcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(outcomes);
        writer.WriteStartObject();
        foreach (var o in outcomes)
        {
            writer.WritePropertyName(o.Key);
            WriteValue(writer, o.Value);
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes an explanation as an array with one object per definition: key, label, kind, value, met, points, rule, inputs, notes.</summary>
    public static void WriteExplanation(Utf8JsonWriter writer, Explanation explanation)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(explanation);
        writer.WriteStartArray();
        foreach (var item in explanation.Items)
        {
            writer.WriteStartObject();
            writer.WriteString("key", item.Key);
            if (item.Label is not null) writer.WriteString("label", item.Label);
            writer.WriteString("kind", item.Kind.ToKeyword());
            writer.WritePropertyName("value");
            WriteValue(writer, item.Value);
            if (item.Met is { } met) writer.WriteBoolean("met", met);
            if (item.Points is { } p) writer.WriteNumber("points", Value.Normalize(p));
            if (item.Rule is not null) writer.WriteString("rule", item.Rule);
            if (item.Inputs.Count > 0)
            {
                writer.WriteStartArray("inputs");
                foreach (var i in item.Inputs)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", i.Name);
                    if (i.Label is not null) writer.WriteString("label", i.Label);
                    writer.WritePropertyName("value");
                    WriteValue(writer, i.Value);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            if (item.Notes.Count > 0)
            {
                writer.WriteStartArray("notes");
                foreach (var n in item.Notes) writer.WriteStringValue(n);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>
    /// Writes one evaluation as the command line's JSON Lines record: <c>{"id": …, "outcomes": {…}}</c>,
    /// plus <c>"explanation": […]</c> when it has one, or <c>"error": {"code": …, "message": …}</c> when it was rejected.
    /// </summary>
    public static void WriteEvaluation(Utf8JsonWriter writer, Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(evaluation);
        writer.WriteStartObject();
        writer.WriteString("id", evaluation.Key);
        if (evaluation.Error is { } error)
        {
            writer.WriteStartObject("error");
            writer.WriteString("code", error.Code);
            writer.WriteString("message", error.Message);
            if (error.Span.IsKnown) writer.WriteString("at", error.Span.ToString());
            writer.WriteEndObject();
        }
        else
        {
            writer.WritePropertyName("outcomes");
            WriteOutcomes(writer, evaluation.Outcomes);
            if (evaluation.Explanation is { } ex)
            {
                writer.WritePropertyName("explanation");
                WriteExplanation(writer, ex);
            }
        }
        writer.WriteEndObject();
    }
}
