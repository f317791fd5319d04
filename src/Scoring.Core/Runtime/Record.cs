using Scoring.Primitives;

namespace Scoring.Runtime;

/// <summary>
/// One input record (a subject, or a child record such as a household member), held in typed
/// arrays laid out by the rule set's schema so that compiled rules read fields without lookups
/// or boxing. Create records with <see cref="RecordReader"/>; a record that exists is complete and valid.
/// </summary>
public sealed class Record
{
    internal Record(RecordLayout layout)
    {
        Layout = layout;
        Num = layout.NumCount == 0 ? Array.Empty<decimal>() : new decimal[layout.NumCount];
        Bool = layout.BoolCount == 0 ? Array.Empty<bool>() : new bool[layout.BoolCount];
        Long = layout.LongCount == 0 ? Array.Empty<long>() : new long[layout.LongCount];
        Int = layout.IntCount == 0 ? Array.Empty<int>() : new int[layout.IntCount];
        Str = layout.StrCount == 0 ? Array.Empty<string?>() : new string?[layout.StrCount];
        Lists = layout.ListCount == 0 ? Array.Empty<string[]?>() : new string[]?[layout.ListCount];
        Present = new bool[layout.Fields.Length];
        Children = layout.Collections.Length == 0 ? Array.Empty<Record[]>() : new Record[layout.Collections.Length][];
        for (int i = 0; i < Children.Length; i++) Children[i] = Array.Empty<Record>();
    }

    internal readonly RecordLayout Layout;
    internal readonly decimal[] Num;
    internal readonly bool[] Bool;
    internal readonly int[] Int;
    internal readonly long[] Long;
    internal readonly string?[] Str;
    internal readonly string[]?[] Lists;
    internal readonly bool[] Present;
    internal readonly Record[][] Children;

    /// <summary>The value of the subject's key field (null for child records).</summary>
    public string? Key { get; internal set; }

    /// <summary>1-based number of the record in its input, or 0 when not read from a file.</summary>
    public long Number { get; internal set; }

    /// <summary>The value of field <paramref name="name"/>, or empty when the field is empty or unknown.</summary>
    public Value Get(string name) =>
        Layout.ByName.TryGetValue(name, out var f) ? Read(f) : Value.Empty;

    /// <summary>The child records of collection <paramref name="name"/> (empty when unknown).</summary>
    public IReadOnlyList<Record> GetChildren(string name) =>
        Layout.CollectionsByName.TryGetValue(name, out var c) ? Children[c.Index] : Array.Empty<Record>();

    internal Value Read(FieldSlot f)
    {
        if (!Present[f.Index]) return Value.Empty;
        return f.Storage switch
        {
            Storage.Num => Value.Of(Num[f.Slot]),
            Storage.Long => Value.Of(Long[f.Slot]),
            Storage.Bool => Value.Of(Bool[f.Slot]),
            Storage.Int => f.Def.Type == Model.FieldType.Month ? Value.OfMonth(Int[f.Slot]) : Value.Of(DateOnly.FromDayNumber(Int[f.Slot])),
            Storage.Str => Value.Of(Str[f.Slot]),
            _ => Value.List((Lists[f.Slot] ?? Array.Empty<string>()).Select(Value.Of).ToArray()),
        };
    }
}
