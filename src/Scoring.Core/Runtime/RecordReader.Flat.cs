using Scoring.Model;

namespace Scoring.Runtime;

/// <summary>Flat rows (CSV) read through a column map, children joined from other flat files, and rows read into a reused record.</summary>
public sealed partial class RecordReader
{
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

    /// <summary>
    /// The subject field a column header names: by its key (<c>residents</c>) or, as a spreadsheet kept by staff
    /// has it, by its label (<c>安置人口</c>); null when it names none.
    /// </summary>
    internal string? FieldForHeader(string header)
    {
        foreach (var f in _layout.Fields) if (f.Name == header) return f.Name;
        foreach (var f in _layout.Fields) if (f.Def.Label == header) return f.Name;
        return null;
    }

    /// <summary>The type of the subject field <paramref name="name"/>, or null.</summary>
    internal FieldType? TypeOf(string name)
    {
        foreach (var f in _layout.Fields) if (f.Name == name) return f.Def.Type;
        return null;
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
}
