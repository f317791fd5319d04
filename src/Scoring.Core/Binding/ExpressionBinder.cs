using System.Collections.Immutable;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Runtime;
using Scoring.Syntax;

namespace Scoring.Binding;

/// <summary>
/// Type-checks expressions against the names of a rule set: resolves every name (child scopes first, then
/// the subject's fields, periods, parameters, definitions), checks operators and calls (through the
/// function table), narrows optional fields after <c>is_empty</c> guards, and records the values each
/// definition reads for its explanation. Reports every problem; never throws on bad input.
/// </summary>
internal sealed class ExpressionBinder
{
    private const int MaxChildNesting = 16;

    private readonly RuleSetNames _names;
    private readonly DiagnosticBag _bag;
    private List<RecordLayout?> _scopes = new();
    private readonly Dictionary<(RecordLayout, string), ChildBinding> _children = new();
    private readonly HashSet<(FieldSlot, int)> _guarded = new();
    private List<InputRef>? _inputs;
    private Definition? _current;
    private bool _inCount;
    private int _childDepth;

    /// <summary>A definition of a child record or period, bound (inlined) separately for each scope level it is used at.</summary>
    private sealed class ChildBinding
    {
        public Dictionary<int, BExpr> ByLevel { get; } = new();
        public bool Binding { get; set; }
    }

    public ExpressionBinder(RuleSetNames names, DiagnosticBag bag)
    {
        _names = names;
        _bag = bag;
    }

    public RuleSetNames Names => _names;

    // ---------------------------------------------------------------- per definition

    /// <summary>Starts binding the expressions of <paramref name="definition"/>: the values they read are gathered for its explanation.</summary>
    public void Begin(Definition definition)
    {
        _current = definition;
        _inputs = new List<InputRef>();
    }

    /// <summary>Ends the definition begun last; returns the values it read, each once.</summary>
    public ImmutableArray<InputRef> End()
    {
        var inputs = _inputs is null ? ImmutableArray<InputRef>.Empty : _inputs.GroupBy(i => i.Name).Select(g => g.First()).ToImmutableArray();
        _inputs = null;
        _current = null;
        return inputs;
    }

    /// <summary>Adds a value to those the current definition's explanation shows.</summary>
    public void AddInput(InputRef input) => _inputs?.Add(input);

    // ---------------------------------------------------------------- reporting

    public void Error(string code, string message, SourceSpan span) => _bag.Error(code, message, span);

    public void Report(MessageTemplate message, SourceSpan span, params DiagnosticArgument[] args) => _bag.Report(message, span, args);

    /// <summary>Reports that <paramref name="e"/> is not of kind <paramref name="kind"/>; returns it unchanged.</summary>
    public BExpr ExpectType(BExpr e, TKind kind, string what)
    {
        if (e.Type.Kind != kind && e.Type.Kind != TKind.Error)
            Error(DiagnosticCodes.TypeMismatch, $"{what} must be {TType.Describe(kind)}, but this is {e.Type}", e.Syntax.Span);
        return e;
    }

    /// <summary>Reports wrong arguments for a function, with how it is written.</summary>
    public BExpr Arity(CallExpr c, string usage)
    {
        Error(DiagnosticCodes.UnknownFunction, $"wrong arguments for {c.Function}(); use {usage}", c.Span);
        return BConst.Error(c);
    }

    public void ReportOptional(BField f) =>
        Error(DiagnosticCodes.OptionalFieldRead, $"field '{f.Field.Name}' may be empty; write '{f.Field.Name} ?? <value if empty>' or test 'is_empty({f.Field.Name})'", f.Syntax.Span);

    /// <summary>Reports a text literal compared with an enum-like value that cannot take it.</summary>
    public void CheckMember(BExpr typed, BExpr literal)
    {
        if (typed.Type.HasMembers && literal is BConst { Text: { } t } && !typed.Type.Members.Contains(t))
            Error(DiagnosticCodes.UnknownEnumMember, $"'{t}' is not one of the values of '{PrintShort(typed.Syntax)}': {string.Join(", ", typed.Type.Members)}", literal.Syntax.Span);
    }

    public static string PrintShort(Expr e)
    {
        var s = ExprPrinter.Print(e);
        return s.Length > 60 ? s[..57] + "..." : s;
    }

    public static string Suggest(string name, IEnumerable<string> candidates) =>
        NameSuggester.Closest(name, candidates) is { } best ? $"; did you mean '{best}'?" : "";

    // ---------------------------------------------------------------- entry points

    /// <summary>Binds the expression of a definition (a fresh scope: the subject's).</summary>
    public BExpr BindTop(Expr e)
    {
        _scopes = new List<RecordLayout?>();
        var b = Bind(e);
        if (b is BField { Type.Kind: not TKind.Error } bf && bf.Field.Def.Optional && !IsGuarded(bf))
            ReportOptional(bf);
        return b;
    }

    /// <summary>Binds a selection's count, where <c>group_size</c> and <c>among_size</c> may be read.</summary>
    public BExpr BindCount(Expr e)
    {
        _inCount = true;
        try { return BindTop(e); }
        finally { _inCount = false; }
    }

    /// <summary>Binds an operand position: an optional field read here is an error, and so is a collection or a scale.</summary>
    public BExpr Operand(Expr e)
    {
        var b = Bind(e);
        if (b is BField bf && bf.Field.Def.Optional && !IsGuarded(bf)) ReportOptional(bf);
        if (b.Type.Kind == TKind.Collection)
        {
            Error(DiagnosticCodes.TypeMismatch, $"'{PrintShort(e)}' is a collection; use count(), any(), all(), sum(), min(), max(), collect() or map() over it", e.Span);
            return BConst.Error(e);
        }
        if (b.Type.Kind == TKind.Scale)
        {
            Error(DiagnosticCodes.TypeMismatch, $"'{PrintShort(e)}' is a scale; use apply_scale({PrintShort(e)}, amount)", e.Span);
            return BConst.Error(e);
        }
        return b;
    }

    /// <summary>Every argument of <paramref name="c"/> as an operand; null when one of them has an error (already reported).</summary>
    public ImmutableArray<BExpr>? Operands(CallExpr c)
    {
        var bargs = c.Arguments.Select(Operand).ToImmutableArray();
        return bargs.Any(a => a.Type.Kind == TKind.Error) ? null : bargs;
    }

    /// <summary>
    /// Binds an aggregate's filter and body in the scope of each record of <paramref name="source"/>; the names
    /// read inside are not shown one by one in the explanation (the aggregate is).
    /// </summary>
    public (BExpr? Filter, BExpr? Body, int ChildLevel) BindInCollection(BCollection source, Expr? filter, Expr? body)
    {
        _scopes.Add(source.Child);
        int childLevel = _scopes.Count;
        var savedInputs = _inputs;
        _inputs = null;
        try
        {
            var f = filter is null ? null : ExpectType(Operand(filter), TKind.Boolean, "the 'where' filter");
            var b = body is null ? null : Operand(body);
            return (f, b, childLevel);
        }
        finally
        {
            _scopes.RemoveAt(_scopes.Count - 1);
            _inputs = savedInputs;
        }
    }

    // ---------------------------------------------------------------- optional fields

    private bool IsGuarded(BField f) => _guarded.Contains((f.Field, f.Level));

    /// <summary>The optional field that is known to have a value when <paramref name="condition"/> is <paramref name="holds"/>.</summary>
    private static BField? NonEmptyWhen(BExpr condition, bool holds) => condition switch
    {
        BUnary { Op: UnaryOp.Not } n => NonEmptyWhen(n.Operand, !holds),
        BIsEmpty { Value: BField f } when !holds => f,
        BBinary { Op: BinaryOp.And } a when holds => NonEmptyWhen(a.Left, true) ?? NonEmptyWhen(a.Right, true),
        BBinary { Op: BinaryOp.Or } o when !holds => NonEmptyWhen(o.Left, false) ?? NonEmptyWhen(o.Right, false),
        _ => null,
    };

    private BExpr Guarded(BField? field, Func<BExpr> bind)
    {
        if (field is null || !_guarded.Add((field.Field, field.Level))) return bind();
        try { return bind(); }
        finally { _guarded.Remove((field.Field, field.Level)); }
    }

    // ---------------------------------------------------------------- expressions

    public BExpr Bind(Expr e)
    {
        switch (e)
        {
            case ErrorExpr: return BConst.Error(e);
            case LiteralExpr l:
                return l.Kind switch
                {
                    LiteralKind.Integer => new BConst(e, TType.Integer, number: l.Number),
                    LiteralKind.Decimal => new BConst(e, TType.Decimal, number: l.Number),
                    LiteralKind.Boolean => new BConst(e, TType.Boolean, boolean: l.Boolean),
                    _ => new BConst(e, TType.Text, text: l.Text),
                };
            case NameExpr n: return BindName(n);
            case UnaryExpr u:
            {
                var o = Operand(u.Operand);
                if (o.Type.Kind == TKind.Error) return BConst.Error(e);
                if (u.Op == UnaryOp.Not)
                {
                    ExpectType(o, TKind.Boolean, "the operand of 'not'");
                    return new BUnary(e, TType.Boolean, u.Op, o);
                }
                ExpectType(o, TKind.Number, "the operand of '-'");
                return new BUnary(e, o.Type.Kind == TKind.Number ? o.Type with { Members = default } : TType.Error, u.Op, o);
            }
            case BinaryExpr b: return BindBinary(b);
            case InExpr i:
            {
                var v = Operand(i.Value);
                var items = ImmutableArray.CreateBuilder<BExpr>();
                foreach (var it in i.Items)
                {
                    var bi = Operand(it);
                    CheckComparable(v, bi, it.Span, "in");
                    items.Add(bi);
                }
                if (i.Items.Count == 0) Error(DiagnosticCodes.TypeMismatch, "the list after 'in' is empty", e.Span);
                return new BIn(e, v, items.ToImmutable(), i.Negated);
            }
            case BetweenExpr bt:
            {
                var v = Operand(bt.Value);
                var lo = Operand(bt.Low);
                var hi = Operand(bt.High);
                if (v.Type.Kind is not (TKind.Number or TKind.Date or TKind.Month or TKind.Error))
                    Error(DiagnosticCodes.TypeMismatch, $"'between' compares numbers, dates or months, not {v.Type}", bt.Value.Span);
                CheckComparable(v, lo, bt.Low.Span, "between");
                CheckComparable(v, hi, bt.High.Span, "between");
                return new BBetween(e, v, lo, hi);
            }
            case IfExpr f:
            {
                var c = ExpectType(Operand(f.Condition), TKind.Boolean, "the condition of 'if'");
                var a = Guarded(NonEmptyWhen(c, true), () => Operand(f.Then));
                var b2 = Guarded(NonEmptyWhen(c, false), () => Operand(f.Else));
                var t = TType.Unify(a.Type, b2.Type);
                if (t is null)
                {
                    Error(DiagnosticCodes.TypeMismatch, $"'then' is {a.Type} but 'else' is {b2.Type}; both branches must have the same type", f.Else.Span);
                    return BConst.Error(e);
                }
                return new BIf(e, t, c, a, b2);
            }
            case CallExpr call: return BindCall(call);
            default: return BConst.Error(e);
        }
    }

    public void CheckComparable(BExpr a, BExpr b, SourceSpan span, string op)
    {
        if (a.Type.Kind == TKind.Error || b.Type.Kind == TKind.Error) return;
        if (a.Type.Kind != b.Type.Kind)
        {
            Error(DiagnosticCodes.TypeMismatch, $"cannot compare {a.Type} with {b.Type} ('{op}')", span);
            return;
        }
        if (a.Type.Kind == TKind.Text)
        {
            CheckMember(a, b);
            CheckMember(b, a);
        }
    }

    private BExpr BindBinary(BinaryExpr b)
    {
        if (b.Op == BinaryOp.Coalesce)
        {
            var left = Bind(b.Left);
            var right = Operand(b.Right);
            if (left is BDef { Symbol.MayBeEmpty: true } maybe)
            {
                CheckComparable(maybe, right, b.Right.Span, "??");
                return new BBinary(b, maybe.Type, b.Op, left, right);
            }
            if (left is not BField { } lf || !lf.Field.Def.Optional)
            {
                if (left.Type.Kind != TKind.Error)
                    Error(DiagnosticCodes.TypeMismatch, $"'??' applies to an optional field or a classification without 'else'; '{PrintShort(b.Left)}' is never empty", b.OperatorSpan);
                return left.Type.Kind == TKind.Error ? BConst.Error(b) : left;
            }
            var t = TType.Unify(lf.Type, right.Type);
            if (t is null)
            {
                Error(DiagnosticCodes.TypeMismatch, $"the value after '??' is {right.Type} but '{lf.Field.Name}' is {lf.Type}", b.Right.Span);
                return BConst.Error(b);
            }
            if (lf.Type.HasMembers) CheckMember(lf, right);
            return new BBinary(b, lf.Type.HasMembers ? lf.Type : t, b.Op, left, right);
        }
        var l = Operand(b.Left);
        // 'not is_empty(x) and …x…' and 'is_empty(x) or …x…' read x only where it has a value
        var guard = b.Op switch { BinaryOp.And => NonEmptyWhen(l, true), BinaryOp.Or => NonEmptyWhen(l, false), _ => null };
        var r = Guarded(guard, () => Operand(b.Right));
        if (l.Type.Kind == TKind.Error || r.Type.Kind == TKind.Error) return BConst.Error(b);
        string op = ExprPrinter.OperatorText(b.Op);
        switch (b.Op)
        {
            case BinaryOp.And:
            case BinaryOp.Or:
                ExpectType(l, TKind.Boolean, $"the left side of '{op}'");
                ExpectType(r, TKind.Boolean, $"the right side of '{op}'");
                return new BBinary(b, TType.Boolean, b.Op, l, r);
            case BinaryOp.Equal:
            case BinaryOp.NotEqual:
                if (l.Type.Kind is TKind.List)
                {
                    Error(DiagnosticCodes.TypeMismatch, $"lists cannot be compared with '{op}'; use contains()", b.OperatorSpan);
                    return BConst.Error(b);
                }
                CheckComparable(l, r, b.OperatorSpan, op);
                return new BBinary(b, TType.Boolean, b.Op, l, r);
            case BinaryOp.Less:
            case BinaryOp.LessOrEqual:
            case BinaryOp.Greater:
            case BinaryOp.GreaterOrEqual:
                if (l.Type.Kind is not (TKind.Number or TKind.Date or TKind.Month))
                {
                    Error(DiagnosticCodes.TypeMismatch, $"'{op}' compares numbers, dates or months, not {l.Type}", b.Left.Span);
                    return BConst.Error(b);
                }
                CheckComparable(l, r, b.OperatorSpan, op);
                return new BBinary(b, TType.Boolean, b.Op, l, r);
            default:
            {
                var lk = l.Type.Kind;
                var rk = r.Type.Kind;
                TType? t = null;
                if (lk == TKind.Number && rk == TKind.Number)
                    t = b.Op != BinaryOp.Divide && l.Type.IsInteger && r.Type.IsInteger ? TType.Integer : TType.Decimal;
                else if ((lk is TKind.Date or TKind.Month) && rk == TKind.Number && r.Type.IsInteger && b.Op is BinaryOp.Add or BinaryOp.Subtract)
                    t = l.Type with { Members = default };
                else if (lk == TKind.Number && l.Type.IsInteger && rk is TKind.Date or TKind.Month && b.Op == BinaryOp.Add)
                    t = r.Type;
                else if ((lk is TKind.Date or TKind.Month) && lk == rk && b.Op == BinaryOp.Subtract)
                    t = TType.Integer;
                if (t is null)
                {
                    string hint = (lk is TKind.Date or TKind.Month) && rk == TKind.Number ? " (only whole numbers of days or months can be added to a date or month)" : "";
                    Error(DiagnosticCodes.TypeMismatch, $"'{op}' cannot combine {l.Type} and {r.Type}{hint}", b.OperatorSpan);
                    return BConst.Error(b);
                }
                if (lk == TKind.Number && rk != TKind.Number)
                    return new BBinary(b, t, b.Op, r, l); // n + date → date + n
                return new BBinary(b, t, b.Op, l, r);
            }
        }
    }

    // ---------------------------------------------------------------- names

    private BExpr BindName(NameExpr n)
    {
        for (int level = _scopes.Count - 1; level >= 0; level--)
        {
            var scope = _scopes[level];
            if (scope is null) continue;
            if (scope.ByName.TryGetValue(n.Name, out var cf)) return new BField(n, TType.OfField(cf.Def), cf, level + 1);
            if (scope.CollectionsByName.TryGetValue(n.Name, out var cc)) return new BCollection(n, cc, level + 1);
            if (scope.ChildDefsByName.TryGetValue(n.Name, out var cd)) return BindChild(n, scope, cd, level + 1);
        }
        if (_inCount && n.Name is "group_size" or "among_size")
            return new BGroupSize(n, n.Name == "among_size");
        var subject = _names.Subject;
        if (subject.ByName.TryGetValue(n.Name, out var f))
        {
            var bf = new BField(n, TType.OfField(f.Def), f, 0);
            AddInput(new InputRef(f.Name, f.Def.Label, bf));
            return bf;
        }
        if (subject.CollectionsByName.TryGetValue(n.Name, out var c)) return new BCollection(n, c, 0);
        if (_names.Periods.TryGetValue(n.Name, out var period)) return new BCollection(n, period);
        if (_names.ParameterIndex.TryGetValue(n.Name, out var pi))
        {
            var p = _names.Parameters[pi];
            _names.ParameterUsed[pi] = true;
            var type = p.Type switch { FieldType.Integer => TType.Integer, FieldType.Scale => new TType(TKind.Scale), _ => TType.Decimal };
            var bp = new BParam(n, type, pi, p);
            if (p.Type != FieldType.Scale) AddInput(new InputRef(p.Name, p.Label, bp));
            return bp;
        }
        if (_names.Declared.TryGetValue(n.Name, out var d))
        {
            if (ReferenceEquals(d, _current)) return BConst.Error(n); // reported as a cycle when the definitions were ordered
            if (_names.Unreadable(d) is { } why)
            {
                Error(DiagnosticCodes.InvalidReference, $"'{n.Name}' {why}", n.Span);
                return BConst.Error(n);
            }
            // not bound: in a cycle (reported) or its own error was reported
            if (!_names.Bound.TryGetValue(n.Name, out var sym) || sym.Type.Kind == TKind.Error) return BConst.Error(n);
            var bd = new BDef(n, sym);
            AddInput(new InputRef(sym.Key, sym.Def.Label, bd));
            return bd;
        }
        if (n.Name == "as_of")
        {
            _names.UsesAsOf = true;
            var ba = new BAsOf(n);
            AddInput(new InputRef("as_of", "评估日期", ba));
            return ba;
        }
        var candidates = new List<string>();
        foreach (var s in _scopes) if (s is not null) { candidates.AddRange(s.ByName.Keys); candidates.AddRange(s.ChildDefsByName.Keys); }
        candidates.AddRange(subject.ByName.Keys);
        candidates.AddRange(_names.ParameterIndex.Keys);
        candidates.AddRange(_names.Declared.Keys);
        string hint = _names.Functions.TryGet(n.Name, out _) ? $"; '{n.Name}' is a function: write {n.Name}(...)" : Suggest(n.Name, candidates);
        Error(DiagnosticCodes.UnknownName, $"unknown name '{n.Name}'{hint}", n.Span);
        return BConst.Error(n);
    }

    /// <summary>Binds a child-record (or period) definition for use at scope <paramref name="level"/>; it is inlined there.</summary>
    private BExpr BindChild(NameExpr n, RecordLayout owner, Definition def, int level)
    {
        if (!_children.TryGetValue((owner, def.Key), out var cs)) _children[(owner, def.Key)] = cs = new ChildBinding();
        if (cs.ByLevel.TryGetValue(level, out var bound)) return new BChildDef(n, def.Key, bound);
        if (cs.Binding)
        {
            Error(DiagnosticCodes.Cycle, $"circular definition through '{def.Key}'", def.Span);
            return BConst.Error(n);
        }
        if (_childDepth >= MaxChildNesting)
        {
            Error(DiagnosticCodes.ExpressionTooDeep, $"'{def.Key}' builds on more than {MaxChildNesting} levels of child definitions; flatten them", def.Span);
            return BConst.Error(n);
        }
        _childDepth++;
        cs.Binding = true;
        var savedScopes = _scopes;
        var savedInputs = _inputs;
        var savedCount = _inCount;
        _scopes = new List<RecordLayout?>(new RecordLayout?[level]);
        _scopes[level - 1] = owner;
        _inputs = null;
        _inCount = false;
        try
        {
            bound = _names.Inline.CanInline(def) ? _names.Inline.BindInline(def, owner, this, n) : BConst.Error(n);
            if (def is ValueDefinition { DeclaredType: { } dt } vd && bound.Type.Kind != TKind.Error && !bound.Type.Matches(dt))
                Error(DiagnosticCodes.TypeMismatch, $"value '{vd.Key}' is declared {dt.ToString().ToLowerInvariant()} but its expression is {bound.Type}", vd.Expression.Span);
        }
        finally
        {
            _scopes = savedScopes;
            _inputs = savedInputs;
            _inCount = savedCount;
            cs.Binding = false;
            _childDepth--;
        }
        cs.ByLevel[level] = bound;
        return new BChildDef(n, def.Key, bound);
    }

    // ---------------------------------------------------------------- calls

    private BExpr BindCall(CallExpr c)
    {
        var args = c.Arguments;
        string f = c.Function;
        if (!_names.Functions.TryGet(f, out var function))
        {
            Error(DiagnosticCodes.UnknownFunction, $"unknown function '{f}'{Suggest(f, _names.Functions.Names)}", c.NameSpan);
            return BConst.Error(c);
        }
        // an aggregate over a child collection, or another form of a function that can aggregate
        if (function is AggregateFunction aggregate && args.Count >= 1)
        {
            var first = Bind(args[0]);
            if (first is BCollection coll) return aggregate.BindAggregate(c, coll, this);
            if (c.Filter is null && aggregate.BindOverValue(c, first, this) is { } other) return other;
            if (c.Filter is not null)
            {
                Error(DiagnosticCodes.TypeMismatch, $"'where' filters a collection, but '{PrintShort(args[0])}' is not one", args[0].Span);
                return BConst.Error(c);
            }
            if (aggregate.CollectionOnly)
            {
                if (first.Type.Kind != TKind.Error)
                    Error(DiagnosticCodes.TypeMismatch, $"{f}() takes a collection first (e.g. {f}(members ...)); '{PrintShort(args[0])}' is {first.Type}", args[0].Span);
                return BConst.Error(c);
            }
        }
        if (c.Filter is not null)
        {
            Error(DiagnosticCodes.TypeMismatch, $"'where' is only allowed in count, any, all, sum, min and max over a collection", c.Filter.Span);
            return BConst.Error(c);
        }
        return function.Bind(c, this);
    }
}
