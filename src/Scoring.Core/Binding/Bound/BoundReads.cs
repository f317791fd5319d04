using Scoring.Model;
using Scoring.Runtime;
using Scoring.Syntax;

namespace Scoring.Binding;

/// <summary>Reads a field of the record at scope <see cref="Level"/> (0 = the subject, 1 = a child inside one aggregate, …).</summary>
internal sealed class BField : BExpr
{
    public BField(Expr syntax, TType type, FieldSlot field, int level) : base(syntax, type)
    {
        Field = field;
        Level = level;
    }

    public FieldSlot Field { get; }
    public int Level { get; }
}

/// <summary>A collection an aggregate iterates: the child records of the record at <see cref="Level"/>, or a generated range of periods.</summary>
internal sealed class BCollection : BExpr
{
    public BCollection(Expr syntax, CollectionSlot collection, int level) : base(syntax, new TType(TKind.Collection))
    {
        Collection = collection;
        Child = collection.Child;
        Level = level;
    }

    public BCollection(Expr syntax, PeriodSource period) : base(syntax, new TType(TKind.Collection))
    {
        Period = period;
        Child = period.Layout;
        Level = 0;
    }

    public CollectionSlot? Collection { get; }
    public PeriodSource? Period { get; }
    public RecordLayout Child { get; }
    public int Level { get; }
    public string Name => Collection?.Def.Name ?? Period!.Def.Key;
    public string? Label => Collection is not null ? Collection.Def.Label : Period!.Def.Label;
}

/// <summary>A definition of a child record (or period), inlined where it is used inside an aggregate.</summary>
internal sealed class BChildDef : BExpr
{
    public BChildDef(Expr syntax, string key, BExpr inner) : base(syntax, inner.Type)
    {
        Key = key;
        Inner = inner;
    }

    public string Key { get; }
    public BExpr Inner { get; }
}

/// <summary><c>group_size</c> or <c>among_size</c> inside a ranking's count.</summary>
internal sealed class BGroupSize : BExpr
{
    public BGroupSize(Expr syntax, bool among) : base(syntax, TType.Integer) => Among = among;

    public bool Among { get; }
}

/// <summary>Reads a parameter's value in force for the run (or for the record's key).</summary>
internal sealed class BParam : BExpr
{
    public BParam(Expr syntax, TType type, int index, ParameterDefinition def) : base(syntax, type)
    {
        Index = index;
        Def = def;
    }

    public int Index { get; }
    public ParameterDefinition Def { get; }
}

/// <summary>Reads the result of another definition.</summary>
internal sealed class BDef : BExpr
{
    public BDef(Expr syntax, Symbol symbol) : base(syntax, symbol.Type) => Symbol = symbol;

    public Symbol Symbol { get; }
}

/// <summary>The run's as-of date.</summary>
internal sealed class BAsOf : BExpr
{
    public BAsOf(Expr syntax) : base(syntax, TType.Date) { }
}

/// <summary>What an explanation shows as "the values that decided it".</summary>
internal sealed record InputRef(string Name, string? Label, BExpr Read);
