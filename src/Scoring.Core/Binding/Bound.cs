using System.Collections.Immutable;
using Scoring.Model;
using Scoring.Syntax;

namespace Scoring.Binding;

internal enum TKind { Error, Boolean, Number, Text, Date, Month, Collection, List, Scale, Collected }

/// <summary>The static type of an expression.</summary>
internal sealed record TType(TKind Kind, bool IsInteger = false, ImmutableArray<string> Members = default, bool IsMap = false)
{
    public static readonly TType Error = new(TKind.Error);
    public static readonly TType Boolean = new(TKind.Boolean);
    public static readonly TType Integer = new(TKind.Number, IsInteger: true);
    public static readonly TType Decimal = new(TKind.Number);
    public static readonly TType Text = new(TKind.Text);
    public static readonly TType Date = new(TKind.Date);
    public static readonly TType Month = new(TKind.Month);

    public bool HasMembers => !Members.IsDefaultOrEmpty;

    public override string ToString() => Kind switch
    {
        TKind.Number => IsInteger ? "integer" : "decimal",
        TKind.Boolean => "boolean",
        TKind.Text => HasMembers ? "text (one of " + string.Join(", ", Members) + ")" : "text",
        TKind.Date => "date",
        TKind.Month => "month",
        TKind.Collection => "collection",
        TKind.List => "list",
        TKind.Scale => "scale",
        TKind.Collected => IsMap ? "map" : "list",
        _ => "invalid",
    };

    public static TType OfField(FieldDefinition f) => f.Type switch
    {
        FieldType.Integer => Integer,
        FieldType.Decimal => Decimal,
        FieldType.Boolean => Boolean,
        FieldType.Date => Date,
        FieldType.Month => Month,
        FieldType.Enum => new TType(TKind.Text, Members: f.Values),
        FieldType.List => new TType(TKind.List, Members: f.Values),
        _ => Text,
    };
}

internal abstract class BExpr
{
    protected BExpr(Expr syntax, TType type)
    {
        Syntax = syntax;
        Type = type;
    }

    public Expr Syntax { get; }
    public TType Type { get; }
}

internal sealed class BConst : BExpr
{
    public BConst(Expr syntax, TType type, decimal number = 0, bool boolean = false, string? text = null, int day = 0) : base(syntax, type)
    {
        Number = number; Boolean = boolean; Text = text; Day = day;
    }

    public decimal Number { get; }
    public bool Boolean { get; }
    public string? Text { get; }
    public int Day { get; }
}

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

internal sealed class BCollection : BExpr
{
    public BCollection(Expr syntax, CollectionSlot collection, int level) : base(syntax, new TType(TKind.Collection))
    {
        Collection = collection;
        Child = collection.Child;
        Level = level;
    }

    public BCollection(Expr syntax, PeriodSymbol period) : base(syntax, new TType(TKind.Collection))
    {
        Period = period;
        Child = period.Layout;
        Level = 0;
    }

    public CollectionSlot? Collection { get; }
    public PeriodSymbol? Period { get; }
    public RecordLayout Child { get; }
    public int Level { get; }
    public string Name => Collection?.Def.Name ?? Period!.Def.Key;
    public string? Label => Collection is not null ? Collection.Def.Label : Period!.Def.Label;
}

/// <summary>A generated range of periods with its bound bounds.</summary>
internal sealed class PeriodSymbol
{
    public PeriodSymbol(PeriodDefinition def, RecordLayout layout)
    {
        Def = def;
        Layout = layout;
    }

    public PeriodDefinition Def { get; }
    public RecordLayout Layout { get; }
    public BExpr? From { get; set; }
    public BExpr? To { get; set; }
    public bool IsMonth { get; set; }
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

internal sealed class BDef : BExpr
{
    public BDef(Expr syntax, DefSymbol symbol) : base(syntax, symbol.Type) => Symbol = symbol;

    public DefSymbol Symbol { get; }
}

internal sealed class BAsOf : BExpr
{
    public BAsOf(Expr syntax) : base(syntax, TType.Date) { }
}

internal sealed class BUnary : BExpr
{
    public BUnary(Expr syntax, TType type, UnaryOp op, BExpr operand) : base(syntax, type)
    {
        Op = op;
        Operand = operand;
    }

    public UnaryOp Op { get; }
    public BExpr Operand { get; }
}

internal sealed class BBinary : BExpr
{
    public BBinary(Expr syntax, TType type, BinaryOp op, BExpr left, BExpr right) : base(syntax, type)
    {
        Op = op;
        Left = left;
        Right = right;
    }

    public BinaryOp Op { get; }
    public BExpr Left { get; }
    public BExpr Right { get; }
}

internal sealed class BIsEmpty : BExpr
{
    public BIsEmpty(Expr syntax, BExpr value) : base(syntax, TType.Boolean) => Value = value;

    /// <summary>An optional field, or a classification that may have no result.</summary>
    public BExpr Value { get; }
}

internal sealed class BIn : BExpr
{
    public BIn(Expr syntax, BExpr value, ImmutableArray<BExpr> items, bool negated) : base(syntax, TType.Boolean)
    {
        Value = value;
        Items = items;
        Negated = negated;
    }

    public BExpr Value { get; }
    public ImmutableArray<BExpr> Items { get; }
    public bool Negated { get; }
}

internal sealed class BBetween : BExpr
{
    public BBetween(Expr syntax, BExpr value, BExpr low, BExpr high) : base(syntax, TType.Boolean)
    {
        Value = value;
        Low = low;
        High = high;
    }

    public BExpr Value { get; }
    public BExpr Low { get; }
    public BExpr High { get; }
}

internal sealed class BIf : BExpr
{
    public BIf(Expr syntax, TType type, BExpr condition, BExpr then, BExpr @else) : base(syntax, type)
    {
        Condition = condition;
        Then = then;
        Else = @else;
    }

    public BExpr Condition { get; }
    public BExpr Then { get; }
    public BExpr Else { get; }
}

internal enum Fn
{
    Min, Max, Abs, Round, Floor, Ceil,
    Age, YearsBetween, MonthsBetween, DaysBetween, Year, MonthOf, Day, AddMonths, AddYears, MonthFromDate,
    Contains, ListCount, ApplyScale, MakeMonth, CollectedCount,
}

internal sealed class BCall : BExpr
{
    public BCall(Expr syntax, TType type, Fn fn, ImmutableArray<BExpr> args, int digits = 0, string? mode = null) : base(syntax, type)
    {
        Fn = fn;
        Args = args;
        Digits = digits;
        Mode = mode;
    }

    public Fn Fn { get; }
    public ImmutableArray<BExpr> Args { get; }
    public int Digits { get; }
    public string? Mode { get; }
}

internal enum AggKind { Count, Any, All, Sum, Min, Max, Collect, Map, CountDistinct }

internal sealed class BAggregate : BExpr
{
    public BAggregate(Expr syntax, TType type, AggKind kind, BCollection source, BExpr? filter, BExpr? body, int childLevel) : base(syntax, type)
    {
        ChildLevel = childLevel;
        Kind = kind;
        Source = source;
        Filter = filter;
        Body = body;
    }

    public AggKind Kind { get; }
    public BCollection Source { get; }
    public BExpr? Filter { get; }
    public BExpr? Body { get; }

    /// <summary>Scope level of the child records inside the filter and body.</summary>
    public int ChildLevel { get; }
}

/// <summary>What an explanation shows as "the values that decided it".</summary>
internal sealed record InputRef(string Name, string? Label, BExpr Read);

/// <summary>A definition with its resolved type, storage slots and bound expressions.</summary>
internal sealed class DefSymbol
{
    public DefSymbol(Definition def) => Def = def;

    public Definition Def { get; }
    public string Key => Def.Key;
    public TType Type { get; set; } = TType.Error;
    public int Order { get; set; }

    /// <summary>Main result slot: N (numbers), B (booleans), I (dates, months, class levels), S (text).</summary>
    public Storage Storage { get; set; }
    public int Slot { get; set; }

    public BExpr? Main { get; set; }              // value expression, criterion condition, score plus
    public BExpr? Points { get; set; }            // criterion points
    public int PointsSlot { get; set; } = -1;     // criterion: points contributed (N)

    /// <summary>For a criterion whose points are a whole-number constant: that number (its score then sums in integers).</summary>
    public long? ConstantPoints => Score is null ? null
        : Points is null ? 1
        : Points is BConst { Type.Kind: TKind.Number } c && c.Number == decimal.Truncate(c.Number) && Math.Abs(c.Number) < 1_000_000_000_000m ? (long)c.Number
        : null;

    /// <summary>The points this criterion contributed in <paramref name="f"/> (0 when not met).</summary>
    public decimal PointsIn(Compilation.Frame f) => ConstantPoints is { } c ? (f.B[Slot] ? c : 0) : f.N[PointsSlot];
    public DefSymbol? Score { get; set; }         // criterion: the score it counts towards
    public List<DefSymbol> Members { get; } = new(); // score: its criteria
    public ImmutableArray<BExpr> CaseConditions { get; set; } = ImmutableArray<BExpr>.Empty;
    public ImmutableArray<BExpr> VetoConditions { get; set; } = ImmutableArray<BExpr>.Empty;
    public int VetoSlot { get; set; } = -1;       // first of one B slot per veto
    public int CaseSlot { get; set; } = -1;       // I slot: index of the case that matched (-1: else)
    public ImmutableArray<string> Labels { get; set; } = ImmutableArray<string>.Empty; // classification: label per level index
    public ImmutableArray<int> CaseLevels { get; set; } = ImmutableArray<int>.Empty;
    public int ElseLevel { get; set; } = -1;
    public ImmutableArray<(int Level, bool IsCap)> VetoLevels { get; set; } = ImmutableArray<(int, bool)>.Empty;
    public List<DefSymbol> Conditions { get; } = new(); // eligibility
    public FieldSlot? Documents { get; set; }
    public BExpr? Amount { get; set; }
    public int AmountSlot { get; set; } = -1;
    public ImmutableArray<InputRef> Inputs { get; set; } = ImmutableArray<InputRef>.Empty;
    public List<ExtraField> ExtraFields { get; } = new();   // eligibility result fields
    public PeriodSymbol? Period { get; set; }
    public RankingInfo? Ranking { get; set; }
}

internal sealed record ExtraField(string Name, BExpr Expr, Storage Storage, int Slot);

/// <summary>The per-record parts of a population-level outcome, stored in hidden slots during the first pass.</summary>
internal sealed class RankingInfo
{
    public List<(BExpr Expr, Storage Storage, int Slot)> GroupBy { get; } = new();
    public (BExpr Expr, int Slot)? Among { get; set; }
    public List<(BExpr Expr, Storage Storage, int Slot, bool Descending)> OrderBy { get; } = new();
    public BExpr? Count { get; set; }
    public (BExpr Expr, int Slot)? Pool { get; set; }
    public (BExpr Expr, int Slot)? Shares { get; set; }
}

/// <summary>The binder's output: layouts, symbols in evaluation order, slot counts.</summary>
internal sealed class BoundRuleSet
{
    public required RecordLayout Subject { get; init; }
    public required ImmutableArray<DefSymbol> Symbols { get; init; }
    public required Dictionary<string, DefSymbol> ByKey { get; init; }
    public required ImmutableArray<DefSymbol> Outcomes { get; init; }
    public required int NumSlots { get; init; }
    public required int BoolSlots { get; init; }
    public required int IntSlots { get; init; }
    public required int StrSlots { get; init; }
    public required int ValueSlots { get; init; }
    public required ImmutableArray<DefSymbol> Rankings { get; init; }
    public required bool UsesAsOf { get; init; }
    public required ImmutableArray<bool> ParameterUsed { get; init; }
    public required FieldSlot KeyField { get; init; }
}
