using System.Collections;
using System.Globalization;
using System.Text.Json;
using Scoring.Model;

namespace Scoring.Runtime;

/// <summary>
/// Reads input records (JSON objects, text fields from CSV, or .NET dictionaries) against a rule
/// set's input schema. A required field that is missing, a value that does not parse as the
/// field's type, a number outside min/max or a value outside an enum is an error naming the field.
/// Fields the schema does not declare are ignored. Thread-safe.
/// </summary>
public sealed partial class RecordReader
{
    private readonly RecordLayout _layout;
    private readonly FieldSlot _key;

    internal RecordReader(RecordLayout layout, FieldSlot key)
    {
        _layout = layout;
        _key = key;
    }

    /// <summary>The names of the subject's scalar fields, in declaration order (e.g. for a CSV header check).</summary>
    public IReadOnlyList<string> FieldNames => _layout.Fields.Select(f => f.Name).ToArray();

    /// <summary>The names of the subject's child collections (JSON arrays).</summary>
    public IReadOnlyList<string> CollectionNames => _layout.Collections.Select(c => c.Def.Name).ToArray();

    /// <summary>The names of the subject's required scalar fields.</summary>
    public IReadOnlyList<string> RequiredFieldNames => _layout.Fields.Where(f => !f.Def.Optional).Select(f => f.Name).ToArray();

    /// <summary>The name of the key field.</summary>
    public string KeyField => _key.Name;

    [ThreadStatic] private static List<FieldError>? _errors;

    /// <summary>Reads a JSON object.</summary>
    public RecordResult Read(JsonElement json, long recordNumber = 0)
    {
        var errors = new List<FieldError>();
        if (json.ValueKind != JsonValueKind.Object)
            return new RecordResult(null, null, new[] { new FieldError(FieldError.RecordLevel, $"expected a JSON object, found {json.ValueKind.ToString().ToLowerInvariant()}", FieldErrorKind.Record) }, recordNumber);
        var rec = ReadJson(_layout, json, "", errors);
        return Finish(rec, errors, recordNumber);
    }

    /// <summary>Reads a record given as text fields, e.g. one CSV row: <paramref name="get"/> returns a field's text or null when absent.</summary>
    public RecordResult Read(Func<string, string?> get, long recordNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(get);
        var errors = new List<FieldError>(0);
        var rec = new Record(_layout);
        foreach (var f in _layout.Fields)
        {
            var text = get(f.Name);
            if (string.IsNullOrEmpty(text)) Missing(rec, f, f.Name, errors);
            else SetText(rec, f, text, f.Name, errors);
        }
        foreach (var c in _layout.Collections)
            errors.Add(new FieldError(c.Def.Name, "missing collection (flat input cannot carry child records; use JSON Lines)", FieldErrorKind.Missing));
        return Finish(rec, errors, recordNumber);
    }

    /// <summary>Reads a record given as .NET values: strings, numbers, booleans, DateOnly / DateTime, string lists, and for collections lists of dictionaries.</summary>
    public RecordResult Read(IReadOnlyDictionary<string, object?> values, long recordNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(values);
        var errors = new List<FieldError>();
        var rec = ReadObject(_layout, values.TryGetValue, "", errors);
        return Finish(rec, errors, recordNumber);
    }

    /// <summary>Looks up one value of a record being read; returns false when the record has no such field.</summary>
    public delegate bool ValueGetter(string name, out object? value);

    /// <summary>Reads a record whose values come from <paramref name="get"/> (e.g. the columns of a database row; DBNull counts as empty).</summary>
    public RecordResult Read(ValueGetter get, long recordNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(get);
        var errors = new List<FieldError>(0);
        var rec = ReadObject(_layout, get, "", errors);
        return Finish(rec, errors, recordNumber);
    }

    private string? KeyOf(Record rec) =>
        rec.Present[_key.Index] ? (_key.Storage == Storage.Str ? rec.Str[_key.Slot] : rec.Read(_key).ToString()) : null;

    private RecordResult Finish(Record rec, List<FieldError> errors, long number)
    {
        string? key = KeyOf(rec);
        rec.Key = key;
        rec.Number = number;
        // the error list may be a per-thread scratch list: keep a copy only when there are errors
        return new RecordResult(errors.Count == 0 ? rec : null, key, errors.Count == 0 ? Array.Empty<FieldError>() : errors.ToArray(), number);
    }

    private static string Path(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    private static void Missing(Record rec, FieldSlot f, string path, List<FieldError> errors)
    {
        rec.Present[f.Index] = false;
        if (!f.Def.Optional) errors.Add(new FieldError(path, "missing required field", FieldErrorKind.Missing));
    }
}
