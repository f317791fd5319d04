using System.Collections.Immutable;
using System.Globalization;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Syntax;

namespace Scoring.Binding;

/// <summary>
/// Validates a rule set and type-checks every expression against the declared input schema.
/// Reports every problem at once; orders definitions by dependency and rejects cycles.
/// </summary>
internal sealed class Binder
{
    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "min", "max", "abs", "round", "floor", "ceil", "date", "month", "age", "years_between", "months_between",
        "days_between", "year", "month_of", "day", "add_months", "add_years", "is_empty", "count", "any", "all", "sum", "contains",
        "apply_scale", "make_month", "collect", "map", "count_distinct",
    };

    private static readonly HashSet<string> AggregateFunctions = new(StringComparer.Ordinal) { "count", "any", "all", "sum", "min", "max", "collect", "map", "count_distinct" };

    private readonly RuleSetBuilder _b;
    private readonly DiagnosticBag _bag;
    private RecordLayout _subject = null!;
    private readonly Dictionary<string, DefSymbol> _defs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _params = new(StringComparer.Ordinal);
    private List<RecordLayout?> _scopes = new();
    private readonly Dictionary<(RecordLayout, string), ChildSym> _children = new();
    private readonly Dictionary<string, PeriodSymbol> _periods = new(StringComparer.Ordinal);
    private bool _inCount;
    private int _childDepth;
    private const int MaxChildNesting = 16;
    private bool[] _paramUsed = Array.Empty<bool>();
    private bool _usesAsOf;
    private List<InputRef>? _inputs;
    private DefSymbol? _current;
    private int _valueSlots;
    private bool _cyclic;

    /// <summary>A definition of a child record or period, bound (inlined) separately for each scope level it is used at.</summary>
    private sealed class ChildSym
    {
        public ChildSym(Definition def, RecordLayout owner)
        {
            Def = def;
            Owner = owner;
        }

        public Definition Def { get; }
        public RecordLayout Owner { get; }
        public Dictionary<int, BExpr> ByLevel { get; } = new();
        public bool Binding { get; set; }
    }

    private Binder(RuleSetBuilder b, DiagnosticBag bag)
    {
        _b = b;
        _bag = bag;
    }

    public static RuleSet? Bind(RuleSetBuilder b, DiagnosticBag bag) => new Binder(b, bag).Run();

    private void Error(string code, string message, SourceSpan span) => _bag.Error(code, message, span);

    private static bool IsIdentifier(string s)
    {
        if (string.IsNullOrEmpty(s) || !Lexer.IsNameStart(s[0])) return false;
        foreach (var c in s) if (!Lexer.IsNamePart(c)) return false;
        return !Lexer.IsKeyword(s);
    }

    private RuleSet? Run()
    {
        if (string.IsNullOrWhiteSpace(_b.Id)) Error(DiagnosticCodes.MissingKey, "rule set needs an id", _b.Span);
        if (string.IsNullOrWhiteSpace(_b.Name)) Error(DiagnosticCodes.MissingKey, "rule set needs a name", _b.Span);
        if (string.IsNullOrWhiteSpace(_b.Version)) Error(DiagnosticCodes.MissingKey, "rule set needs a version", _b.Span);
        if (_b.EffectiveFrom is { } f && _b.EffectiveTo is { } t && t < f)
            Error(DiagnosticCodes.InvalidValue, $"effective 'to' ({t:yyyy-MM-dd}) is before 'from' ({f:yyyy-MM-dd})", _b.Span);
        if (_b.Subject is null)
        {
            Error(DiagnosticCodes.MissingKey, "rule set needs a subject (its input schema)", _b.Span);
            return null;
        }
        CheckRecordSchema(_b.Subject.Record, "subject");
        _subject = new RecordLayout(_b.Subject.Record);
        FieldSlot? keyField = null;
        if (!_subject.ByName.TryGetValue(_b.Subject.Key ?? "", out keyField))
            Error(DiagnosticCodes.InvalidReference, $"subject key '{_b.Subject.Key}' is not a field of the subject", _b.Subject.Span);
        else if (keyField.Def.Type is not (FieldType.String or FieldType.Integer) || keyField.Def.Optional)
            Error(DiagnosticCodes.InvalidReference, $"subject key '{keyField.Name}' must be a required string or integer field", keyField.Def.Span);

        CheckParameters();
        CollectDefinitions();
        var order = OrderDefinitions();
        if (order is null) return null; // cycles reported
        int num = 0, boolean = 0, integer = 0, str = 0;
        int o = 0;
        foreach (var sym in order)
        {
            sym.Order = o++;
            _current = sym;
            BindDefinition(sym, ref num, ref boolean, ref integer, ref str);
        }
        int values = _valueSlots;
        _current = null;
        var outcomes = BindOutcomes();
        if (_bag.HasErrors || _cyclic || keyField is null) return null;
        var bound = new BoundRuleSet
        {
            Subject = _subject,
            Symbols = order.ToImmutableArray(),
            ByKey = _defs,
            Outcomes = outcomes,
            NumSlots = num, BoolSlots = boolean, IntSlots = integer, StrSlots = str, ValueSlots = values,
            Rankings = order.Where(x => x.Def is RankingDefinition).ToImmutableArray(),
            UsesAsOf = _usesAsOf, // dated parameters need it too, unless the run gives their values
            ParameterUsed = _paramUsed.ToImmutableArray(),
            KeyField = keyField,
        };
        return new RuleSet(_b, order.Select(s => s.Def).ToImmutableArray(), _b.Outcomes.ToImmutableArray(), bound);
    }

    // ---------------------------------------------------------------- schema

    private void CheckRecordSchema(RecordSchema schema, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in schema.Fields)
        {
            if (!IsIdentifier(f.Name))
                Error(DiagnosticCodes.InvalidIdentifier, $"'{f.Name}' is not a valid field name (a letter or '_', then letters, digits or '_'; not a keyword)", f.Span);
            if (!seen.Add(f.Name))
                Error(DiagnosticCodes.DuplicateName, $"field '{f.Name}' is declared twice in {where}", f.Span);
            if (f.Type == FieldType.Enum && f.Values.IsDefaultOrEmpty)
                Error(DiagnosticCodes.MissingKey, $"enum field '{f.Name}' needs its list of values", f.Span);
            if (f.Type is not (FieldType.Enum or FieldType.List) && !f.Values.IsDefaultOrEmpty)
                Error(DiagnosticCodes.InvalidValue, $"field '{f.Name}' is {f.Type.ToString().ToLowerInvariant()}; only enum and list fields take values", f.Span);
            if (!f.Values.IsDefaultOrEmpty && f.Values.Distinct(StringComparer.Ordinal).Count() != f.Values.Length)
                Error(DiagnosticCodes.DuplicateName, $"field '{f.Name}' lists a value twice", f.Span);
            if ((f.Min is not null || f.Max is not null) && f.Type is not (FieldType.Integer or FieldType.Decimal))
                Error(DiagnosticCodes.InvalidValue, $"min/max apply only to integer and decimal fields, not to '{f.Name}'", f.Span);
            if (f.Min is { } mn && f.Max is { } mx && mn > mx)
                Error(DiagnosticCodes.InvalidValue, $"field '{f.Name}': min {mn} is greater than max {mx}", f.Span);
        }
        foreach (var c in schema.Collections)
        {
            if (!IsIdentifier(c.Name))
                Error(DiagnosticCodes.InvalidIdentifier, $"'{c.Name}' is not a valid collection name", c.Span);
            if (!seen.Add(c.Name))
                Error(DiagnosticCodes.DuplicateName, $"'{c.Name}' is declared twice in {where}", c.Span);
            CheckRecordSchema(c.Schema, $"collection '{c.Name}'");
        }
    }

    private void CheckParameters()
    {
        _paramUsed = new bool[_b.Parameters.Count];
        for (int i = 0; i < _b.Parameters.Count; i++)
        {
            var p = _b.Parameters[i];
            if (!IsIdentifier(p.Name))
                Error(DiagnosticCodes.InvalidIdentifier, $"'{p.Name}' is not a valid parameter name", p.Span);
            else if (_subject.ByName.ContainsKey(p.Name) || _subject.CollectionsByName.ContainsKey(p.Name) || !_params.TryAdd(p.Name, i))
                Error(DiagnosticCodes.DuplicateName, $"'{p.Name}' is already declared; fields, parameters and rules share one namespace", p.Span);
            if (p.Type is not (FieldType.Integer or FieldType.Decimal or FieldType.Scale))
                Error(DiagnosticCodes.InvalidValue, $"parameter '{p.Name}' must be integer, decimal or scale", p.Span);
            if (p.Type == FieldType.Scale)
            {
                if (p.Values.IsDefaultOrEmpty)
                    Error(DiagnosticCodes.MissingKey, $"scale parameter '{p.Name}' needs dated values with bands", p.Span);
                foreach (var v in p.Values)
                {
                    if (v.Bands.IsDefaultOrEmpty || v.Bands[0].From != 0)
                        Error(DiagnosticCodes.InvalidValue, $"the bands of '{p.Name}' from {v.From:yyyy-MM-dd} must start at 0", v.Span);
                    for (int k = 1; k < v.Bands.Length; k++)
                        if (v.Bands[k].From <= v.Bands[k - 1].From)
                            Error(DiagnosticCodes.InvalidValue, $"the bands of '{p.Name}' from {v.From:yyyy-MM-dd} must be in ascending order", v.Span);
                }
            }
            if (p.KeyField is { } kf)
            {
                if (!_subject.ByName.TryGetValue(kf, out var k) || k.Def.Type is not (FieldType.String or FieldType.Enum))
                    Error(DiagnosticCodes.InvalidReference, $"parameter '{p.Name}' is keyed by '{kf}', which is not a text or enum field of the subject", p.Span);
                else if (k.Def.Optional)
                    Error(DiagnosticCodes.InvalidReference, $"parameter '{p.Name}' is keyed by '{kf}', which is optional; a key field must be required", p.Span);
            }
            var seen = new HashSet<(DateOnly, string?)>();
            foreach (var v in p.Values)
            {
                if (v.Key is not null && p.KeyField is null)
                    Error(DiagnosticCodes.InvalidValue, $"parameter '{p.Name}' has a value for key '{v.Key}' but declares no key field", v.Span);
                if (!seen.Add((v.From, v.Key)))
                    Error(DiagnosticCodes.DuplicateKey, $"parameter '{p.Name}' has two values from {v.From:yyyy-MM-dd}{(v.Key is null ? "" : " for " + v.Key)}", v.Span);
                if (p.Type == FieldType.Integer && v.Value != decimal.Truncate(v.Value))
                    Error(DiagnosticCodes.InvalidValue, $"parameter '{p.Name}' is an integer but has the value {v.Value}", v.Span);
            }
        }
    }

    private void CollectDefinitions()
    {
        foreach (var d in _b.Definitions)
        {
            if (!IsIdentifier(d.Key))
            {
                Error(DiagnosticCodes.InvalidIdentifier, $"'{d.Key}' is not a valid name (a letter or '_', then letters, digits or '_'; not a keyword)", d.Span);
                continue;
            }
            if (_subject.ByName.ContainsKey(d.Key) || _subject.CollectionsByName.ContainsKey(d.Key) || _params.ContainsKey(d.Key) || d.Key == "as_of")
            {
                Error(DiagnosticCodes.DuplicateName, $"'{d.Key}' is already declared as an input field or parameter; fields, parameters and rules share one namespace", d.Span);
                continue;
            }
            if (!_defs.TryAdd(d.Key, new DefSymbol(d)))
                Error(DiagnosticCodes.DuplicateName, $"'{d.Key}' is defined twice; values, criteria, scores, classifications and eligibility share one namespace", d.Span);
        }
        // periods: a generated collection with its own layout
        foreach (var sym in _defs.Values)
        {
            if (sym.Def is not PeriodDefinition pd) continue;
            if (!IsIdentifier(pd.Field))
                Error(DiagnosticCodes.InvalidIdentifier, $"'{pd.Field}' is not a valid name for the period value", pd.Span);
            var field = new FieldDefinition(pd.Field, FieldType.Month) { Label = pd.Label, Span = pd.Span };
            var ps = new PeriodSymbol(pd, new RecordLayout(field, pd.Definitions));
            sym.Period = ps;
            _periods[pd.Key] = ps;
            CheckChildDefinitions(pd.Definitions, $"period '{pd.Key}'", ps.Layout);
        }
        CheckCollectionDefinitions(_subject);
        // criteria → scores, eligibility → conditions
        foreach (var sym in _defs.Values)
        {
            switch (sym.Def)
            {
                case CriterionDefinition c when c.Score is not null:
                    if (_defs.TryGetValue(c.Score, out var s) && s.Def is ScoreDefinition)
                    {
                        sym.Score = s;
                        s.Members.Add(sym);
                    }
                    else
                    {
                        Error(DiagnosticCodes.InvalidReference, $"criterion '{c.Key}' counts towards '{c.Score}', which is not a score{Suggest(c.Score, _defs.Values.Where(x => x.Def is ScoreDefinition).Select(x => x.Key))}", c.Span);
                    }
                    break;
                case CriterionDefinition c when c.Points is not null:
                    Error(DiagnosticCodes.InvalidReference, $"criterion '{c.Key}' has points but counts towards no score", c.Span);
                    break;
                case EligibilityDefinition e:
                    foreach (var r in e.Conditions)
                    {
                        if (_defs.TryGetValue(r.Key, out var cond) && cond.Def is CriterionDefinition or EligibilityDefinition)
                            sym.Conditions.Add(cond);
                        else
                            Error(DiagnosticCodes.InvalidReference, $"condition '{r.Key}' of '{e.Key}' is not a criterion{Suggest(r.Key, _defs.Values.Where(x => x.Def is CriterionDefinition).Select(x => x.Key))}", r.Span);
                    }
                    if (e.Conditions.IsDefaultOrEmpty)
                        Error(DiagnosticCodes.MissingKey, $"eligibility '{e.Key}' needs at least one condition", e.Span);
                    break;
            }
        }
        // keep score members in declaration order
        var declOrder = _b.Definitions.Select((d, i) => (d.Key, i)).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        foreach (var sym in _defs.Values)
            sym.Members.Sort((a, b) => declOrder[a.Key].CompareTo(declOrder[b.Key]));
    }

    private void CheckCollectionDefinitions(RecordLayout layout)
    {
        foreach (var c in layout.Collections)
        {
            CheckChildDefinitions(c.Def.Definitions, $"collection '{c.Def.Name}'", c.Child);
            if (!c.Def.Definitions.IsDefaultOrEmpty && layout != _subject)
                Error(DiagnosticCodes.InvalidValue, $"definitions are allowed on the subject's own collections, not on the nested collection '{c.Def.Name}'", c.Def.Span);
        }
    }

    private void CheckChildDefinitions(ImmutableArray<Definition> defs, string where, RecordLayout owner)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in defs)
        {
            if (d is not (ValueDefinition or CriterionDefinition or ScoreDefinition))
                Error(DiagnosticCodes.InvalidValue, $"'{d.Key}' in {where}: only values, criteria and scores can be computed per child record", d.Span);
            if (!IsIdentifier(d.Key))
                Error(DiagnosticCodes.InvalidIdentifier, $"'{d.Key}' is not a valid name", d.Span);
            if (!seen.Add(d.Key) || owner.ByName.ContainsKey(d.Key) || owner.CollectionsByName.ContainsKey(d.Key))
                Error(DiagnosticCodes.DuplicateName, $"'{d.Key}' is declared twice in {where}", d.Span);
            if (d is CriterionDefinition { Score: { } sc } && !defs.Any(x => x is ScoreDefinition && x.Key == sc))
                Error(DiagnosticCodes.InvalidReference, $"criterion '{d.Key}' counts towards '{sc}', which is not a score of {where}", d.Span);
        }
    }

    // ---------------------------------------------------------------- dependency order

    private IEnumerable<Expr> ExpressionsOf(Definition d) => d switch
    {
        ValueDefinition v => new[] { v.Expression },
        CriterionDefinition c => c.Points is null ? new[] { c.When } : new[] { c.When, c.Points },
        ScoreDefinition s => s.Plus is null ? Array.Empty<Expr>() : new[] { s.Plus },
        ClassificationDefinition k => k.Cases.Select(x => x.When).Concat(k.Vetoes.Select(x => x.When)),
        EligibilityDefinition e => (e.Amount is null ? Array.Empty<Expr>() : new[] { e.Amount }).Concat(e.Fields.Select(f => f.Expression)),
        CheckDefinition k => new[] { k.Condition },
        PeriodDefinition p => new[] { p.From, p.To },
        RankingDefinition r => r.GroupBy.Concat(r.OrderBy.Select(k => k.Expression))
            .Concat(new[] { r.Among, r.Pool, r.Shares }.Where(x => x is not null).Select(x => x!)),
        _ => Array.Empty<Expr>(),
    };

    private readonly record struct SynScope(RecordSchema Schema, ImmutableArray<Definition> Defs);

    private List<DefSymbol> Dependencies(DefSymbol sym)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<Definition>(ReferenceEqualityComparer.Instance);
        foreach (var e in ExpressionsOf(sym.Def)) FreeNames(e, new List<SynScope>(), names, 0, visited);
        var deps = new List<DefSymbol>();
        foreach (var n in names)
            if (_defs.TryGetValue(n, out var d)) deps.Add(d);
        deps.AddRange(sym.Members);
        deps.AddRange(sym.Conditions);
        return deps;
    }

    private SynScope? CollectionScope(string name, List<SynScope> scopes)
    {
        for (int i = scopes.Count - 1; i >= 0; i--)
            if (scopes[i].Schema.FindCollection(name) is { } c) return new SynScope(c.Schema, c.Definitions);
        if (_b.Subject!.Record.FindCollection(name) is { } sc) return new SynScope(sc.Schema, sc.Definitions);
        if (_periods.TryGetValue(name, out var p)) return new SynScope(p.Layout.Schema, p.Def.Definitions);
        return null;
    }

    private void FreeNames(Expr e, List<SynScope> scopes, HashSet<string> names, int depth, HashSet<Definition> visited)
    {
        if (depth > ExpressionLimits.MaxDepth * 4) return;
        switch (e)
        {
            case NameExpr n:
                for (int i = scopes.Count - 1; i >= 0; i--)
                {
                    var sc = scopes[i];
                    if (sc.Schema.FindField(n.Name) is not null || sc.Schema.FindCollection(n.Name) is not null) return;
                    foreach (var d in sc.Defs)
                    {
                        if (d.Key != n.Name) continue;
                        if (visited.Add(d))
                        {
                            // a child definition: its own free names count, in its own scope
                            var inner = new List<SynScope> { sc };
                            var exprs = ExpressionsOf(d).ToList();
                            if (d is ScoreDefinition) exprs.AddRange(sc.Defs.OfType<CriterionDefinition>().Where(c => c.Score == d.Key).SelectMany(ExpressionsOf));
                            foreach (var x in exprs) FreeNames(x, inner, names, depth + 1, visited);
                        }
                        return;
                    }
                }
                names.Add(n.Name);
                break;
            case UnaryExpr u: FreeNames(u.Operand, scopes, names, depth + 1, visited); break;
            case BinaryExpr b: FreeNames(b.Left, scopes, names, depth + 1, visited); FreeNames(b.Right, scopes, names, depth + 1, visited); break;
            case InExpr i:
                FreeNames(i.Value, scopes, names, depth + 1, visited);
                foreach (var x in i.Items) FreeNames(x, scopes, names, depth + 1, visited);
                break;
            case BetweenExpr bt:
                FreeNames(bt.Value, scopes, names, depth + 1, visited); FreeNames(bt.Low, scopes, names, depth + 1, visited); FreeNames(bt.High, scopes, names, depth + 1, visited);
                break;
            case IfExpr f:
                FreeNames(f.Condition, scopes, names, depth + 1, visited); FreeNames(f.Then, scopes, names, depth + 1, visited); FreeNames(f.Else, scopes, names, depth + 1, visited);
                break;
            case CallExpr c:
            {
                if (c.Arguments.Count == 0) break;
                FreeNames(c.Arguments[0], scopes, names, depth + 1, visited);
                SynScope? child = c.Arguments[0] is NameExpr coll && AggregateFunctions.Contains(c.Function) ? CollectionScope(coll.Name, scopes) : null;
                if (child is { } ch) scopes.Add(ch);
                if (c.Filter is not null) FreeNames(c.Filter, scopes, names, depth + 1, visited);
                for (int k = 1; k < c.Arguments.Count; k++) FreeNames(c.Arguments[k], scopes, names, depth + 1, visited);
                if (child is not null) scopes.RemoveAt(scopes.Count - 1);
                break;
            }
        }
    }

    private List<DefSymbol>? OrderDefinitions()
    {
        var order = new List<DefSymbol>();
        var state = new Dictionary<DefSymbol, int>(); // 1 visiting, 2 done
        var depsOf = _defs.Values.ToDictionary(s => s, Dependencies);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        bool cyclic = false;
        // visit checks first (bad input is rejected before anything else runs), then declaration order
        foreach (var d in _b.Definitions.Where(x => x is CheckDefinition).Concat(_b.Definitions.Where(x => x is not CheckDefinition)))
        {
            if (!_defs.TryGetValue(d.Key, out var sym) || !ReferenceEquals(sym.Def, d)) continue;
            if (state.ContainsKey(sym)) continue;
            // iterative DFS: a long chain of definitions must not overflow the stack
            var stack = new Stack<(DefSymbol Sym, int Next)>();
            var path = new List<DefSymbol>();
            stack.Push((sym, 0));
            state[sym] = 1;
            path.Add(sym);
            while (stack.Count > 0)
            {
                var (cur, next) = stack.Pop();
                var deps = depsOf[cur];
                if (next < deps.Count)
                {
                    stack.Push((cur, next + 1));
                    var dep = deps[next];
                    if (!state.TryGetValue(dep, out var st))
                    {
                        state[dep] = 1;
                        stack.Push((dep, 0));
                        path.Add(dep);
                    }
                    else if (st == 1)
                    {
                        cyclic = true;
                        int from = path.IndexOf(dep);
                        var cycle = path.Skip(from).Select(x => x.Key).ToList();
                        var sig = string.Join(",", cycle.OrderBy(x => x, StringComparer.Ordinal));
                        if (reported.Add(sig))
                            Error(DiagnosticCodes.Cycle, $"circular definition: {string.Join(" → ", cycle)} → {dep.Key}; a rule cannot depend on itself", dep.Def.Span);
                    }
                }
                else
                {
                    state[cur] = 2;
                    path.RemoveAt(path.Count - 1);
                    order.Add(cur);
                }
            }
        }
        // with a cycle, binding still goes on in this order so that every other problem is reported too
        _cyclic = cyclic;
        return order;
    }

    // ---------------------------------------------------------------- definitions

    private void BindDefinition(DefSymbol sym, ref int num, ref int boolean, ref int integer, ref int str)
    {
        _inputs = new List<InputRef>();
        switch (sym.Def)
        {
            case ValueDefinition v:
            {
                var e = BindTop(v.Expression);
                sym.Main = e;
                sym.Type = e.Type;
                if (v.DeclaredType is { } dt && e.Type.Kind != TKind.Error && !Matches(dt, e.Type))
                    Error(DiagnosticCodes.TypeMismatch, $"value '{v.Key}' is declared {dt.ToString().ToLowerInvariant()} but its expression is {e.Type}", v.Expression.Span);
                if (v.DeclaredType == FieldType.Integer && sym.Type.Kind == TKind.Number) sym.Type = TType.Integer;
                if (sym.Type.Kind is TKind.Collection or TKind.List)
                    Error(DiagnosticCodes.TypeMismatch, $"value '{v.Key}' must be a single value, not a {sym.Type}", v.Expression.Span);
                Allocate(sym, ref num, ref boolean, ref integer, ref str);
                break;
            }
            case CriterionDefinition c:
            {
                sym.Main = ExpectType(BindTop(c.When), TKind.Boolean, $"criterion '{c.Key}'");
                sym.Type = TType.Boolean;
                if (c.Points is not null) sym.Points = ExpectType(BindTop(c.Points), TKind.Number, $"points of '{c.Key}'");
                Allocate(sym, ref num, ref boolean, ref integer, ref str);
                if (sym.Score is not null) sym.PointsSlot = num++;
                break;
            }
            case ScoreDefinition s:
            {
                if (s.Plus is not null) sym.Main = ExpectType(BindTop(s.Plus), TKind.Number, $"'plus' of score '{s.Key}'");
                if (s.Min is { } mn && s.Max is { } mx && mn > mx)
                    Error(DiagnosticCodes.InvalidValue, $"score '{s.Key}': min {mn} is greater than max {mx}", s.Span);
                bool integral = decimal.Truncate(s.Base) == s.Base && (sym.Main is null || sym.Main.Type.IsInteger) &&
                                sym.Members.All(m => m.Points is null || m.Points.Type.IsInteger);
                sym.Type = integral ? TType.Integer : TType.Decimal;
                Allocate(sym, ref num, ref boolean, ref integer, ref str);
                sym.PointsSlot = num++; // the total before clamping, for explanations
                break;
            }
            case ClassificationDefinition k:
                BindClassification(sym, k, ref boolean, ref integer);
                break;
            case EligibilityDefinition e:
                BindEligibility(sym, e, ref num, ref boolean, ref str);
                break;
            case CheckDefinition k:
                sym.Main = ExpectType(BindTop(k.Condition), TKind.Boolean, $"check '{k.Key}'");
                sym.Type = TType.Boolean;
                sym.Storage = Storage.Bool;
                sym.Slot = boolean++;
                break;
            case PeriodDefinition pd:
            {
                var ps = sym.Period!;
                ps.From = BindTop(pd.From);
                ps.To = BindTop(pd.To);
                if (ps.From.Type.Kind != TKind.Error && ps.From.Type.Kind != TKind.Month)
                    Error(DiagnosticCodes.TypeMismatch, $"period '{pd.Key}' runs over months: 'from' must be a month (e.g. make_month(year, 1)), not {ps.From.Type}", pd.From.Span);
                if (ps.To.Type.Kind != TKind.Error && ps.To.Type.Kind != TKind.Month)
                    Error(DiagnosticCodes.TypeMismatch, $"period '{pd.Key}' runs over months: 'to' must be a month, not {ps.To.Type}", pd.To.Span);
                ps.IsMonth = true;
                sym.Type = new TType(TKind.Collection);
                sym.Storage = Storage.Value;
                sym.Slot = -1;
                break;
            }
            case RankingDefinition r:
                BindRanking(sym, r, ref num, ref boolean, ref integer, ref str);
                break;
        }
        sym.Inputs = _inputs.GroupBy(i => i.Name).Select(g => g.First()).ToImmutableArray();
        _inputs = null;
    }

    private static bool Matches(FieldType declared, TType t) => declared switch
    {
        FieldType.Integer => t.Kind == TKind.Number && t.IsInteger,
        FieldType.Decimal => t.Kind == TKind.Number,
        FieldType.Boolean => t.Kind == TKind.Boolean,
        FieldType.Date => t.Kind == TKind.Date,
        FieldType.Month => t.Kind == TKind.Month,
        FieldType.String or FieldType.Enum => t.Kind == TKind.Text,
        _ => false,
    };

    private void Allocate(DefSymbol sym, ref int num, ref int boolean, ref int integer, ref int str)
    {
        switch (sym.Type.Kind)
        {
            case TKind.Number: sym.Storage = Storage.Num; sym.Slot = num++; break;
            case TKind.Boolean: sym.Storage = Storage.Bool; sym.Slot = boolean++; break;
            case TKind.Date:
            case TKind.Month: sym.Storage = Storage.Int; sym.Slot = integer++; break;
            case TKind.Collected: sym.Storage = Storage.Value; sym.Slot = NextValueSlot(); break;
            default: sym.Storage = Storage.Str; sym.Slot = str++; break;
        }
    }

    private int NextValueSlot() => _valueSlots++;

    private (Storage Storage, int Slot) AllocateHidden(TType t, ref int num, ref int boolean, ref int integer, ref int str) => t.Kind switch
    {
        TKind.Number => (Storage.Num, num++),
        TKind.Boolean => (Storage.Bool, boolean++),
        TKind.Date or TKind.Month => (Storage.Int, integer++),
        TKind.Collected => (Storage.Value, NextValueSlot()),
        _ => (Storage.Str, str++),
    };

    private void BindRanking(DefSymbol sym, RankingDefinition r, ref int num, ref int boolean, ref int integer, ref int str)
    {
        var info = new RankingInfo();
        sym.Ranking = info;
        foreach (var g in r.GroupBy)
        {
            var b = BindTop(g);
            if (b.Type.Kind is TKind.Collected or TKind.List or TKind.Collection)
                Error(DiagnosticCodes.TypeMismatch, $"group_by of '{r.Key}' needs single values, not {b.Type}", g.Span);
            var (st, sl) = AllocateHidden(b.Type, ref num, ref boolean, ref integer, ref str);
            info.GroupBy.Add((b, st, sl));
        }
        if (r.Among is not null) info.Among = (ExpectType(BindTop(r.Among), TKind.Boolean, $"'among' of '{r.Key}'"), boolean++);
        foreach (var k in r.OrderBy)
        {
            var b = BindTop(k.Expression);
            if (b.Type.Kind is not (TKind.Number or TKind.Text or TKind.Date or TKind.Month or TKind.Boolean or TKind.Error))
                Error(DiagnosticCodes.TypeMismatch, $"order_by of '{r.Key}' needs numbers, text, dates or booleans, not {b.Type}", k.Expression.Span);
            var (st, sl) = AllocateHidden(b.Type, ref num, ref boolean, ref integer, ref str);
            info.OrderBy.Add((b, st, sl, k.Descending));
        }
        if (r.OrderBy.IsDefaultOrEmpty)
            Error(DiagnosticCodes.MissingKey, $"'{r.Key}' needs order_by (the last key should make the order total, e.g. the record id)", r.Span);
        switch (r.Kind)
        {
            case RankingKind.Rank:
                sym.Type = TType.Integer;
                break;
            case RankingKind.Select:
                sym.Type = TType.Boolean;
                if (r.Count is null) Error(DiagnosticCodes.MissingKey, $"selection '{r.Key}' needs 'count' (how many per group, e.g. ceil(0.15 * group_size))", r.Span);
                else
                {
                    _inCount = true;
                    try { info.Count = ExpectType(BindTop(r.Count), TKind.Number, $"'count' of '{r.Key}'"); }
                    finally { _inCount = false; }
                }
                break;
            case RankingKind.Allocate:
                sym.Type = TType.Integer;
                if (r.Pool is null || r.Shares is null)
                    Error(DiagnosticCodes.MissingKey, $"allocation '{r.Key}' needs 'pool' and 'shares'", r.Span);
                else
                {
                    info.Pool = (ExpectType(BindTop(r.Pool), TKind.Number, $"'pool' of '{r.Key}'"), num++);
                    info.Shares = (ExpectType(BindTop(r.Shares), TKind.Number, $"'shares' of '{r.Key}'"), num++);
                }
                break;
        }
        sym.Storage = Storage.Value;
        sym.Slot = -1;
    }

    private void BindClassification(DefSymbol sym, ClassificationDefinition k, ref int boolean, ref int integer)
    {
        bool leveled = !k.Levels.IsDefaultOrEmpty;
        var labels = new List<string>();
        if (leveled)
        {
            labels.AddRange(k.Levels);
            if (k.Levels.Distinct(StringComparer.Ordinal).Count() != k.Levels.Length)
                Error(DiagnosticCodes.DuplicateName, $"classification '{k.Key}' lists a level twice", k.Span);
        }
        int LevelOf(string label, SourceSpan span, string role)
        {
            int i = labels.IndexOf(label);
            if (i >= 0) return i;
            if (leveled)
            {
                Error(DiagnosticCodes.UnknownEnumMember, $"{role} '{label}' is not one of the levels of '{k.Key}' ({string.Join(", ", k.Levels)})", span);
                return 0;
            }
            labels.Add(label);
            return labels.Count - 1;
        }
        var conds = ImmutableArray.CreateBuilder<BExpr>();
        var caseLevels = ImmutableArray.CreateBuilder<int>();
        foreach (var c in k.Cases)
        {
            conds.Add(ExpectType(BindTop(c.When), TKind.Boolean, $"a case of '{k.Key}'"));
            caseLevels.Add(LevelOf(c.Then, c.Span, "case result"));
        }
        if (k.Cases.IsDefaultOrEmpty && k.Else is null)
            Error(DiagnosticCodes.MissingKey, $"classification '{k.Key}' needs cases or an else", k.Span);
        sym.ElseLevel = k.Else is null ? -1 : LevelOf(k.Else, k.Span, "else");
        var vetoes = ImmutableArray.CreateBuilder<BExpr>();
        var vetoLevels = ImmutableArray.CreateBuilder<(int, bool)>();
        foreach (var v in k.Vetoes)
        {
            vetoes.Add(ExpectType(BindTop(v.When), TKind.Boolean, $"a veto of '{k.Key}'"));
            if ((v.AtMost is null) == (v.Set is null))
            {
                Error(DiagnosticCodes.InvalidValue, $"a veto of '{k.Key}' needs exactly one of 'at_most' or 'set'", v.Span);
                vetoLevels.Add((0, false));
            }
            else if (v.AtMost is not null)
            {
                if (!leveled) Error(DiagnosticCodes.InvalidValue, $"'at_most' needs ordered levels: declare 'levels' on '{k.Key}'", v.Span);
                vetoLevels.Add((LevelOf(v.AtMost, v.Span, "at_most"), true));
            }
            else
            {
                vetoLevels.Add((LevelOf(v.Set!, v.Span, "set"), false));
            }
        }
        sym.CaseConditions = conds.ToImmutable();
        sym.CaseLevels = caseLevels.ToImmutable();
        sym.VetoConditions = vetoes.ToImmutable();
        sym.VetoLevels = vetoLevels.ToImmutable();
        sym.Labels = labels.ToImmutableArray();
        sym.Type = new TType(TKind.Text, Members: sym.Labels);
        sym.Storage = Storage.Int;
        sym.Slot = integer++;       // level index, -1 when empty
        sym.CaseSlot = integer++;   // case matched, -1 for else
        sym.VetoSlot = boolean;
        boolean += k.Vetoes.Length;
    }

    private void BindEligibility(DefSymbol sym, EligibilityDefinition e, ref int num, ref int boolean, ref int str)
    {
        sym.Type = TType.Boolean;
        sym.Storage = Storage.Bool;
        sym.Slot = boolean++;
        if (e.DocumentsField is { } df)
        {
            if (!_subject.ByName.TryGetValue(df.Key, out var f) || f.Def.Type != FieldType.List)
                Error(DiagnosticCodes.InvalidReference, $"documents of '{e.Key}' must name a list field of the subject; '{df.Key}' is not one", df.Span);
            else
            {
                sym.Documents = f;
                if (!f.Def.Values.IsDefaultOrEmpty)
                    foreach (var d in e.RequiredDocuments)
                        if (!f.Def.Values.Contains(d))
                            Error(DiagnosticCodes.UnknownEnumMember, $"required document '{d}' is not one of the values of '{f.Name}' ({string.Join(", ", f.Def.Values)})", df.Span);
            }
        }
        else if (!e.RequiredDocuments.IsDefaultOrEmpty)
        {
            Error(DiagnosticCodes.MissingKey, $"eligibility '{e.Key}' requires documents but names no field that lists those provided", e.Span);
        }
        if (e.Amount is not null)
        {
            sym.Amount = ExpectType(BindTop(e.Amount), TKind.Number, $"amount of '{e.Key}'");
            sym.AmountSlot = num++;
        }
        var names = new HashSet<string>(StringComparer.Ordinal) { "status", "amount", "missing_documents", "reasons" };
        foreach (var f in e.Fields)
        {
            if (!names.Add(f.Name))
                Error(DiagnosticCodes.DuplicateName, $"result field '{f.Name}' of '{e.Key}' is already used", f.Span);
            var b = BindTop(f.Expression);
            if (b.Type.Kind is TKind.Collection or TKind.List or TKind.Scale)
                Error(DiagnosticCodes.TypeMismatch, $"result field '{f.Name}' must be a value or a collected list, not {b.Type}", f.Expression.Span);
            int integer = 0;
            var (st, sl) = AllocateHidden(b.Type, ref num, ref boolean, ref integer, ref str);
            if (st == Storage.Int)
            {
                Error(DiagnosticCodes.TypeMismatch, $"result field '{f.Name}' cannot be a date or month; use a number, text or list", f.Expression.Span);
                continue;
            }
            sym.ExtraFields.Add(new ExtraField(f.Name, b, st, sl));
        }
    }

    private ImmutableArray<DefSymbol> BindOutcomes()
    {
        var list = ImmutableArray.CreateBuilder<DefSymbol>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (_b.Outcomes.Count == 0)
            Error(DiagnosticCodes.MissingKey, "rule set lists no outcomes", _b.Span);
        foreach (var o in _b.Outcomes)
        {
            if (!seen.Add(o.Key))
                Error(DiagnosticCodes.DuplicateName, $"outcome '{o.Key}' is listed twice", o.Span);
            else if (_defs.TryGetValue(o.Key, out var s) && s.Def is CheckDefinition or PeriodDefinition)
                Error(DiagnosticCodes.UnknownOutcome, $"'{o.Key}' is a {(s.Def is CheckDefinition ? "check" : "period")}, not something a rule set can report", o.Span);
            else if (_defs.TryGetValue(o.Key, out s))
                list.Add(s);
            else
                Error(DiagnosticCodes.UnknownOutcome, $"outcome '{o.Key}' is not a value, criterion, score, classification or eligibility of this rule set{Suggest(o.Key, _defs.Keys)}", o.Span);
        }
        return list.ToImmutable();
    }

    // ---------------------------------------------------------------- expressions

    private BExpr ExpectType(BExpr e, TKind kind, string what)
    {
        if (e.Type.Kind != kind && e.Type.Kind != TKind.Error)
            Error(DiagnosticCodes.TypeMismatch, $"{what} must be {KindName(kind)}, but this is {e.Type}", e.Syntax.Span);
        return e;
    }

    private static string KindName(TKind k) => k switch
    {
        TKind.Boolean => "a yes/no condition (boolean)",
        TKind.Number => "a number",
        TKind.Text => "text",
        TKind.Date => "a date",
        _ => k.ToString().ToLowerInvariant(),
    };

    private BExpr BindTop(Expr e)
    {
        _scopes = new List<RecordLayout?>();
        var b = Bind(e);
        if (b is BField { Type.Kind: not TKind.Error } bf && bf.Field.Def.Optional && !IsGuarded(bf))
            ReportOptional(bf);
        return b;
    }

    private static BExpr Err(Expr e) => new BConst(e, TType.Error);

    private void ReportOptional(BField f) =>
        Error(DiagnosticCodes.OptionalFieldRead, $"field '{f.Field.Name}' may be empty; write '{f.Field.Name} ?? <value if empty>' or test 'is_empty({f.Field.Name})'", f.Syntax.Span);

    /// <summary>Binds an operand position: an optional field read here is an error.</summary>
    private BExpr Operand(Expr e)
    {
        var b = Bind(e);
        if (b is BField bf && bf.Field.Def.Optional && !IsGuarded(bf)) ReportOptional(bf);
        if (b.Type.Kind == TKind.Collection)
        {
            Error(DiagnosticCodes.TypeMismatch, $"'{PrintShort(e)}' is a collection; use count(), any(), all(), sum(), min(), max(), collect() or map() over it", e.Span);
            return Err(e);
        }
        if (b.Type.Kind == TKind.Scale)
        {
            Error(DiagnosticCodes.TypeMismatch, $"'{PrintShort(e)}' is a scale; use apply_scale({PrintShort(e)}, amount)", e.Span);
            return Err(e);
        }
        return b;
    }

    private readonly HashSet<(FieldSlot, int)> _guarded = new();

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

    private static string PrintShort(Expr e)
    {
        var s = ExprPrinter.Print(e);
        return s.Length > 60 ? s[..57] + "..." : s;
    }

    private BExpr Bind(Expr e)
    {
        switch (e)
        {
            case ErrorExpr: return Err(e);
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
                if (o.Type.Kind == TKind.Error) return Err(e);
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
                var t = Unify(a.Type, b2.Type);
                if (t is null)
                {
                    Error(DiagnosticCodes.TypeMismatch, $"'then' is {a.Type} but 'else' is {b2.Type}; both branches must have the same type", f.Else.Span);
                    return Err(e);
                }
                return new BIf(e, t, c, a, b2);
            }
            case CallExpr call: return BindCall(call);
            default: return Err(e);
        }
    }

    private static TType? Unify(TType a, TType b)
    {
        if (a.Kind == TKind.Error) return b;
        if (b.Kind == TKind.Error) return a;
        if (a.Kind != b.Kind) return null;
        if (a.Kind == TKind.Number) return a.IsInteger && b.IsInteger ? TType.Integer : TType.Decimal;
        if (a.Kind == TKind.Text) return a.HasMembers && b.HasMembers ? new TType(TKind.Text, Members: a.Members.Union(b.Members).ToImmutableArray()) : TType.Text;
        return a;
    }

    private void CheckComparable(BExpr a, BExpr b, SourceSpan span, string op)
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

    private void CheckMember(BExpr typed, BExpr literal)
    {
        if (typed.Type.HasMembers && literal is BConst { Text: { } t } && !typed.Type.Members.Contains(t))
            Error(DiagnosticCodes.UnknownEnumMember, $"'{t}' is not one of the values of '{PrintShort(typed.Syntax)}': {string.Join(", ", typed.Type.Members)}", literal.Syntax.Span);
    }

    private BExpr BindBinary(BinaryExpr b)
    {
        if (b.Op == BinaryOp.Coalesce)
        {
            var left = Bind(b.Left);
            var right = Operand(b.Right);
            if (left is BDef { Symbol: { Def: ClassificationDefinition, ElseLevel: < 0 } } cls)
            {
                CheckComparable(cls, right, b.Right.Span, "??");
                return new BBinary(b, cls.Type, b.Op, left, right);
            }
            if (left is not BField { } lf || !lf.Field.Def.Optional)
            {
                if (left.Type.Kind != TKind.Error)
                    Error(DiagnosticCodes.TypeMismatch, $"'??' applies to an optional field or a classification without 'else'; '{PrintShort(b.Left)}' is never empty", b.OperatorSpan);
                return left.Type.Kind == TKind.Error ? Err(b) : left;
            }
            var t = Unify(lf.Type, right.Type);
            if (t is null)
            {
                Error(DiagnosticCodes.TypeMismatch, $"the value after '??' is {right.Type} but '{lf.Field.Name}' is {lf.Type}", b.Right.Span);
                return Err(b);
            }
            if (lf.Type.HasMembers) CheckMember(lf, right);
            return new BBinary(b, lf.Type.HasMembers ? lf.Type : t, b.Op, left, right);
        }
        var l = Operand(b.Left);
        // 'not is_empty(x) and …x…' and 'is_empty(x) or …x…' read x only where it has a value
        var guard = b.Op switch { BinaryOp.And => NonEmptyWhen(l, true), BinaryOp.Or => NonEmptyWhen(l, false), _ => null };
        var r = Guarded(guard, () => Operand(b.Right));
        if (l.Type.Kind == TKind.Error || r.Type.Kind == TKind.Error) return Err(b);
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
                    return Err(b);
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
                    return Err(b);
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
                    return Err(b);
                }
                if (lk == TKind.Number && rk != TKind.Number)
                    return new BBinary(b, t, b.Op, r, l); // n + date → date + n
                return new BBinary(b, t, b.Op, l, r);
            }
        }
    }

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
        if (_subject.ByName.TryGetValue(n.Name, out var f))
        {
            var bf = new BField(n, TType.OfField(f.Def), f, 0);
            _inputs?.Add(new InputRef(f.Name, f.Def.Label, bf));
            return bf;
        }
        if (_subject.CollectionsByName.TryGetValue(n.Name, out var c)) return new BCollection(n, c, 0);
        if (_periods.TryGetValue(n.Name, out var period)) return new BCollection(n, period);
        if (_params.TryGetValue(n.Name, out var pi))
        {
            var p = _b.Parameters[pi];
            _paramUsed[pi] = true;

            var type = p.Type switch { FieldType.Integer => TType.Integer, FieldType.Scale => new TType(TKind.Scale), _ => TType.Decimal };
            var bp = new BParam(n, type, pi, p);
            if (p.Type != FieldType.Scale) _inputs?.Add(new InputRef(p.Name, p.Label, bp));
            return bp;
        }
        if (_defs.TryGetValue(n.Name, out var d))
        {
            if (ReferenceEquals(d, _current)) return Err(n); // reported as a cycle when the definitions were ordered
            if (d.Def is RankingDefinition)
            {
                Error(DiagnosticCodes.InvalidReference, $"'{n.Name}' is a population-level outcome, known only after the whole run; rules cannot use it", n.Span);
                return Err(n);
            }
            if (d.Def is CheckDefinition)
            {
                Error(DiagnosticCodes.InvalidReference, $"'{n.Name}' is a check; rules cannot use it", n.Span);
                return Err(n);
            }
            if (d.Type.Kind == TKind.Error) return Err(n); // its own error was reported
            var bd = new BDef(n, d);
            _inputs?.Add(new InputRef(d.Key, d.Def.Label, bd));
            return bd;
        }
        if (n.Name == "as_of")
        {
            _usesAsOf = true;
            var ba = new BAsOf(n);
            _inputs?.Add(new InputRef("as_of", "评估日期", ba));
            return ba;
        }
        var candidates = new List<string>();
        foreach (var s in _scopes) if (s is not null) { candidates.AddRange(s.ByName.Keys); candidates.AddRange(s.ChildDefsByName.Keys); }
        candidates.AddRange(_subject.ByName.Keys);
        candidates.AddRange(_params.Keys);
        candidates.AddRange(_defs.Keys);
        string hint = Functions.Contains(n.Name) ? $"; '{n.Name}' is a function: write {n.Name}(...)" : Suggest(n.Name, candidates);
        Error(DiagnosticCodes.UnknownName, $"unknown name '{n.Name}'{hint}", n.Span);
        return Err(n);
    }

    /// <summary>Binds a child-record (or period) definition for use at scope <paramref name="level"/>; it is inlined there.</summary>
    private BExpr BindChild(NameExpr n, RecordLayout owner, Definition def, int level)
    {
        if (!_children.TryGetValue((owner, def.Key), out var cs)) _children[(owner, def.Key)] = cs = new ChildSym(def, owner);
        if (cs.ByLevel.TryGetValue(level, out var bound)) return new BChildDef(n, def.Key, bound);
        if (cs.Binding)
        {
            Error(DiagnosticCodes.Cycle, $"circular definition through '{def.Key}'", def.Span);
            return Err(n);
        }
        if (_childDepth >= MaxChildNesting)
        {
            Error(DiagnosticCodes.ExpressionTooDeep, $"'{def.Key}' builds on more than {MaxChildNesting} levels of child definitions; flatten them", def.Span);
            return Err(n);
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
            bound = def switch
            {
                ValueDefinition v => Operand(v.Expression),
                CriterionDefinition c => ExpectType(Operand(c.When), TKind.Boolean, $"criterion '{c.Key}'"),
                ScoreDefinition sc => BindChildScore(sc, owner, n),
                _ => Err(n),
            };
            if (def is ValueDefinition { DeclaredType: { } dt } vd && bound.Type.Kind != TKind.Error && !Matches(dt, bound.Type))
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

    private BExpr BindChildScore(ScoreDefinition sc, RecordLayout owner, Expr site)
    {
        // base + Σ (criterion ? points : 0) + plus, clamped — built from bound pieces so it inlines
        BExpr total = new BConst(site, decimal.Truncate(sc.Base) == sc.Base ? TType.Integer : TType.Decimal, number: sc.Base);
        foreach (var c in owner.ChildDefinitions.OfType<CriterionDefinition>().Where(c => c.Score == sc.Key))
        {
            var when = ExpectType(Operand(c.When), TKind.Boolean, $"criterion '{c.Key}'");
            var pts = c.Points is null ? new BConst(c.When, TType.Integer, number: 1) : ExpectType(Operand(c.Points), TKind.Number, $"points of '{c.Key}'");
            var zero = new BConst(c.When, TType.Integer, number: 0);
            var term = new BIf(c.When, Unify(pts.Type, zero.Type) ?? TType.Decimal, when, pts, zero);
            total = new BBinary(c.When, Unify(total.Type, term.Type) ?? TType.Decimal, BinaryOp.Add, total, term);
        }
        if (sc.Plus is not null)
        {
            var plus = ExpectType(Operand(sc.Plus), TKind.Number, $"'plus' of score '{sc.Key}'");
            total = new BBinary(sc.Plus, Unify(total.Type, plus.Type) ?? TType.Decimal, BinaryOp.Add, total, plus);
        }
        if (sc.Max is { } max) total = new BCall(site, total.Type, Fn.Min, ImmutableArray.Create(total, (BExpr)new BConst(site, TType.Decimal, number: max)));
        if (sc.Min is { } min) total = new BCall(site, total.Type, Fn.Max, ImmutableArray.Create(total, (BExpr)new BConst(site, TType.Decimal, number: min)));
        return total;
    }

    internal static string Suggest(string name, IEnumerable<string> candidates) =>
        NameSuggester.Closest(name, candidates) is { } best ? $"; did you mean '{best}'?" : "";

    // ---------------------------------------------------------------- calls

    private BExpr BindCall(CallExpr c)
    {
        var args = c.Arguments;
        string f = c.Function;
        if (!Functions.Contains(f))
        {
            Error(DiagnosticCodes.UnknownFunction, $"unknown function '{f}'{Suggest(f, Functions)}", c.NameSpan);
            return Err(c);
        }
        // aggregates over a child collection
        if (AggregateFunctions.Contains(f) && args.Count >= 1)
        {
            var first = Bind(args[0]);
            if (first is BCollection coll) return BindAggregate(c, coll);
            if (first.Type.Kind == TKind.List && f == "count" && args.Count == 1 && c.Filter is null && first is BField lf)
                return new BCall(c, TType.Integer, Fn.ListCount, ImmutableArray.Create<BExpr>(lf));
            if (first.Type.Kind == TKind.Collected && f == "count" && args.Count == 1 && c.Filter is null)
                return new BCall(c, TType.Integer, Fn.CollectedCount, ImmutableArray.Create(first));
            if (c.Filter is not null)
            {
                Error(DiagnosticCodes.TypeMismatch, $"'where' filters a collection, but '{PrintShort(args[0])}' is not one", args[0].Span);
                return Err(c);
            }
            if (f is "count" or "any" or "all" or "sum" or "collect" or "map" or "count_distinct")
            {
                if (first.Type.Kind != TKind.Error)
                    Error(DiagnosticCodes.TypeMismatch, $"{f}() takes a collection first (e.g. {f}(members ...)); '{PrintShort(args[0])}' is {first.Type}", args[0].Span);
                return Err(c);
            }
        }
        if (c.Filter is not null)
        {
            Error(DiagnosticCodes.TypeMismatch, $"'where' is only allowed in count, any, all, sum, min and max over a collection", c.Filter.Span);
            return Err(c);
        }
        switch (f)
        {
            case "date":
            case "month" when args.Count == 1 && args[0] is LiteralExpr { Kind: LiteralKind.Text }:
            {
                if (args.Count != 1 || args[0] is not LiteralExpr { Kind: LiteralKind.Text } lit)
                {
                    Error(DiagnosticCodes.InvalidLiteral, $"{f}() takes one quoted literal, e.g. {(f == "date" ? "date('2023-07-01')" : "month('2023-05')")}", c.Span);
                    return Err(c);
                }
                if (f == "date")
                {
                    if (DateOnly.TryParseExact(lit.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                        return new BConst(c, TType.Date, day: d.DayNumber);
                    Error(DiagnosticCodes.InvalidLiteral, $"'{lit.Text}' is not a date YYYY-MM-DD", lit.Span);
                    return Err(c);
                }
                if (Runtime.Months.TryParse(lit.Text!, out var m)) return new BConst(c, TType.Month, day: m);
                Error(DiagnosticCodes.InvalidLiteral, $"'{lit.Text}' is not a month YYYY-MM", lit.Span);
                return Err(c);
            }
            case "is_empty":
            {
                if (args.Count != 1) return Arity(c, "is_empty(field)");
                var a = Bind(args[0]);
                if (a is BField bf && bf.Field.Def.Optional) return new BIsEmpty(c, bf);
                if (a is BDef { Symbol: { Def: ClassificationDefinition, ElseLevel: < 0 } } cls) return new BIsEmpty(c, cls);
                if (a.Type.Kind != TKind.Error)
                    Error(DiagnosticCodes.TypeMismatch, $"is_empty() takes an optional field or a classification without 'else'; '{PrintShort(args[0])}' is never empty", args[0].Span);
                return Err(c);
            }
            case "apply_scale":
            {
                if (args.Count != 2) return Arity(c, "apply_scale(scale_parameter, amount)");
                var scale = Bind(args[0]);
                var amount = Operand(args[1]);
                if (scale.Type.Kind != TKind.Scale)
                {
                    if (scale.Type.Kind != TKind.Error) Error(DiagnosticCodes.TypeMismatch, $"apply_scale() takes a scale parameter first; '{PrintShort(args[0])}' is {scale.Type}", args[0].Span);
                    return Err(c);
                }
                ExpectType(amount, TKind.Number, "the amount of apply_scale()");
                return new BCall(c, TType.Decimal, Fn.ApplyScale, ImmutableArray.Create(scale, amount));
            }
            case "contains":
            {
                if (args.Count != 2) return Arity(c, "contains(list_field, 'value')");
                var list = Bind(args[0]);
                var item = Operand(args[1]);
                if (list.Type.Kind != TKind.List)
                {
                    if (list.Type.Kind != TKind.Error) Error(DiagnosticCodes.TypeMismatch, $"contains() takes a list field first; '{PrintShort(args[0])}' is {list.Type}", args[0].Span);
                    return Err(c);
                }
                if (list is BField lbf && lbf.Field.Def.Optional) ReportOptional(lbf);
                ExpectType(item, TKind.Text, "the value looked up by contains()");
                CheckMember(list, item);
                return new BCall(c, TType.Boolean, Fn.Contains, ImmutableArray.Create(list, item));
            }
        }
        var bargs = args.Select(Operand).ToImmutableArray();
        if (bargs.Any(a => a.Type.Kind == TKind.Error)) return Err(c);
        switch (f)
        {
            case "min":
            case "max":
            {
                if (bargs.Length < 2) return Arity(c, $"{f}(a, b, ...) or {f}(collection, expression)");
                var t = bargs[0].Type;
                foreach (var a in bargs)
                {
                    if (a.Type.Kind is not (TKind.Number or TKind.Date or TKind.Month))
                    {
                        Error(DiagnosticCodes.TypeMismatch, $"{f}() takes numbers, dates or months, not {a.Type}", a.Syntax.Span);
                        return Err(c);
                    }
                    var u = Unify(t, a.Type);
                    if (u is null)
                    {
                        Error(DiagnosticCodes.TypeMismatch, $"{f}() arguments must have the same type; {a.Type} differs from {t}", a.Syntax.Span);
                        return Err(c);
                    }
                    t = u;
                }
                return new BCall(c, t with { Members = default }, f == "min" ? Fn.Min : Fn.Max, bargs);
            }
            case "abs":
                if (bargs.Length != 1) return Arity(c, "abs(x)");
                ExpectType(bargs[0], TKind.Number, "the argument of abs()");
                return new BCall(c, bargs[0].Type, Fn.Abs, bargs);
            case "round":
            case "floor":
            case "ceil":
            {
                if (bargs.Length < 1 || bargs.Length > (f == "round" ? 3 : 2))
                    return Arity(c, f == "round" ? "round(x), round(x, digits) or round(x, digits, 'half_up' | 'half_even' | 'up' | 'down')" : $"{f}(x) or {f}(x, digits)");
                ExpectType(bargs[0], TKind.Number, $"the value rounded by {f}()");
                int digits = 0;
                if (bargs.Length >= 2)
                {
                    if (args[1] is LiteralExpr { Kind: LiteralKind.Integer } dl && dl.Number <= 28) digits = (int)dl.Number;
                    else
                    {
                        Error(DiagnosticCodes.InvalidLiteral, "the number of digits must be a whole number from 0 to 28 written as a literal", args[1].Span);
                        return Err(c);
                    }
                }
                string? mode = null;
                if (bargs.Length == 3)
                {
                    if (args[2] is LiteralExpr { Kind: LiteralKind.Text, Text: "half_up" or "half_even" or "up" or "down" } ml) mode = ml.Text;
                    else
                    {
                        Error(DiagnosticCodes.InvalidLiteral, "rounding mode must be one of 'half_up' (四舍五入), 'half_even', 'up' (away from zero), 'down' (towards zero)", args[2].Span);
                        return Err(c);
                    }
                }
                var fn = f switch { "round" => Fn.Round, "floor" => Fn.Floor, _ => Fn.Ceil };
                return new BCall(c, digits == 0 ? TType.Integer : TType.Decimal, fn, ImmutableArray.Create(bargs[0]), digits, mode ?? "half_up");
            }
            case "age":
            case "years_between":
            case "months_between":
            case "days_between":
                if (bargs.Length != 2) return Arity(c, $"{f}(from_date, to_date)");
                ExpectType(bargs[0], TKind.Date, $"the first argument of {f}()");
                ExpectType(bargs[1], TKind.Date, $"the second argument of {f}()");
                return new BCall(c, TType.Integer, f switch
                {
                    "age" or "years_between" => Fn.YearsBetween,
                    "months_between" => Fn.MonthsBetween,
                    _ => Fn.DaysBetween,
                }, bargs);
            case "year":
            case "month_of":
            case "day":
                if (bargs.Length != 1) return Arity(c, $"{f}(date)");
                if (bargs[0].Type.Kind is not (TKind.Date or TKind.Month) || (f == "day" && bargs[0].Type.Kind != TKind.Date))
                {
                    Error(DiagnosticCodes.TypeMismatch, $"{f}() takes a date{(f == "day" ? "" : " or a month")}, not {bargs[0].Type}", args[0].Span);
                    return Err(c);
                }
                return new BCall(c, TType.Integer, f switch { "year" => Fn.Year, "month_of" => Fn.MonthOf, _ => Fn.Day }, bargs);
            case "make_month":
                if (bargs.Length != 2) return Arity(c, "make_month(year, month_number)");
                ExpectType(bargs[0], TKind.Number, "the year of make_month()");
                ExpectType(bargs[1], TKind.Number, "the month number of make_month()");
                return new BCall(c, TType.Month, Fn.MakeMonth, bargs);
            case "month":
                if (bargs.Length != 1) return Arity(c, "month('YYYY-MM') or month(date)");
                ExpectType(bargs[0], TKind.Date, "the argument of month()");
                return new BCall(c, TType.Month, Fn.MonthFromDate, bargs);
            case "add_months":
            case "add_years":
                if (bargs.Length != 2) return Arity(c, $"{f}(date, n)");
                ExpectType(bargs[0], TKind.Date, $"the first argument of {f}()");
                if (bargs[1].Type.Kind != TKind.Number || !bargs[1].Type.IsInteger)
                {
                    Error(DiagnosticCodes.TypeMismatch, $"the second argument of {f}() must be a whole number, not {bargs[1].Type}", args[1].Span);
                    return Err(c);
                }
                return new BCall(c, TType.Date, f == "add_months" ? Fn.AddMonths : Fn.AddYears, bargs);
            default:
                if (f is "count" or "any" or "all" or "sum")
                    return Arity(c, $"{f}(collection where condition{(f is "count" or "any" ? "" : ", expression")})");
                return Arity(c, f + "(...)");
        }
    }

    private BExpr Arity(CallExpr c, string usage)
    {
        Error(DiagnosticCodes.UnknownFunction, $"wrong arguments for {c.Function}(); use {usage}", c.Span);
        return Err(c);
    }

    private BExpr BindAggregate(CallExpr c, BCollection coll)
    {
        string f = c.Function;
        var kind = f switch
        {
            "count" => AggKind.Count, "any" => AggKind.Any, "all" => AggKind.All,
            "sum" => AggKind.Sum, "min" => AggKind.Min, "max" => AggKind.Max,
            "collect" => AggKind.Collect, "map" => AggKind.Map, _ => AggKind.CountDistinct,
        };
        bool ok = kind switch
        {
            AggKind.Count => c.Arguments.Count == 1,
            AggKind.Any => c.Arguments.Count == 2 || (c.Arguments.Count == 1 && c.Filter is not null),
            AggKind.All => c.Arguments.Count == 2,
            _ => c.Arguments.Count == 2,
        };
        if (kind == AggKind.Map && coll.Period is null)
        {
            Error(DiagnosticCodes.TypeMismatch, $"map() runs over periods (e.g. the months of a year); '{coll.Name}' is a collection: use collect()", c.Arguments[0].Span);
            return Err(c);
        }
        if (!ok)
        {
            string usage = kind switch
            {
                AggKind.Count => "count(members) or count(members where condition)",
                AggKind.Any => "any(members where condition) or any(members, condition)",
                AggKind.All => "all(members, condition) or all(members where filter, condition)",
                AggKind.Collect => "collect(members where filter, expression)",
                AggKind.Map => "map(periods, expression)",
                AggKind.CountDistinct => "count_distinct(members, expression)",
                _ => $"{f}(members, expression) or {f}(members where filter, expression)",
            };
            return Arity(c, usage);
        }
        _scopes.Add(coll.Child);
        int childLevel = _scopes.Count;
        var savedInputs = _inputs;
        _inputs = null; // names inside the aggregate are not shown one by one; the aggregate is
        BExpr? filter = null, body = null;
        try
        {
            if (c.Filter is not null) filter = ExpectType(Operand(c.Filter), TKind.Boolean, "the 'where' filter");
            if (c.Arguments.Count == 2) body = Operand(c.Arguments[1]);
        }
        finally
        {
            _scopes.RemoveAt(_scopes.Count - 1);
            _inputs = savedInputs;
        }
        TType type;
        switch (kind)
        {
            case AggKind.Count:
            case AggKind.CountDistinct:
                if (body is not null && body.Type.Kind is not (TKind.Number or TKind.Text or TKind.Date or TKind.Month or TKind.Boolean or TKind.Error))
                    Error(DiagnosticCodes.TypeMismatch, $"count_distinct() counts single values, not {body.Type}", body.Syntax.Span);
                type = TType.Integer;
                break;
            case AggKind.Any:
            case AggKind.All:
                if (body is not null) ExpectType(body, TKind.Boolean, $"the condition of {f}()");
                type = TType.Boolean;
                break;
            case AggKind.Sum:
                ExpectType(body!, TKind.Number, "the expression summed");
                type = body!.Type.Kind == TKind.Number ? body.Type with { Members = default } : TType.Error;
                break;
            case AggKind.Collect:
            case AggKind.Map:
                if (body!.Type.Kind is not (TKind.Number or TKind.Text or TKind.Date or TKind.Month or TKind.Boolean or TKind.Error))
                    Error(DiagnosticCodes.TypeMismatch, $"{f}() gathers single values, not {body.Type}", body.Syntax.Span);
                type = new TType(TKind.Collected, IsMap: kind == AggKind.Map);
                break;
            default:
                if (body!.Type.Kind is not (TKind.Number or TKind.Date or TKind.Month or TKind.Error))
                    Error(DiagnosticCodes.TypeMismatch, $"{f}() over a collection takes numbers, dates or months, not {body.Type}", body.Syntax.Span);
                type = body.Type with { Members = default };
                break;
        }
        if (type.Kind == TKind.Error || filter?.Type.Kind == TKind.Error || body?.Type.Kind == TKind.Error) return Err(c);
        var agg = new BAggregate(c, type, kind, coll, filter, body, childLevel);
        if (kind is not (AggKind.Collect or AggKind.Map)) _inputs?.Add(new InputRef(ExprPrinter.Print(c), coll.Label, agg));
        return agg;
    }
}
