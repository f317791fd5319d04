using System.Globalization;
using System.Text.Json;
using Scoring.Model;
using Scoring.Primitives;

namespace Scoring.Runtime;

/// <summary>Records read from JSON objects.</summary>
public sealed partial class RecordReader
{
    private static Record ReadJson(RecordLayout layout, JsonElement obj, string prefix, List<FieldError> errors)
    {
        var rec = new Record(layout);
        foreach (var f in layout.Fields)
        {
            var path = Path(prefix, f.Name);
            string? text = obj.TryGetProperty(f.Name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : null;
            if (v.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null || (text is { Length: 0 } && f.Def.Type != FieldType.String))
            {
                Missing(rec, f, path, errors);
                continue;
            }
            switch (v.ValueKind)
            {
                case JsonValueKind.String:
                    SetText(rec, f, text!, path, errors);
                    break;
                case JsonValueKind.Number:
                    if (f.Storage is Storage.Num or Storage.Long)
                    {
                        var raw = v.GetRawText();
                        bool exponent = raw.AsSpan().IndexOfAny('e', 'E') >= 0;
                        if (exponent ? decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) : ExactDecimal.TryParse(raw, out d))
                            SetNumber(rec, f, d, path, errors);
                        else errors.Add(new FieldError(path, $"{raw} cannot be held exactly (at most 28 significant digits)", FieldErrorKind.TooPrecise));
                    }
                    else if (f.Def.Type == FieldType.String) SetText(rec, f, v.GetRawText(), path, errors);
                    else errors.Add(new FieldError(path, $"expected {TypeName(f)}, found the number {v.GetRawText()}"));
                    break;
                case JsonValueKind.True:
                case JsonValueKind.False:
                    if (f.Storage == Storage.Bool)
                    {
                        rec.Bool[f.Slot] = v.ValueKind == JsonValueKind.True;
                        rec.Present[f.Index] = true;
                    }
                    else errors.Add(new FieldError(path, $"expected {TypeName(f)}, found {v.GetRawText()}"));
                    break;
                case JsonValueKind.Array when f.Storage == Storage.List:
                {
                    var items = new List<string>();
                    int i = 0;
                    foreach (var it in v.EnumerateArray())
                    {
                        if (it.ValueKind != JsonValueKind.String) errors.Add(new FieldError($"{path}[{i}]", "expected text"));
                        else items.Add(it.GetString()!);
                        i++;
                    }
                    SetList(rec, f, items, path, errors);
                    break;
                }
                default:
                    errors.Add(new FieldError(path, $"expected {TypeName(f)}, found a JSON {v.ValueKind.ToString().ToLowerInvariant()}"));
                    break;
            }
        }
        foreach (var c in layout.Collections)
        {
            var path = Path(prefix, c.Def.Name);
            if (!obj.TryGetProperty(c.Def.Name, out var arr) || arr.ValueKind == JsonValueKind.Null)
            {
                errors.Add(new FieldError(path, "missing collection (write [] for none)", FieldErrorKind.Missing));
                continue;
            }
            if (arr.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new FieldError(path, $"expected an array of records, found a JSON {arr.ValueKind.ToString().ToLowerInvariant()}"));
                continue;
            }
            var children = new Record[arr.GetArrayLength()];
            int k = 0;
            foreach (var item in arr.EnumerateArray())
            {
                var cp = $"{path}[{k}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new FieldError(cp, "expected an object"));
                    children[k++] = new Record(c.Child);
                    continue;
                }
                children[k++] = ReadJson(c.Child, item, cp, errors);
            }
            rec.Children[c.Index] = children;
        }
        return rec;
    }
}
