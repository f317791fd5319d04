using System.Collections;
using System.Globalization;
using System.Text.Json;
using Scoring.Primitives;
using Scoring.Model;

namespace Scoring.Runtime;

/// <summary>
/// Reads input records (JSON objects, text fields from CSV, or .NET dictionaries) against a rule
/// set's input schema. A required field that is missing, a value that does not parse as the
/// field's type, a number outside min/max or a value outside an enum is an error naming the field.
/// Fields the schema does not declare are ignored. Thread-safe.
/// </summary>
public sealed class RecordReader
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

    /// <summary>
    /// Maps the columns of a flat input (a CSV header) to the schema's fields once, for
    /// <see cref="Read(IReadOnlyList{string}, ColumnMap, long)"/>; the key and the required fields must be present.
    /// </summary>
    internal ColumnMap MapColumns(IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Map(_layout, header);
    }

    private static ColumnMap Map(RecordLayout layout, IReadOnlyList<string> header)
    {
        var index = new int[layout.Fields.Length];
        for (int f = 0; f < index.Length; f++)
        {
            index[f] = -1;
            for (int c = 0; c < header.Count; c++)
                if (header[c] == layout.Fields[f].Name) { index[f] = c; break; }
        }
        return new ColumnMap(index, header.Count);
    }

    /// <summary>Reads one row of text values laid out as the header given to <see cref="MapColumns"/> (the fast path for CSV).</summary>
    internal RecordResult Read(IReadOnlyList<string> row, ColumnMap columns, long recordNumber = 0) =>
        Read(row, columns, null, recordNumber);

    /// <summary>
    /// Reads one flat row whose child records come from other flat files (e.g. a members CSV joined by
    /// household id): <paramref name="children"/> gives, per collection, the child rows of this record.
    /// </summary>
    internal RecordResult Read(IReadOnlyList<string> row, ColumnMap columns, IReadOnlyDictionary<string, ChildRows>? children, long recordNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(row);
        return ReadRow(new StringRow(row), columns, children, recordNumber);
    }

    private RecordResult ReadRow<TRow>(TRow row, ColumnMap columns, IReadOnlyDictionary<string, ChildRows>? children, long recordNumber)
        where TRow : struct, IFlatRow
    {
        ArgumentNullException.ThrowIfNull(columns);
        var errors = _errors ??= new List<FieldError>();
        errors.Clear();
        var rec = ReadFlat(_layout, row, columns, "", errors);
        ReadChildren(rec, children, errors);
        return Finish(rec, errors, recordNumber);
    }

    private void ReadChildren(Record rec, IReadOnlyDictionary<string, ChildRows>? children, List<FieldError> errors)
    {
        foreach (var c in _layout.Collections)
        {
            if (children is null || !children.TryGetValue(c.Def.Name, out var rows))
            {
                errors.Add(new FieldError(c.Def.Name, "missing collection (flat input cannot carry child records: use JSON Lines, or join a child file)", FieldErrorKind.Missing));
                continue;
            }
            var list = new Record[rows.Rows.Count];
            for (int k = 0; k < list.Length; k++) list[k] = ReadFlat(c.Child, rows.Rows[k], rows.Columns, $"{c.Def.Name}[{k}]", errors);
            rec.Children[c.Index] = list;
        }
    }

    private static Record ReadFlat(RecordLayout layout, IReadOnlyList<string> row, ColumnMap columns, string prefix, List<FieldError> errors) =>
        ReadFlat(layout, new StringRow(row), columns, prefix, errors);

    private static Record ReadFlat<TRow>(RecordLayout layout, TRow row, ColumnMap columns, string prefix, List<FieldError> errors, Record? into = null)
        where TRow : struct, IFlatRow
    {
        var rec = into ?? new Record(layout);
        var fields = layout.Fields;
        for (int i = 0; i < fields.Length; i++)
        {
            var f = fields[i];
            int c = columns.Index[i];
            var text = c >= 0 && c < row.Count ? row.Span(c) : default;
            var path = prefix.Length == 0 ? f.Name : prefix + "." + f.Name;
            if (text.IsEmpty) Missing(rec, f, path, errors);
            else SetText(rec, f, text, row.String(c), path, errors);
        }
        return rec;
    }

    /// <summary>
    /// Reads one row held as a <see cref="TextRow"/> (one string for the whole row), laid out as the header
    /// given to <see cref="MapColumns"/>: text becomes strings only for text fields, numbers are parsed in place.
    /// </summary>
    internal RecordResult Read(TextRow row, ColumnMap columns, IReadOnlyDictionary<string, ChildRows>? children = null, long recordNumber = 0) =>
        ReadRow(row, columns, children, recordNumber);

    /// <summary>Maps the header of a flat file holding the child records of <paramref name="collection"/>.</summary>
    /// <exception cref="ArgumentException">The subject has no such collection.</exception>
    internal ColumnMap MapChildColumns(string collection, IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Map(ChildLayout(collection), header);
    }

    /// <summary>The required fields of the child records of <paramref name="collection"/>.</summary>
    internal IReadOnlyList<string> ChildRequiredFieldNames(string collection) =>
        ChildLayout(collection).Fields.Where(f => !f.Def.Optional).Select(f => f.Name).ToArray();

    private RecordLayout ChildLayout(string collection) =>
        _layout.CollectionsByName.TryGetValue(collection, out var c) ? c.Child
            : throw new ArgumentException($"the subject has no collection '{collection}'; it has: {string.Join(", ", CollectionNames)}", nameof(collection));

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

    /// <summary>A record to read rows into again and again (see <see cref="TryReadInto"/>).</summary>
    internal Record NewRecord() => new(_layout);

    /// <summary>
    /// The allocation-light twin of <see cref="Read(TextRow, ColumnMap, IReadOnlyDictionary{string, ChildRows}?, long)"/>
    /// for a caller that evaluates each record at once and then reuses it (the CLI's fast path): every field of
    /// <paramref name="target"/> is overwritten or marked missing. False, with the reason, when the row is invalid.
    /// </summary>
    internal bool TryReadInto(TextRow row, ColumnMap columns, IReadOnlyDictionary<string, ChildRows>? children, long recordNumber, Record target,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out RecordResult? failure)
    {
        var errors = _errors ??= new List<FieldError>();
        errors.Clear();
        ReadFlat(_layout, row, columns, "", errors, target);
        ReadChildren(target, children, errors);
        target.Key = KeyOf(target);
        target.Number = recordNumber;
        failure = errors.Count == 0 ? null : new RecordResult(null, target.Key, errors.ToArray(), recordNumber);
        return failure is null;
    }

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

    private static Record ReadObject(RecordLayout layout, ValueGetter values, string prefix, List<FieldError> errors)
    {
        var rec = new Record(layout);
        foreach (var f in layout.Fields)
        {
            var path = Path(prefix, f.Name);
            if (!values(f.Name, out var v) || v is null || v is DBNull || (v is string { Length: 0 } && f.Def.Type != FieldType.String))
            {
                Missing(rec, f, path, errors);
                continue;
            }
            switch (v)
            {
                case string s: SetText(rec, f, s, path, errors); break;
                case bool b when f.Storage == Storage.Bool: rec.Bool[f.Slot] = b; rec.Present[f.Index] = true; break;
                case DateOnly d when f.Def.Type == FieldType.Date: rec.Int[f.Slot] = d.DayNumber; rec.Present[f.Index] = true; break;
                case DateTime dt when f.Def.Type == FieldType.Date: rec.Int[f.Slot] = DateOnly.FromDateTime(dt).DayNumber; rec.Present[f.Index] = true; break;
                case decimal or int or long or short or byte or uint or ulong or double or float when f.Storage is Storage.Num or Storage.Long:
                    SetNumber(rec, f, Convert.ToDecimal(v, CultureInfo.InvariantCulture), path, errors);
                    break;
                case IEnumerable<string> list when f.Storage == Storage.List: SetList(rec, f, list.ToList(), path, errors); break;
                default:
                    if (f.Def.Type == FieldType.String && v is IFormattable fm) SetText(rec, f, fm.ToString(null, CultureInfo.InvariantCulture), path, errors);
                    else errors.Add(new FieldError(path, $"expected {TypeName(f)}, found a {v.GetType().Name}"));
                    break;
            }
        }
        foreach (var c in layout.Collections)
        {
            var path = Path(prefix, c.Def.Name);
            if (!values(c.Def.Name, out var v) || v is null)
            {
                errors.Add(new FieldError(path, "missing collection (give an empty list for none)", FieldErrorKind.Missing));
                continue;
            }
            if (v is not IEnumerable items || v is string)
            {
                errors.Add(new FieldError(path, "expected a list of records"));
                continue;
            }
            var children = new List<Record>();
            int k = 0;
            foreach (var item in items)
            {
                var cp = $"{path}[{k++}]";
                if (item is IReadOnlyDictionary<string, object?> d) children.Add(ReadObject(c.Child, d.TryGetValue, cp, errors));
                else errors.Add(new FieldError(cp, "expected a record (a dictionary of field values)"));
            }
            rec.Children[c.Index] = children.ToArray();
        }
        return rec;
    }

    private static string TypeName(FieldSlot f) => f.Def.Type switch
    {
        FieldType.Integer => "a whole number",
        FieldType.Decimal => "a number",
        FieldType.Boolean => "true or false",
        FieldType.Date => "a date YYYY-MM-DD",
        FieldType.Month => "a month YYYY-MM",
        FieldType.Enum => "one of " + string.Join(", ", f.Def.Values),
        FieldType.List => "a list",
        _ => "text",
    };

    private static void SetText(Record rec, FieldSlot f, string text, string path, List<FieldError> errors) =>
        SetText(rec, f, text.AsSpan(), text, path, errors);

    /// <summary>Sets a field from its text; <paramref name="original"/> is the same text as a string when the caller has one (else one is made only for text fields and errors).</summary>
    private static void SetText(Record rec, FieldSlot f, ReadOnlySpan<char> text, string? original, string path, List<FieldError> errors)
    {
        var def = f.Def;
        switch (def.Type)
        {
            case FieldType.String:
                rec.Str[f.Slot] = original ?? text.ToString();
                break;
            case FieldType.Enum:
            {
                var t = text.Trim();
                int i = -1;
                for (int k = 0; k < def.Values.Length; k++)
                    if (t.SequenceEqual(def.Values[k])) { i = k; break; }
                if (i < 0)
                {
                    errors.Add(new FieldError(path, $"'{text}' is not one of {string.Join(", ", def.Values)}", FieldErrorKind.NotAllowed));
                    return;
                }
                rec.Str[f.Slot] = def.Values[i]; // the schema's own instance, so comparisons hit reference equality
                break;
            }
            case FieldType.Integer:
            case FieldType.Decimal:
            {
                // the common case of a whole number within its bounds, without decimal arithmetic;
                // anything else (and every error) takes the general path below
                if (f.Storage == Storage.Long && TryParseWhole(text.Trim(), out long whole) && whole >= f.MinWhole && whole <= f.MaxWhole)
                {
                    rec.Long[f.Slot] = whole;
                    break;
                }
                if (!ExactDecimal.TryParse(text.Trim(), out var d))
                {
                    errors.Add(new FieldError(path, decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
                        ? $"'{text}' has more significant digits than can be held exactly (28)"
                        : $"'{text}' is not {TypeName(f)}"));
                    return;
                }
                SetNumber(rec, f, d, path, errors);
                return;
            }
            case FieldType.Boolean:
            {
                var t = text.Trim();
                bool? b = IsAny(t, "true", "1", "yes", "是") ? true : IsAny(t, "false", "0", "no", "否") ? false : null;
                if (b is null)
                {
                    errors.Add(new FieldError(path, $"'{text}' is not true or false"));
                    return;
                }
                rec.Bool[f.Slot] = b.Value;
                break;
            }
            case FieldType.Date:
            {
                if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    errors.Add(new FieldError(path, $"'{text}' is not a date YYYY-MM-DD"));
                    return;
                }
                rec.Int[f.Slot] = d.DayNumber;
                break;
            }
            case FieldType.Month:
            {
                if (!Months.TryParse(text.Trim(), out var m))
                {
                    errors.Add(new FieldError(path, $"'{text}' is not a month YYYY-MM"));
                    return;
                }
                rec.Int[f.Slot] = m;
                break;
            }
            case FieldType.List:
                SetList(rec, f, (original ?? text.ToString()).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(), path, errors);
                return;
        }
        rec.Present[f.Index] = true;
    }

    /// <summary>An optional sign and 1 to 18 digits (always within long).</summary>
    private static bool TryParseWhole(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        int i = s.Length > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
        if (s.Length - i is < 1 or > 18) return false;
        long v = 0;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) return false;
            v = v * 10 + d;
        }
        value = s[0] == '-' ? -v : v;
        return true;
    }

    private static bool IsAny(ReadOnlySpan<char> t, string a, string b, string c, string d) =>
        t.Equals(a, StringComparison.OrdinalIgnoreCase) || t.SequenceEqual(b) || t.Equals(c, StringComparison.OrdinalIgnoreCase) || t.SequenceEqual(d);

    private static void SetNumber(Record rec, FieldSlot f, decimal d, string path, List<FieldError> errors)
    {
        if (f.Def.Type == FieldType.Integer && d != decimal.Truncate(d))
        {
            errors.Add(new FieldError(path, $"{d.ToString(CultureInfo.InvariantCulture)} is not a whole number"));
            return;
        }
        if (f.Def.Min is { } min && d < min)
        {
            errors.Add(new FieldError(path, $"{d.ToString(CultureInfo.InvariantCulture)} is below the minimum {min.ToString(CultureInfo.InvariantCulture)}", FieldErrorKind.OutOfRange));
            return;
        }
        if (f.Def.Max is { } max && d > max)
        {
            errors.Add(new FieldError(path, $"{d.ToString(CultureInfo.InvariantCulture)} is above the maximum {max.ToString(CultureInfo.InvariantCulture)}", FieldErrorKind.OutOfRange));
            return;
        }
        if (f.Storage == Storage.Long)
        {
            if (d < long.MinValue || d > long.MaxValue)
            {
                errors.Add(new FieldError(path, $"{d.ToString(CultureInfo.InvariantCulture)} is beyond the whole numbers that can be held (±9 223 372 036 854 775 807)", FieldErrorKind.OutOfRange));
                return;
            }
            rec.Long[f.Slot] = (long)d;
        }
        else rec.Num[f.Slot] = d;
        rec.Present[f.Index] = true;
    }

    private static void SetList(Record rec, FieldSlot f, List<string> items, string path, List<FieldError> errors)
    {
        if (!f.Def.Values.IsDefaultOrEmpty)
        {
            for (int i = 0; i < items.Count; i++)
            {
                int k = f.Def.Values.IndexOf(items[i]);
                if (k < 0)
                {
                    errors.Add(new FieldError($"{path}[{i}]", $"'{items[i]}' is not one of {string.Join(", ", f.Def.Values)}", FieldErrorKind.NotAllowed));
                    return;
                }
                items[i] = f.Def.Values[k];
            }
        }
        rec.Lists[f.Slot] = items.ToArray();
        rec.Present[f.Index] = true;
    }
}
