using Scoring.Runtime;

namespace Scoring.Binding;

/// <summary>Hands out the frame slots of a rule set: one typed array per storage kind.</summary>
internal sealed class SlotAllocator
{
    public int Num { get; private set; }
    public int Bool { get; private set; }
    public int Int { get; private set; }
    public int Str { get; private set; }
    public int Value { get; private set; }

    public int NextNum() => Num++;
    public int NextBool() => Bool++;
    public int NextInt() => Int++;
    public int NextStr() => Str++;
    public int NextValue() => Value++;

    /// <summary><paramref name="count"/> consecutive boolean slots; the first is returned.</summary>
    public int NextBools(int count)
    {
        int first = Bool;
        Bool += count;
        return first;
    }

    /// <summary>A slot for a value of type <paramref name="t"/>.</summary>
    public (Storage Storage, int Slot) For(TType t) => t.Kind switch
    {
        TKind.Number => (Storage.Num, NextNum()),
        TKind.Boolean => (Storage.Bool, NextBool()),
        TKind.Date or TKind.Month => (Storage.Int, NextInt()),
        TKind.Collected => (Storage.Value, NextValue()),
        _ => (Storage.Str, NextStr()),
    };
}
