using System.Linq.Expressions;
using System.Reflection;
using Scoring.Binding;
using Scoring.Runtime;
using Scoring.Syntax;
using E = System.Linq.Expressions.Expression;

namespace Scoring.Compilation;

/// <summary>The per-thread working memory of one evaluation: a slot per definition result.</summary>
internal sealed class Frame
{
    public Frame(BoundRuleSet b, int parameterCount)
    {
        N = new decimal[b.NumSlots];
        B = new bool[b.BoolSlots];
        I = new int[b.IntSlots];
        S = new string?[b.StrSlots];
        V = new Value[b.ValueSlots];
        P = new decimal[parameterCount];
        Scales = new ScaleValue?[parameterCount];
    }

    private Frame(Frame from)
    {
        N = Copy(from.N);
        B = Copy(from.B);
        I = Copy(from.I);
        S = Copy(from.S);
        V = Copy(from.V);
        P = Copy(from.P);
        Scales = Copy(from.Scales);
        Subject = from.Subject;
        AsOf = from.AsOf;
        Current = from.Current;
    }

    private static T[] Copy<T>(T[] a) => a.Length == 0 ? a : a.AsSpan().ToArray();

    /// <summary>A copy of every slot, for an explanation built later.</summary>
    public Frame Snapshot() => new(this);

    public Record Subject = null!;
    public long OwnerId;
    public readonly decimal[] N;
    public readonly bool[] B;
    public readonly int[] I;
    public readonly string?[] S;
    public readonly Value[] V;
    public readonly decimal[] P;
    public readonly ScaleValue?[] Scales;
    public int AsOf;
    public int Current;
}

/// <summary>
/// Compiles a bound rule set into one delegate that evaluates every definition in dependency
/// order, writing results into the frame's slots. Expressions become straight-line .NET code:
/// no boxing, no dictionary lookups, no allocation.
/// </summary>
internal sealed class Compiler
{
    private static readonly FieldInfo FSubject = typeof(Frame).GetField(nameof(Frame.Subject))!;
    private static readonly FieldInfo FN = typeof(Frame).GetField(nameof(Frame.N))!;
    private static readonly FieldInfo FB = typeof(Frame).GetField(nameof(Frame.B))!;
    private static readonly FieldInfo FI = typeof(Frame).GetField(nameof(Frame.I))!;
    private static readonly FieldInfo FS = typeof(Frame).GetField(nameof(Frame.S))!;
    private static readonly FieldInfo FP = typeof(Frame).GetField(nameof(Frame.P))!;
    private static readonly FieldInfo FV = typeof(Frame).GetField(nameof(Frame.V))!;
    private static readonly FieldInfo FScales = typeof(Frame).GetField(nameof(Frame.Scales))!;
    private static readonly FieldInfo FAsOf = typeof(Frame).GetField(nameof(Frame.AsOf))!;
    private static readonly FieldInfo FCurrent = typeof(Frame).GetField(nameof(Frame.Current))!;
    private static readonly FieldInfo RNum = typeof(Record).GetField(nameof(Record.Num), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly FieldInfo RBool = typeof(Record).GetField(nameof(Record.Bool), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly FieldInfo RLong = typeof(Record).GetField(nameof(Record.Long), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly FieldInfo RInt = typeof(Record).GetField(nameof(Record.Int), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly FieldInfo RStr = typeof(Record).GetField(nameof(Record.Str), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly FieldInfo RLists = typeof(Record).GetField(nameof(Record.Lists), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly FieldInfo RPresent = typeof(Record).GetField(nameof(Record.Present), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly FieldInfo RChildren = typeof(Record).GetField(nameof(Record.Children), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo StringEquals = typeof(string).GetMethod(nameof(string.Equals), new[] { typeof(string), typeof(string) })!;
    private static readonly MethodInfo DecMin = typeof(Math).GetMethod(nameof(Math.Min), new[] { typeof(decimal), typeof(decimal) })!;
    private static readonly MethodInfo DecMax = typeof(Math).GetMethod(nameof(Math.Max), new[] { typeof(decimal), typeof(decimal) })!;
    private static readonly MethodInfo IntMin = typeof(Math).GetMethod(nameof(Math.Min), new[] { typeof(int), typeof(int) })!;
    private static readonly MethodInfo IntMax = typeof(Math).GetMethod(nameof(Math.Max), new[] { typeof(int), typeof(int) })!;
    private static readonly MethodInfo DecAbs = typeof(Math).GetMethod(nameof(Math.Abs), new[] { typeof(decimal) })!;

    private readonly BoundRuleSet _bound;
    private readonly List<Expr> _nodes;
    private readonly ParameterExpression _frame = E.Parameter(typeof(Frame), "frame");
    private readonly List<ParameterExpression> _scopes = new();
    private ParameterExpression? _groupSize, _amongSize;

    private Compiler(BoundRuleSet bound, List<Expr> nodes)
    {
        _bound = bound;
        _nodes = nodes;
    }

    /// <summary>Compiles the whole rule set. <paramref name="nodes"/> receives the syntax nodes referred to by error ids.</summary>
    public static Action<Frame> Compile(BoundRuleSet bound, List<Expr> nodes)
    {
        var c = new Compiler(bound, nodes);
        var subject = E.Variable(typeof(Record), "subject");
        c._scopes.Add(subject);
        var body = new List<E> { E.Assign(subject, E.Field(c._frame, FSubject)) };
        foreach (var sym in bound.Symbols)
        {
            body.Add(E.Assign(E.Field(c._frame, FCurrent), E.Constant(sym.Order)));
            c.EmitDefinition(sym, body);
        }
        var lambda = E.Lambda<Action<Frame>>(E.Block(new[] { subject }, body), "evaluate", new[] { c._frame });
        return lambda.Compile();
    }

    /// <summary>Compiles a selection's count: (group size, among size) → how many to select.</summary>
    public static Func<decimal, decimal, decimal> CompileCount(BoundRuleSet bound, BExpr count, List<Expr> nodes)
    {
        var c = new Compiler(bound, nodes);
        c._groupSize = E.Parameter(typeof(decimal), "group_size");
        c._amongSize = E.Parameter(typeof(decimal), "among_size");
        var subject = E.Variable(typeof(Record), "subject");
        c._scopes.Add(subject);
        var body = E.Block(new[] { subject }, c.Gen(count));
        return E.Lambda<Func<decimal, decimal, decimal>>(body, c._groupSize, c._amongSize).Compile();
    }

    /// <summary>Compiles one bound expression into a reader used by explanations (not on the hot path).</summary>
    public static Func<Frame, Value> CompileReader(BoundRuleSet bound, BExpr expr, List<Expr> nodes)
    {
        var c = new Compiler(bound, nodes);
        var subject = E.Variable(typeof(Record), "subject");
        c._scopes.Add(subject);
        var raw = c.Gen(expr);
        E boxed = expr.Type.Kind switch
        {
            TKind.Number => E.Call(typeof(Value).GetMethod(nameof(Value.Of), new[] { typeof(decimal) })!, raw),
            TKind.Boolean => E.Call(typeof(Value).GetMethod(nameof(Value.Of), new[] { typeof(bool) })!, raw),
            TKind.Text => E.Call(typeof(Value).GetMethod(nameof(Value.Of), new[] { typeof(string) })!, raw),
            TKind.Month => E.Call(typeof(Value).GetMethod(nameof(Value.OfMonth))!, raw),
            TKind.Date => E.Call(typeof(Value).GetMethod(nameof(Value.Of), new[] { typeof(DateOnly) })!,
                                 E.Call(typeof(DateOnly).GetMethod(nameof(DateOnly.FromDayNumber))!, raw)),
            TKind.Collected => raw,
            _ => E.Constant(Value.Empty),
        };
        if (expr is BField { Field.Def.Optional: true } bf)
            boxed = E.Condition(c.Present(bf), boxed, E.Constant(Value.Empty));
        if (expr is BField { Field.Storage: Storage.List } lf)
            return f => f.Subject.Read(lf.Field);
        var body = E.Block(new[] { subject }, E.Assign(subject, E.Field(c._frame, FSubject)), boxed);
        return E.Lambda<Func<Frame, Value>>(body, c._frame).Compile();
    }

    private int NodeId(Expr e)
    {
        _nodes.Add(e);
        return _nodes.Count - 1;
    }

    private E Slot(FieldInfo array, int slot) => E.ArrayAccess(E.Field(_frame, array), E.Constant(slot));

    private void EmitDefinition(DefSymbol sym, List<E> body)
    {
        switch (sym.Def)
        {
            case Model.ValueDefinition:
                body.Add(E.Assign(ResultSlot(sym), Gen(sym.Main!)));
                break;
            case Model.CriterionDefinition:
            {
                var met = Slot(FB, sym.Slot);
                body.Add(E.Assign(met, Gen(sym.Main!)));
                if (sym.PointsSlot >= 0 && sym.ConstantPoints is null)
                {
                    var pts = Gen(sym.Points!);
                    body.Add(E.Assign(Slot(FN, sym.PointsSlot), E.Condition(met, pts, E.Constant(0m))));
                }
                break;
            }
            case Model.ScoreDefinition s:
            {
                E total;
                if (sym.Members.All(m => m.ConstantPoints is not null) && s.Base == decimal.Truncate(s.Base) && Math.Abs(s.Base) < 1_000_000_000_000m)
                {
                    // whole-number points: add them up as integers and convert once (no decimal addition per criterion)
                    var acc = E.Variable(typeof(long), "points");
                    var steps = new List<E> { E.Assign(acc, E.Constant((long)s.Base)) };
                    foreach (var m in sym.Members) steps.Add(E.IfThen(Slot(FB, m.Slot), E.AddAssign(acc, E.Constant(m.ConstantPoints!.Value))));
                    steps.Add(E.Convert(acc, typeof(decimal)));
                    total = E.Block(new[] { acc }, steps);
                }
                else
                {
                    total = E.Constant(s.Base);
                    foreach (var m in sym.Members)
                        total = E.Add(total, m.ConstantPoints is { } c ? E.Condition(Slot(FB, m.Slot), E.Constant((decimal)c), E.Constant(0m)) : Slot(FN, m.PointsSlot));
                }
                if (sym.Main is not null) total = E.Add(total, Gen(sym.Main));
                body.Add(E.Assign(Slot(FN, sym.PointsSlot), total));
                total = Slot(FN, sym.PointsSlot);
                if (s.Max is { } max) total = E.Call(DecMin, total, E.Constant(max));
                if (s.Min is { } min) total = E.Call(DecMax, total, E.Constant(min));
                body.Add(E.Assign(Slot(FN, sym.Slot), total));
                break;
            }
            case Model.ClassificationDefinition:
            {
                var level = Slot(FI, sym.Slot);
                var caseSlot = Slot(FI, sym.CaseSlot);
                E chain = E.Block(E.Assign(caseSlot, E.Constant(-1)), E.Assign(level, E.Constant(sym.ElseLevel)));
                for (int i = sym.CaseConditions.Length - 1; i >= 0; i--)
                {
                    chain = E.IfThenElse(Gen(sym.CaseConditions[i]),
                        E.Block(E.Assign(caseSlot, E.Constant(i)), E.Assign(level, E.Constant(sym.CaseLevels[i]))),
                        chain);
                }
                body.Add(chain);
                for (int v = 0; v < sym.VetoConditions.Length; v++)
                {
                    var fired = Slot(FB, sym.VetoSlot + v);
                    body.Add(E.Assign(fired, Gen(sym.VetoConditions[v])));
                    var (lvl, isCap) = sym.VetoLevels[v];
                    E apply = isCap
                        ? E.Assign(level, E.Call(IntMax, level, E.Constant(lvl)))
                        : E.Assign(level, E.Constant(lvl));
                    body.Add(E.IfThen(fired, apply));
                }
                break;
            }
            case Model.EligibilityDefinition el:
            {
                var met = Slot(FB, sym.Slot);
                bool any = el.Mode == Model.ConditionMode.Any;
                E all = E.Constant(!any);
                foreach (var c in sym.Conditions) all = any ? E.OrElse(all, Slot(FB, c.Slot)) : E.AndAlso(all, Slot(FB, c.Slot));
                body.Add(E.Assign(met, all));
                if (sym.AmountSlot >= 0)
                    body.Add(E.Assign(Slot(FN, sym.AmountSlot), E.Condition(met, Gen(sym.Amount!), E.Constant(0m))));
                foreach (var f in sym.ExtraFields) body.Add(E.Assign(StorageSlot(f.Storage, f.Slot), Gen(f.Expr)));
                break;
            }
            case Model.CheckDefinition check:
            {
                var ok = Slot(FB, sym.Slot);
                body.Add(E.Assign(ok, Gen(sym.Main!)));
                body.Add(E.IfThen(E.Not(ok), E.Throw(E.Call(Op(nameof(Ops.CheckFailed)), E.Constant(check.Message)))));
                break;
            }
            case Model.PeriodDefinition:
                break;
            case Model.RankingDefinition:
            {
                var r = sym.Ranking!;
                foreach (var g in r.GroupBy) body.Add(E.Assign(StorageSlot(g.Storage, g.Slot), Gen(g.Expr)));
                if (r.Among is { } am) body.Add(E.Assign(Slot(FB, am.Slot), Gen(am.Expr)));
                foreach (var k in r.OrderBy) body.Add(E.Assign(StorageSlot(k.Storage, k.Slot), Gen(k.Expr)));
                if (r.Pool is { } pool) body.Add(E.Assign(Slot(FN, pool.Slot), Gen(pool.Expr)));
                if (r.Shares is { } sh) body.Add(E.Assign(Slot(FN, sh.Slot), Gen(sh.Expr)));
                break;
            }
        }
    }

    private E ResultSlot(DefSymbol sym) => StorageSlot(sym.Storage, sym.Slot);

    private E StorageSlot(Storage storage, int slot) => storage switch
    {
        Storage.Num => Slot(FN, slot),
        Storage.Bool => Slot(FB, slot),
        Storage.Int => Slot(FI, slot),
        Storage.Value => Slot(FV, slot),
        _ => Slot(FS, slot),
    };

    private E RecordAt(int level) => _scopes[level];

    private E Present(BField f) => f.Field.Owner.IsPeriod ? E.Constant(true) : E.ArrayAccess(E.Field(RecordAt(f.Level), RPresent), E.Constant(f.Field.Index));

    private E ReadField(BField f)
    {
        var rec = RecordAt(f.Level);
        if (f.Field.Owner.IsPeriod) return rec; // the loop variable holds the period itself
        var slot = E.Constant(f.Field.Slot);
        return f.Field.Storage switch
        {
            Storage.Num => E.ArrayAccess(E.Field(rec, RNum), slot),
            Storage.Long => E.Convert(E.ArrayAccess(E.Field(rec, RLong), slot), typeof(decimal)),
            Storage.Bool => E.ArrayAccess(E.Field(rec, RBool), slot),
            Storage.Int => E.ArrayAccess(E.Field(rec, RInt), slot),
            Storage.Str => E.ArrayAccess(E.Field(rec, RStr), slot),
            _ => E.ArrayAccess(E.Field(rec, RLists), slot),
        };
    }

    private static Type ClrType(TType t) => t.Kind switch
    {
        TKind.Number => typeof(decimal),
        TKind.Boolean => typeof(bool),
        TKind.Date or TKind.Month => typeof(int),
        TKind.List => typeof(string[]),
        TKind.Collected => typeof(Value),
        TKind.Scale => typeof(ScaleValue),
        _ => typeof(string),
    };

    private static MethodInfo Op(string name) => typeof(Ops).GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    private E Gen(BExpr e)
    {
        switch (e)
        {
            case BConst c:
                return c.Type.Kind switch
                {
                    TKind.Number => E.Constant(c.Number),
                    TKind.Boolean => E.Constant(c.Boolean),
                    TKind.Date or TKind.Month => E.Constant(c.Day),
                    _ => E.Constant(c.Text, typeof(string)),
                };
            case BField f:
                if (f.Field.Def.Optional)
                {
                    // reached only where the binder allowed it (after is_empty guards); fail loudly if empty
                    return E.Condition(Present(f), ReadField(f), E.Throw(E.Call(Op(nameof(Ops.MissingOptional)), E.Constant(NodeId(f.Syntax))), ClrType(f.Type)));
                }
                return ReadField(f);
            case BParam p:
                return p.Type.Kind == TKind.Scale ? E.ArrayAccess(E.Field(_frame, FScales), E.Constant(p.Index)) : Slot(FP, p.Index);
            case BChildDef cd:
                return Gen(cd.Inner);
            case BGroupSize gs:
                return (gs.Among ? _amongSize : _groupSize) ?? throw new InvalidOperationException("group_size outside a count");
            case BDef d:
                if (d.Symbol.Def is Model.ClassificationDefinition)
                {
                    var labels = E.Constant(d.Symbol.Labels.ToArray());
                    var idx = Slot(FI, d.Symbol.Slot);
                    return E.Condition(E.LessThan(idx, E.Constant(0)), E.Constant(null, typeof(string)), E.ArrayIndex(labels, idx));
                }
                return ResultSlot(d.Symbol);
            case BAsOf:
                return E.Field(_frame, FAsOf);
            case BUnary u:
                return u.Op == UnaryOp.Not ? E.Not(Gen(u.Operand)) : E.Negate(Gen(u.Operand));
            case BBinary b:
                return GenBinary(b);
            case BIsEmpty ie:
                return ie.Value is BField iff
                    ? E.Not(Present(iff))
                    : E.LessThan(Slot(FI, ((BDef)ie.Value).Symbol.Slot), E.Constant(0));
            case BIn i when i.Value is BField && LongOperand(i.Value) is { } lv && i.Items.All(x => LongOperand(x) is not null):
            {
                var tmp = E.Variable(typeof(long), "v");
                E any = E.Constant(false);
                for (int k = i.Items.Length - 1; k >= 0; k--)
                    any = E.OrElse(E.Equal(tmp, LongOperand(i.Items[k])!), any);
                if (i.Negated) any = E.Not(any);
                return E.Block(new[] { tmp }, E.Assign(tmp, lv), any);
            }
            case BIn i:
            {
                var tmp = E.Variable(ClrType(i.Value.Type), "v");
                E any = E.Constant(false);
                for (int k = i.Items.Length - 1; k >= 0; k--)
                    any = E.OrElse(Equal(tmp, Gen(i.Items[k]), i.Value.Type), any);
                if (i.Negated) any = E.Not(any);
                return E.Block(new[] { tmp }, E.Assign(tmp, Gen(i.Value)), any);
            }
            case BBetween bt when bt.Value is BField && LongOperand(bt.Value) is { } lv && LongOperand(bt.Low) is { } lo && LongOperand(bt.High) is { } hi:
            {
                var tmp = E.Variable(typeof(long), "v");
                return E.Block(new[] { tmp }, E.Assign(tmp, lv), E.AndAlso(E.GreaterThanOrEqual(tmp, lo), E.LessThanOrEqual(tmp, hi)));
            }
            case BBetween bt:
            {
                var tmp = E.Variable(ClrType(bt.Value.Type), "v");
                return E.Block(new[] { tmp }, E.Assign(tmp, Gen(bt.Value)),
                    E.AndAlso(E.GreaterThanOrEqual(tmp, Convert(Gen(bt.Low), tmp.Type)), E.LessThanOrEqual(tmp, Convert(Gen(bt.High), tmp.Type))));
            }
            case BIf f:
                return E.Condition(Gen(f.Condition), Gen(f.Then), Gen(f.Else), ClrType(f.Type));
            case BCall call:
                return GenCall(call);
            case BAggregate a:
                return GenAggregate(a);
            default:
                throw new InvalidOperationException($"cannot compile {e.GetType().Name}");
        }
    }

    private static E Convert(E e, Type t) => e.Type == t ? e : E.Convert(e, t);

    private static E Equal(E a, E b, TType t) =>
        t.Kind == TKind.Text ? E.Call(StringEquals, a, b) : E.Equal(a, b);

    private static E Compare(BinaryOp op, E l, E r) => op switch
    {
        BinaryOp.Equal => E.Equal(l, r),
        BinaryOp.NotEqual => E.NotEqual(l, r),
        BinaryOp.Less => E.LessThan(l, r),
        BinaryOp.LessOrEqual => E.LessThanOrEqual(l, r),
        BinaryOp.Greater => E.GreaterThan(l, r),
        _ => E.GreaterThanOrEqual(l, r),
    };

    /// <summary>
    /// Both sides of a comparison as long when each is a whole-number field or a whole constant (and at
    /// least one is a field): the same result as comparing them as decimals, without decimal arithmetic.
    /// </summary>
    private (E, E)? AsLong(BExpr left, BExpr right)
    {
        if (left is not BField && right is not BField) return null;
        return LongOperand(left) is { } l && LongOperand(right) is { } r ? (l, r) : null;
    }

    private E? LongOperand(BExpr e)
    {
        switch (e)
        {
            case BField { Field.Storage: Storage.Long } f:
            {
                var read = E.ArrayAccess(E.Field(RecordAt(f.Level), RLong), E.Constant(f.Field.Slot));
                return f.Field.Def.Optional
                    ? E.Condition(Present(f), read, E.Throw(E.Call(Op(nameof(Ops.MissingOptional)), E.Constant(NodeId(f.Syntax))), typeof(long)))
                    : read;
            }
            case BConst { Type.Kind: TKind.Number } c when c.Number == decimal.Truncate(c.Number) && c.Number >= long.MinValue && c.Number <= long.MaxValue:
                return E.Constant((long)c.Number);
            default:
                return null;
        }
    }

    private E GenBinary(BBinary b)
    {
        if (b.Op == BinaryOp.Coalesce && b.Left is BDef cls)
        {
            var tmp = E.Variable(typeof(string), "label");
            return E.Block(new[] { tmp }, E.Assign(tmp, Gen(cls)), E.Coalesce(tmp, Gen(b.Right)));
        }
        if (b.Op == BinaryOp.Coalesce)
        {
            var f = (BField)b.Left;
            return E.Condition(Present(f), ReadField(f), Convert(Gen(b.Right), ClrType(f.Type)));
        }
        var lt = b.Left.Type;
        if (lt.Kind == TKind.Number && b.Op is >= BinaryOp.Equal and <= BinaryOp.GreaterOrEqual && AsLong(b.Left, b.Right) is var (ll, rl))
            return Compare(b.Op, ll, rl);
        switch (b.Op)
        {
            case BinaryOp.And: return E.AndAlso(Gen(b.Left), Gen(b.Right));
            case BinaryOp.Or: return E.OrElse(Gen(b.Left), Gen(b.Right));
            case BinaryOp.Equal: return Equal(Gen(b.Left), Gen(b.Right), lt);
            case BinaryOp.NotEqual: return E.Not(Equal(Gen(b.Left), Gen(b.Right), lt));
            case >= BinaryOp.Less and <= BinaryOp.GreaterOrEqual: return Compare(b.Op, Gen(b.Left), Gen(b.Right));
        }
        var l = Gen(b.Left);
        var r = Gen(b.Right);
        if (lt.Kind == TKind.Number)
        {
            // each operation knows its node, so an overflow or a division by zero names the expression and its operator
            var site = E.Constant(NodeId(b.Syntax is BinaryExpr be ? new OperatorSite(be) : b.Syntax));
            return b.Op switch
            {
                BinaryOp.Add => E.Call(Op(nameof(Ops.Add)), l, r, site),
                BinaryOp.Subtract => E.Call(Op(nameof(Ops.Sub)), l, r, site),
                BinaryOp.Multiply => E.Call(Op(nameof(Ops.Mul)), l, r, site),
                _ => E.Call(Op(nameof(Ops.Div)), l, r, site),
            };
        }
        int node = NodeId(b.Syntax);
        if (b.Right.Type.Kind == TKind.Number)
        {
            // date ± days, month ± months
            var n = b.Op == BinaryOp.Subtract ? E.Negate(r) : r;
            return lt.Kind == TKind.Date
                ? E.Call(Op(nameof(Ops.AddDays)), l, n, E.Constant(node))
                : E.Call(Op(nameof(Ops.AddMonthsToMonth)), l, n, E.Constant(node));
        }
        // date - date → days; month - month → months
        return E.Convert(E.Subtract(l, r), typeof(decimal));
    }

    private E GenCall(BCall c)
    {
        var a = c.Args;
        switch (c.Fn)
        {
            case Fn.Min:
            case Fn.Max:
            {
                bool isInt = c.Type.Kind is TKind.Date or TKind.Month;
                var m = c.Fn == Fn.Min ? (isInt ? IntMin : DecMin) : (isInt ? IntMax : DecMax);
                E acc = Gen(a[0]);
                for (int i = 1; i < a.Length; i++) acc = E.Call(m, acc, Gen(a[i]));
                return acc;
            }
            case Fn.Abs: return E.Call(DecAbs, Gen(a[0]));
            case Fn.Round:
                return E.Call(Op(nameof(Ops.Round)), Gen(a[0]), E.Constant(c.Digits),
                    E.Constant(c.Mode switch { "half_up" => 0, "half_even" => 1, "up" => 2, _ => 3 }));
            case Fn.Floor: return E.Call(Op(nameof(Ops.Floor)), Gen(a[0]), E.Constant(c.Digits));
            case Fn.Ceil: return E.Call(Op(nameof(Ops.Ceil)), Gen(a[0]), E.Constant(c.Digits));
            case Fn.YearsBetween: return E.Call(Op(nameof(Ops.YearsBetween)), Gen(a[0]), Gen(a[1]));
            case Fn.MonthsBetween: return E.Call(Op(nameof(Ops.MonthsBetween)), Gen(a[0]), Gen(a[1]));
            case Fn.DaysBetween: return E.Convert(E.Subtract(Gen(a[1]), Gen(a[0])), typeof(decimal));
            case Fn.Year:
                return a[0].Type.Kind == TKind.Month
                    ? E.Convert(E.Divide(Gen(a[0]), E.Constant(12)), typeof(decimal))
                    : E.Call(Op(nameof(Ops.Year)), Gen(a[0]));
            case Fn.MonthOf:
                return a[0].Type.Kind == TKind.Month
                    ? E.Convert(E.Add(E.Modulo(Gen(a[0]), E.Constant(12)), E.Constant(1)), typeof(decimal))
                    : E.Call(Op(nameof(Ops.MonthOf)), Gen(a[0]));
            case Fn.Day: return E.Call(Op(nameof(Ops.Day)), Gen(a[0]));
            case Fn.MonthFromDate: return E.Call(Op(nameof(Ops.MonthFromDate)), Gen(a[0]));
            case Fn.AddMonths: return E.Call(Op(nameof(Ops.AddMonths)), Gen(a[0]), Gen(a[1]), E.Constant(NodeId(c.Syntax)));
            case Fn.AddYears: return E.Call(Op(nameof(Ops.AddYears)), Gen(a[0]), Gen(a[1]), E.Constant(NodeId(c.Syntax)));
            case Fn.Contains: return E.Call(Op(nameof(Ops.Contains)), Gen(a[0]), Gen(a[1]));
            case Fn.ApplyScale: return E.Call(Op(nameof(Ops.ApplyScale)), Gen(a[0]), Gen(a[1]));
            case Fn.MakeMonth: return E.Call(Op(nameof(Ops.MakeMonth)), Gen(a[0]), Gen(a[1]), E.Constant(NodeId(c.Syntax)));
            case Fn.CollectedCount: return E.Call(Op(nameof(Ops.CollectedCount)), Gen(a[0]));
            case Fn.ListCount:
            {
                var list = Gen(a[0]);
                var tmp = E.Variable(typeof(string[]), "list");
                return E.Block(new[] { tmp }, E.Assign(tmp, list),
                    E.Condition(E.Equal(tmp, E.Constant(null, typeof(string[]))), E.Constant(0m), E.Convert(E.ArrayLength(tmp), typeof(decimal))));
            }
            default:
                throw new InvalidOperationException($"cannot compile {c.Fn}");
        }
    }

    private static E BoxValue(E raw, TType t) => t.Kind switch
    {
        TKind.Number => E.Call(typeof(Value).GetMethod(nameof(Value.Of), new[] { typeof(decimal) })!, raw),
        TKind.Boolean => E.Call(typeof(Value).GetMethod(nameof(Value.Of), new[] { typeof(bool) })!, raw),
        TKind.Month => E.Call(typeof(Value).GetMethod(nameof(Value.OfMonth))!, raw),
        TKind.Date => E.Call(typeof(Value).GetMethod(nameof(Value.Of), new[] { typeof(DateOnly) })!,
                             E.Call(typeof(DateOnly).GetMethod(nameof(DateOnly.FromDayNumber))!, raw)),
        _ => E.Call(typeof(Value).GetMethod(nameof(Value.Of), new[] { typeof(string) })!, raw),
    };

    private E GenAggregate(BAggregate a)
    {
        if (_scopes.Count != a.ChildLevel) throw new InvalidOperationException("aggregate scope mismatch");
        bool period = a.Source.Period is not null;
        var brk = E.Label("done");
        var child = E.Variable(period ? typeof(int) : typeof(Record), period ? "period" : "child");
        _scopes.Add(child);
        E? filter = a.Filter is null ? null : Gen(a.Filter);
        E? body = a.Body is null ? null : Gen(a.Body);
        _scopes.RemoveAt(_scopes.Count - 1);

        var resultType = ClrType(a.Type);
        var acc = E.Variable(resultType, "acc");
        var any = E.Variable(typeof(bool), "found");
        var locals = new List<ParameterExpression> { child, acc, any };
        E init;
        E step;
        E? finish = null;
        switch (a.Kind)
        {
            case AggKind.Count:
                init = E.Assign(acc, E.Constant(0m));
                step = E.AddAssign(acc, E.Constant(1m));
                break;
            case AggKind.Any:
                init = E.Assign(acc, E.Constant(false));
                step = body is null
                    ? E.Block(E.Assign(acc, E.Constant(true)), E.Break(brk))
                    : E.IfThen(body, E.Block(E.Assign(acc, E.Constant(true)), E.Break(brk)));
                break;
            case AggKind.All:
                init = E.Assign(acc, E.Constant(true));
                step = E.IfThen(E.Not(body!), E.Block(E.Assign(acc, E.Constant(false)), E.Break(brk)));
                break;
            case AggKind.Sum:
                init = E.Assign(acc, E.Constant(0m));
                step = E.AddAssign(acc, body!);
                break;
            case AggKind.Collect:
            case AggKind.CountDistinct:
            {
                var list = E.Variable(typeof(List<Value>), "items");
                locals.Add(list);
                init = E.Assign(list, E.New(typeof(List<Value>)));
                step = E.Call(list, typeof(List<Value>).GetMethod(nameof(List<Value>.Add))!, BoxValue(body!, a.Body!.Type));
                finish = a.Kind == AggKind.Collect
                    ? E.Assign(acc, E.Call(typeof(Value).GetMethod(nameof(Value.List))!, list))
                    : E.Assign(acc, E.Call(Op(nameof(Ops.CountDistinct)), list));
                break;
            }
            case AggKind.Map:
            {
                var list = E.Variable(typeof(List<NamedValue>), "entries");
                locals.Add(list);
                init = E.Assign(list, E.New(typeof(List<NamedValue>)));
                step = E.Call(list, typeof(List<NamedValue>).GetMethod(nameof(List<NamedValue>.Add))!,
                    E.New(typeof(NamedValue).GetConstructor(new[] { typeof(string), typeof(Value) })!,
                        E.Call(typeof(Months).GetMethod(nameof(Months.Format))!, child), BoxValue(body!, a.Body!.Type)));
                finish = E.Assign(acc, E.Call(typeof(Value).GetMethod(nameof(Value.Object))!, list));
                break;
            }
            default:
            {
                bool isInt = resultType == typeof(int);
                var m = a.Kind == AggKind.Min ? (isInt ? IntMin : DecMin) : (isInt ? IntMax : DecMax);
                init = E.Block(E.Assign(acc, E.Default(resultType)), E.Assign(any, E.Constant(false)));
                var v = E.Variable(resultType, "x");
                step = E.Block(new[] { v }, E.Assign(v, body!),
                    E.Assign(acc, E.Condition(any, E.Call(m, acc, v), v)),
                    E.Assign(any, E.Constant(true)));
                break;
            }
        }
        if (filter is not null) step = E.IfThen(filter, step);
        E loop;
        var setup = new List<E>();
        if (period)
        {
            var p = a.Source.Period!;
            var end = E.Variable(typeof(int), "last");
            locals.Add(end);
            setup.Add(E.Assign(child, Gen(p.From!)));
            setup.Add(E.Assign(end, Gen(p.To!)));
            loop = E.Loop(
                E.IfThenElse(E.LessThanOrEqual(child, end),
                    E.Block(step, E.PreIncrementAssign(child)),
                    E.Break(brk)),
                brk);
        }
        else
        {
            var arr = E.Variable(typeof(Record[]), "children");
            var i = E.Variable(typeof(int), "i");
            locals.Add(arr);
            locals.Add(i);
            var parent = RecordAt(a.Source.Level);
            setup.Add(E.Assign(arr, E.ArrayIndex(E.Field(parent, RChildren), E.Constant(a.Source.Collection!.Index))));
            setup.Add(E.Assign(i, E.Constant(0)));
            loop = E.Loop(
                E.IfThenElse(E.LessThan(i, E.ArrayLength(arr)),
                    E.Block(E.Assign(child, E.ArrayIndex(arr, i)), E.PreIncrementAssign(i), step),
                    E.Break(brk)),
                brk);
        }
        E result = acc;
        if (a.Kind is AggKind.Min or AggKind.Max)
        {
            var empty = E.Call(Op(nameof(Ops.EmptyAggregate)), E.Constant(NodeId(a.Syntax)));
            result = E.Condition(any, acc, resultType == typeof(decimal) ? empty : E.Convert(empty, typeof(int)));
        }
        var block = new List<E>(setup) { init, loop };
        if (finish is not null) block.Add(finish);
        block.Add(result);
        return E.Block(locals, block);
    }
}

/// <summary>Marks the operator of a binary expression as the place an error occurred (e.g. the '/' of a division by zero).</summary>
internal sealed class OperatorSite : Expr
{
    public OperatorSite(BinaryExpr binary) : base(binary.OperatorSpan) => Binary = binary;

    public BinaryExpr Binary { get; }
}
