using System.Linq.Expressions;
using System.Reflection;
using Scoring.Binding;
using Scoring.Runtime;
using Scoring.Syntax;
using E = System.Linq.Expressions.Expression;

namespace Scoring.Compilation;

/// <summary>
/// Compiles bound expressions to straight-line .NET code over a <see cref="Frame"/>: fields are read from the
/// record's typed arrays, results from the frame's slots; no boxing, no dictionary lookups, no allocation.
/// Functions compile their own calls (<see cref="BuiltinFunction.Emit"/>); aggregates get their loop here
/// and their accumulation from the function.
/// </summary>
internal sealed class ExpressionCompiler : IEmitter
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
    private static readonly FieldInfo RNum = RecordField(nameof(Record.Num));
    private static readonly FieldInfo RBool = RecordField(nameof(Record.Bool));
    private static readonly FieldInfo RLong = RecordField(nameof(Record.Long));
    private static readonly FieldInfo RInt = RecordField(nameof(Record.Int));
    private static readonly FieldInfo RStr = RecordField(nameof(Record.Str));
    private static readonly FieldInfo RLists = RecordField(nameof(Record.Lists));
    private static readonly FieldInfo RPresent = RecordField(nameof(Record.Present));
    private static readonly FieldInfo RChildren = RecordField(nameof(Record.Children));
    private static readonly MethodInfo StringEquals = typeof(string).GetMethod(nameof(string.Equals), new[] { typeof(string), typeof(string) })!;

    private static FieldInfo RecordField(string name) => typeof(Record).GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly List<Expr> _nodes;
    private readonly List<ParameterExpression> _scopes = new();
    private readonly ParameterExpression? _groupSize, _amongSize;

    /// <param name="nodes">Receives the syntax nodes that run-time errors refer to by id.</param>
    /// <param name="groupSize">For a selection's count: the parameters <c>group_size</c> and <c>among_size</c> compile to.</param>
    public ExpressionCompiler(List<Expr> nodes, (ParameterExpression Group, ParameterExpression Among)? groupSize = null)
    {
        _nodes = nodes;
        _groupSize = groupSize?.Group;
        _amongSize = groupSize?.Among;
        Subject = E.Variable(typeof(Record), "subject");
        _scopes.Add(Subject);
    }

    /// <summary>The frame every compiled rule set reads and writes.</summary>
    public ParameterExpression FrameParameter { get; } = E.Parameter(typeof(Frame), "frame");

    /// <summary>The subject record: declare it in the block of the compiled code and set it with <see cref="LoadSubject"/>.</summary>
    public ParameterExpression Subject { get; }

    public E LoadSubject() => E.Assign(Subject, E.Field(FrameParameter, FSubject));

    /// <summary>Records which definition is being evaluated, so that an error names it.</summary>
    public E SetCurrent(int order) => E.Assign(E.Field(FrameParameter, FCurrent), E.Constant(order));

    // ---------------------------------------------------------------- slots

    public E N(int slot) => Slot(FN, slot);
    public E B(int slot) => Slot(FB, slot);
    public E I(int slot) => Slot(FI, slot);
    public E S(int slot) => Slot(FS, slot);

    private E Slot(FieldInfo array, int slot) => E.ArrayAccess(E.Field(FrameParameter, array), E.Constant(slot));

    public E Slot(Storage storage, int slot) => storage switch
    {
        Storage.Num => Slot(FN, slot),
        Storage.Bool => Slot(FB, slot),
        Storage.Int => Slot(FI, slot),
        Storage.Value => Slot(FV, slot),
        _ => Slot(FS, slot),
    };

    // ---------------------------------------------------------------- whole functions

    /// <summary>Compiles statements over the frame into one delegate (the subject variable is declared and loaded first).</summary>
    public Action<Frame> CompileBody(IEnumerable<E> statements)
    {
        var body = new List<E> { LoadSubject() };
        body.AddRange(statements);
        return E.Lambda<Action<Frame>>(E.Block(new[] { Subject }, body), "evaluate", new[] { FrameParameter }).Compile();
    }

    /// <summary>Compiles a selection's count: (group size, among size) → how many to select.</summary>
    public static Func<decimal, decimal, decimal> CompileCount(BExpr count, List<Expr> nodes)
    {
        var group = E.Parameter(typeof(decimal), "group_size");
        var among = E.Parameter(typeof(decimal), "among_size");
        var c = new ExpressionCompiler(nodes, (group, among));
        var body = E.Block(new[] { c.Subject }, c.Emit(count));
        return E.Lambda<Func<decimal, decimal, decimal>>(body, group, among).Compile();
    }

    /// <summary>Compiles one bound expression into a reader of its value, for explanations (not on the scoring path).</summary>
    public static Func<Frame, Value> CompileReader(BExpr expr, List<Expr> nodes)
    {
        if (expr is BField { Field.Storage: Storage.List } lf)
            return f => f.Subject.Read(lf.Field);
        var c = new ExpressionCompiler(nodes);
        var raw = c.Emit(expr);
        E boxed = expr.Type.Kind is TKind.Number or TKind.Boolean or TKind.Text or TKind.Month or TKind.Date or TKind.Collected
            ? ValueBoxing.Box(raw, expr.Type)
            : E.Constant(Value.Empty);
        if (expr is BField { Field.Def.Optional: true } bf)
            boxed = E.Condition(c.Present(bf), boxed, E.Constant(Value.Empty));
        var body = E.Block(new[] { c.Subject }, c.LoadSubject(), boxed);
        return E.Lambda<Func<Frame, Value>>(body, c.FrameParameter).Compile();
    }

    // ---------------------------------------------------------------- IEmitter

    public E Site(Expr node)
    {
        _nodes.Add(node);
        return E.Constant(_nodes.Count - 1);
    }

    public E Emit(BExpr e)
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
                    return E.Condition(Present(f), ReadField(f), E.Throw(MissingOptional(f), ValueBoxing.ClrType(f.Type)));
                }
                return ReadField(f);
            case BParam p:
                return p.Type.Kind == TKind.Scale ? E.ArrayAccess(E.Field(FrameParameter, FScales), E.Constant(p.Index)) : Slot(FP, p.Index);
            case BChildDef cd:
                return Emit(cd.Inner);
            case BGroupSize gs:
                return (gs.Among ? _amongSize : _groupSize) ?? throw new InvalidOperationException("group_size outside a count");
            case BDef d:
                return Slot(d.Symbol.Storage, d.Symbol.Slot);
            case BAsOf:
                return E.Field(FrameParameter, FAsOf);
            case BUnary u:
                return u.Op == UnaryOp.Not ? E.Not(Emit(u.Operand)) : E.Negate(Emit(u.Operand));
            case BBinary b:
                return EmitBinary(b);
            case BIsEmpty ie:
                return ie.Value is BField iff
                    ? E.Not(Present(iff))
                    : E.Equal(Emit(ie.Value), E.Constant(null, ValueBoxing.ClrType(ie.Value.Type)));
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
                var tmp = E.Variable(ValueBoxing.ClrType(i.Value.Type), "v");
                E any = E.Constant(false);
                for (int k = i.Items.Length - 1; k >= 0; k--)
                    any = E.OrElse(Equal(tmp, Emit(i.Items[k]), i.Value.Type), any);
                if (i.Negated) any = E.Not(any);
                return E.Block(new[] { tmp }, E.Assign(tmp, Emit(i.Value)), any);
            }
            case BBetween bt when bt.Value is BField && LongOperand(bt.Value) is { } lv && LongOperand(bt.Low) is { } lo && LongOperand(bt.High) is { } hi:
            {
                var tmp = E.Variable(typeof(long), "v");
                return E.Block(new[] { tmp }, E.Assign(tmp, lv), E.AndAlso(E.GreaterThanOrEqual(tmp, lo), E.LessThanOrEqual(tmp, hi)));
            }
            case BBetween bt:
            {
                var tmp = E.Variable(ValueBoxing.ClrType(bt.Value.Type), "v");
                return E.Block(new[] { tmp }, E.Assign(tmp, Emit(bt.Value)),
                    E.AndAlso(E.GreaterThanOrEqual(tmp, Convert(Emit(bt.Low), tmp.Type)), E.LessThanOrEqual(tmp, Convert(Emit(bt.High), tmp.Type))));
            }
            case BIf f:
                return E.Condition(Emit(f.Condition), Emit(f.Then), Emit(f.Else), ValueBoxing.ClrType(f.Type));
            case BCall call:
                return call.Function.Emit(call, this);
            case BAggregate a:
                return EmitAggregate(a);
            default:
                throw new InvalidOperationException($"cannot compile {e.GetType().Name}");
        }
    }

    // ---------------------------------------------------------------- fields

    private E RecordAt(int level) => _scopes[level];

    public E Present(BField f) => f.Field.Owner.IsPeriod ? E.Constant(true) : E.ArrayAccess(E.Field(RecordAt(f.Level), RPresent), E.Constant(f.Field.Index));

    private E MissingOptional(BField f) =>
        E.New(typeof(EvaluationFault).GetConstructor(new[] { typeof(string), typeof(string), typeof(int) })!,
            E.Constant(Diagnostics.DiagnosticCodes.MissingField), E.Constant("optional field is empty"), Site(f.Syntax));

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

    // ---------------------------------------------------------------- operators

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
                    ? E.Condition(Present(f), read, E.Throw(MissingOptional(f), typeof(long)))
                    : read;
            }
            case BConst { Type.Kind: TKind.Number } c when c.Number == decimal.Truncate(c.Number) && c.Number >= long.MinValue && c.Number <= long.MaxValue:
                return E.Constant((long)c.Number);
            default:
                return null;
        }
    }

    private E EmitBinary(BBinary b)
    {
        if (b.Op == BinaryOp.Coalesce && b.Left is BDef maybe)
        {
            var tmp = E.Variable(ValueBoxing.ClrType(maybe.Type), "value");
            return E.Block(new[] { tmp }, E.Assign(tmp, Emit(maybe)), E.Coalesce(tmp, Emit(b.Right)));
        }
        if (b.Op == BinaryOp.Coalesce)
        {
            var f = (BField)b.Left;
            return E.Condition(Present(f), ReadField(f), Convert(Emit(b.Right), ValueBoxing.ClrType(f.Type)));
        }
        var lt = b.Left.Type;
        if (lt.Kind == TKind.Number && b.Op is >= BinaryOp.Equal and <= BinaryOp.GreaterOrEqual && AsLong(b.Left, b.Right) is var (ll, rl))
            return Compare(b.Op, ll, rl);
        switch (b.Op)
        {
            case BinaryOp.And: return E.AndAlso(Emit(b.Left), Emit(b.Right));
            case BinaryOp.Or: return E.OrElse(Emit(b.Left), Emit(b.Right));
            case BinaryOp.Equal: return Equal(Emit(b.Left), Emit(b.Right), lt);
            case BinaryOp.NotEqual: return E.Not(Equal(Emit(b.Left), Emit(b.Right), lt));
            case >= BinaryOp.Less and <= BinaryOp.GreaterOrEqual: return Compare(b.Op, Emit(b.Left), Emit(b.Right));
        }
        var l = Emit(b.Left);
        var r = Emit(b.Right);
        if (lt.Kind == TKind.Number)
        {
            // each operation knows its node, so an overflow or a division by zero names the expression and its operator
            var site = Site(b.Syntax is BinaryExpr be ? new OperatorSite(be) : b.Syntax);
            return b.Op switch
            {
                BinaryOp.Add => E.Call(Arithmetic(nameof(CheckedArithmetic.Add)), l, r, site),
                BinaryOp.Subtract => E.Call(Arithmetic(nameof(CheckedArithmetic.Sub)), l, r, site),
                BinaryOp.Multiply => E.Call(Arithmetic(nameof(CheckedArithmetic.Mul)), l, r, site),
                _ => E.Call(Arithmetic(nameof(CheckedArithmetic.Div)), l, r, site),
            };
        }
        var node = Site(b.Syntax);
        if (b.Right.Type.Kind == TKind.Number)
        {
            // date ± days, month ± months
            var n = b.Op == BinaryOp.Subtract ? E.Negate(r) : r;
            return lt.Kind == TKind.Date
                ? E.Call(Arithmetic(nameof(CheckedArithmetic.AddDays)), l, n, node)
                : E.Call(Arithmetic(nameof(CheckedArithmetic.AddMonthsToMonth)), l, n, node);
        }
        // date - date → days; month - month → months
        return E.Convert(E.Subtract(l, r), typeof(decimal));
    }

    private static MethodInfo Arithmetic(string name) => typeof(CheckedArithmetic).GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    // ---------------------------------------------------------------- aggregates

    private E EmitAggregate(BAggregate a)
    {
        if (_scopes.Count != a.ChildLevel) throw new InvalidOperationException("aggregate scope mismatch");
        bool period = a.Source.Period is not null;
        var brk = E.Label("done");
        var child = E.Variable(period ? typeof(int) : typeof(Record), period ? "period" : "child");
        _scopes.Add(child);
        E? filter = a.Filter is null ? null : Emit(a.Filter);
        E? body = a.Body is null ? null : Emit(a.Body);
        _scopes.RemoveAt(_scopes.Count - 1);

        var acc = E.Variable(ValueBoxing.ClrType(a.Type), "acc");
        var found = E.Variable(typeof(bool), "found");
        var locals = new List<ParameterExpression> { child, acc, found };
        var code = a.Function.Accumulate(new AggregateEmit
        {
            Node = a, Accumulator = acc, Found = found, Body = body, Break = brk, Current = child, Locals = locals, Emitter = this,
        });
        var step = filter is null ? code.Step : E.IfThen(filter, code.Step);
        E loop;
        var setup = new List<E>();
        if (period)
        {
            var p = a.Source.Period!;
            var end = E.Variable(typeof(int), "last");
            locals.Add(end);
            setup.Add(E.Assign(child, Emit(p.From!)));
            setup.Add(E.Assign(end, Emit(p.To!)));
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
        var block = new List<E>(setup) { code.Init, loop };
        if (code.Finish is not null) block.Add(code.Finish);
        block.Add(code.Result ?? acc);
        return E.Block(locals, block);
    }
}

/// <summary>Marks the operator of a binary expression as the place an error occurred (e.g. the '/' of a division by zero).</summary>
internal sealed class OperatorSite : Expr
{
    public OperatorSite(BinaryExpr binary) : base(binary.OperatorSpan) => Binary = binary;

    public BinaryExpr Binary { get; }
}
