using System.Collections.Immutable;
using Scoring.Model;

using Scoring.Primitives;

namespace Scoring.Runtime;

/// <summary>Where a value lives: decimal, boolean, int (dates, months), text, list, general value; whole-number fields as long.</summary>
internal enum Storage { Num, Bool, Int, Str, List, Value, Long }

internal sealed class FieldSlot
{
    public required FieldDefinition Def { get; init; }
    public required Storage Storage { get; init; }
    public required int Slot { get; init; }
    public required int Index { get; init; }
    public required RecordLayout Owner { get; init; }
    public string Name => Def.Name;

    /// <summary>For a whole-number field: the smallest and largest whole values its min and max allow (the long range when unset).</summary>
    public long MinWhole { get; init; } = long.MinValue;
    public long MaxWhole { get; init; } = long.MaxValue;

    public static long Whole(decimal? bound, bool lower, long unset) =>
        bound is not { } b ? unset
        : lower ? (decimal.Ceiling(b) < long.MinValue ? long.MinValue : decimal.Ceiling(b) > long.MaxValue ? long.MaxValue : (long)decimal.Ceiling(b))
        : (decimal.Floor(b) > long.MaxValue ? long.MaxValue : decimal.Floor(b) < long.MinValue ? long.MinValue : (long)decimal.Floor(b));
}

internal sealed class CollectionSlot
{
    public required CollectionDefinition Def { get; init; }
    public required int Index { get; init; }
    public required RecordLayout Child { get; init; }
}

/// <summary>Where each field of a record schema lives in a <see cref="Record"/>'s typed arrays.</summary>
internal sealed class RecordLayout
{
    /// <summary>The layout of a generated period (one field holding the period value).</summary>
    public RecordLayout(FieldDefinition periodField, ImmutableArray<Definition> definitions)
        : this(new RecordSchema(ImmutableArray.Create(periodField), ImmutableArray<CollectionDefinition>.Empty), definitions)
    {
        IsPeriod = true;
    }

    public RecordLayout(RecordSchema schema, ImmutableArray<Definition> definitions = default)
    {
        Schema = schema;
        ChildDefinitions = definitions.IsDefault ? ImmutableArray<Definition>.Empty : definitions;
        foreach (var d in ChildDefinitions) ChildDefsByName.TryAdd(d.Key, d);
        var fields = new List<FieldSlot>();
        int num = 0, b = 0, i = 0, s = 0, l = 0, lg = 0;
        foreach (var f in schema.Fields)
        {
            var storage = StorageOf(f.Type);
            int slot = storage switch
            {
                Storage.Num => num++,
                Storage.Bool => b++,
                Storage.Int => i++,
                Storage.Str => s++,
                Storage.Long => lg++,
                _ => l++,
            };
            var fs = new FieldSlot
            {
                Def = f, Storage = storage, Slot = slot, Index = fields.Count, Owner = this,
                MinWhole = FieldSlot.Whole(f.Min, lower: true, long.MinValue),
                MaxWhole = FieldSlot.Whole(f.Max, lower: false, long.MaxValue),
            };
            fields.Add(fs);
            ByName.TryAdd(f.Name, fs);
        }
        Fields = fields.ToImmutableArray();
        NumCount = num; BoolCount = b; IntCount = i; StrCount = s; ListCount = l; LongCount = lg;
        var cols = new List<CollectionSlot>();
        foreach (var c in schema.Collections)
        {
            var cs = new CollectionSlot { Def = c, Index = cols.Count, Child = new RecordLayout(c.Schema, c.Definitions) };
            cols.Add(cs);
            CollectionsByName.TryAdd(c.Name, cs);
        }
        Collections = cols.ToImmutableArray();
    }

    public static Storage StorageOf(FieldType t) => t switch
    {
        // whole numbers are held and compared as long; they enter decimal arithmetic exactly
        FieldType.Integer => Storage.Long,
        FieldType.Decimal => Storage.Num,
        FieldType.Boolean => Storage.Bool,
        FieldType.Date or FieldType.Month => Storage.Int,
        FieldType.String or FieldType.Enum => Storage.Str,
        _ => Storage.List,
    };

    public RecordSchema Schema { get; }
    public bool IsPeriod { get; }
    public ImmutableArray<Definition> ChildDefinitions { get; }
    public Dictionary<string, Definition> ChildDefsByName { get; } = new(StringComparer.Ordinal);
    public ImmutableArray<FieldSlot> Fields { get; }
    public ImmutableArray<CollectionSlot> Collections { get; }
    public Dictionary<string, FieldSlot> ByName { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, CollectionSlot> CollectionsByName { get; } = new(StringComparer.Ordinal);
    public int NumCount { get; }
    public int BoolCount { get; }
    public int IntCount { get; }
    public int StrCount { get; }
    public int ListCount { get; }
    public int LongCount { get; }
}
