using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Runtime;
using Scoring.Syntax;

namespace Scoring.Binding;

/// <summary>The checks of a rule set's input schema and parameters: names, duplicates, types, bounds, keys and dated values.</summary>
internal static class SchemaChecks
{
    public static bool IsIdentifier(string s)
    {
        if (string.IsNullOrEmpty(s) || !Lexer.IsNameStart(s[0])) return false;
        foreach (var c in s) if (!Lexer.IsNamePart(c)) return false;
        return !Lexer.IsKeyword(s);
    }

    public static void CheckRecordSchema(RecordSchema schema, string where, DiagnosticBag bag)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in schema.Fields)
        {
            if (!IsIdentifier(f.Name))
                bag.Error(DiagnosticCodes.InvalidIdentifier, $"'{f.Name}' is not a valid field name (a letter or '_', then letters, digits or '_'; not a keyword)", f.Span);
            if (!seen.Add(f.Name))
                bag.Error(DiagnosticCodes.DuplicateName, $"field '{f.Name}' is declared twice in {where}", f.Span);
            if (f.Type == FieldType.Enum && f.Values.IsDefaultOrEmpty)
                bag.Error(DiagnosticCodes.MissingKey, $"enum field '{f.Name}' needs its list of values", f.Span);
            if (f.Type is not (FieldType.Enum or FieldType.List) && !f.Values.IsDefaultOrEmpty)
                bag.Error(DiagnosticCodes.InvalidValue, $"field '{f.Name}' is {f.Type.ToString().ToLowerInvariant()}; only enum and list fields take values", f.Span);
            if (!f.Values.IsDefaultOrEmpty && f.Values.Distinct(StringComparer.Ordinal).Count() != f.Values.Length)
                bag.Error(DiagnosticCodes.DuplicateName, $"field '{f.Name}' lists a value twice", f.Span);
            if ((f.Min is not null || f.Max is not null) && f.Type is not (FieldType.Integer or FieldType.Decimal))
                bag.Error(DiagnosticCodes.InvalidValue, $"min/max apply only to integer and decimal fields, not to '{f.Name}'", f.Span);
            if (f.Min is { } mn && f.Max is { } mx && mn > mx)
                bag.Error(DiagnosticCodes.InvalidValue, $"field '{f.Name}': min {mn} is greater than max {mx}", f.Span);
        }
        foreach (var c in schema.Collections)
        {
            if (!IsIdentifier(c.Name))
                bag.Error(DiagnosticCodes.InvalidIdentifier, $"'{c.Name}' is not a valid collection name", c.Span);
            if (!seen.Add(c.Name))
                bag.Error(DiagnosticCodes.DuplicateName, $"'{c.Name}' is declared twice in {where}", c.Span);
            CheckRecordSchema(c.Schema, $"collection '{c.Name}'", bag);
        }
    }

    /// <summary>Checks the parameters and fills <see cref="RuleSetNames.ParameterIndex"/> with the valid, unique ones.</summary>
    public static void CheckParameters(RuleSetNames names, DiagnosticBag bag)
    {
        var subject = names.Subject;
        for (int i = 0; i < names.Parameters.Count; i++)
        {
            var p = names.Parameters[i];
            if (!IsIdentifier(p.Name))
                bag.Error(DiagnosticCodes.InvalidIdentifier, $"'{p.Name}' is not a valid parameter name", p.Span);
            else if (subject.ByName.ContainsKey(p.Name) || subject.CollectionsByName.ContainsKey(p.Name) || !names.ParameterIndex.TryAdd(p.Name, i))
                bag.Error(DiagnosticCodes.DuplicateName, $"'{p.Name}' is already declared; fields, parameters and rules share one namespace", p.Span);
            if (p.Type is not (FieldType.Integer or FieldType.Decimal or FieldType.Scale))
                bag.Error(DiagnosticCodes.InvalidValue, $"parameter '{p.Name}' must be integer, decimal or scale", p.Span);
            if (p.Type == FieldType.Scale)
            {
                if (p.Values.IsDefaultOrEmpty)
                    bag.Error(DiagnosticCodes.MissingKey, $"scale parameter '{p.Name}' needs dated values with bands", p.Span);
                foreach (var v in p.Values)
                {
                    if (v.Bands.IsDefaultOrEmpty || v.Bands[0].From != 0)
                        bag.Error(DiagnosticCodes.InvalidValue, $"the bands of '{p.Name}' from {v.From:yyyy-MM-dd} must start at 0", v.Span);
                    for (int k = 1; k < v.Bands.Length; k++)
                        if (v.Bands[k].From <= v.Bands[k - 1].From)
                            bag.Error(DiagnosticCodes.InvalidValue, $"the bands of '{p.Name}' from {v.From:yyyy-MM-dd} must be in ascending order", v.Span);
                }
            }
            if (p.KeyField is { } kf)
            {
                if (!subject.ByName.TryGetValue(kf, out var k) || k.Def.Type is not (FieldType.String or FieldType.Enum))
                    bag.Error(DiagnosticCodes.InvalidReference, $"parameter '{p.Name}' is keyed by '{kf}', which is not a text or enum field of the subject", p.Span);
                else if (k.Def.Optional)
                    bag.Error(DiagnosticCodes.InvalidReference, $"parameter '{p.Name}' is keyed by '{kf}', which is optional; a key field must be required", p.Span);
            }
            var seen = new HashSet<(DateOnly, string?)>();
            foreach (var v in p.Values)
            {
                if (v.Key is not null && p.KeyField is null)
                    bag.Error(DiagnosticCodes.InvalidValue, $"parameter '{p.Name}' has a value for key '{v.Key}' but declares no key field", v.Span);
                if (!seen.Add((v.From, v.Key)))
                    bag.Error(DiagnosticCodes.DuplicateKey, $"parameter '{p.Name}' has two values from {v.From:yyyy-MM-dd}{(v.Key is null ? "" : " for " + v.Key)}", v.Span);
                if (p.Type == FieldType.Integer && v.Value != decimal.Truncate(v.Value))
                    bag.Error(DiagnosticCodes.InvalidValue, $"parameter '{p.Name}' is an integer but has the value {v.Value}", v.Span);
            }
        }
    }
}
