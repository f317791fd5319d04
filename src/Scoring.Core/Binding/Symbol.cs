using System.Collections.Immutable;
using Scoring.Model;
using Scoring.Runtime;

namespace Scoring.Binding;

/// <summary>
/// A bound definition: its type, where its result lives in the frame, and the values its
/// explanation shows. Each kind of definition has its own immutable subclass (see Definitions/).
/// </summary>
internal abstract class Symbol
{
    protected Symbol(Definition def, in SymbolBase common)
    {
        Def = def;
        Order = common.Order;
        Type = common.Type;
        Storage = common.Storage;
        Slot = common.Slot;
        Inputs = common.Inputs;
    }

    public Definition Def { get; }
    public string Key => Def.Key;
    public DefinitionKind Kind => Def.Kind;

    /// <summary>Position in evaluation order.</summary>
    public int Order { get; }

    /// <summary>The type an expression reading it gets.</summary>
    public TType Type { get; }

    /// <summary>Where its result lives (what expressions read): a slot of the frame's N, B, I, S or V array.</summary>
    public Storage Storage { get; }
    public int Slot { get; }

    /// <summary>The values its explanation shows (fields, parameters, other rules it read).</summary>
    public ImmutableArray<InputRef> Inputs { get; }

    /// <summary>True when reading it may give no value (then <c>??</c> and <c>is_empty</c> apply).</summary>
    public virtual bool MayBeEmpty => false;
}

/// <summary>What every symbol has, gathered while its definition is bound.</summary>
internal readonly record struct SymbolBase(int Order, TType Type, Storage Storage, int Slot, ImmutableArray<InputRef> Inputs);
