using System.Collections;
using System.Globalization;
using Scoring.Model;

namespace Scoring.Runtime;

/// <summary>Records read from .NET values (dictionaries, database rows).</summary>
public sealed partial class RecordReader
{
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
}
