using System.Globalization;
using System.Text;
using Scoring.Model;
using Scoring.Runtime;
using Scoring.Syntax;

namespace Scoring.Definitions;

/// <summary>
/// The words of the public explanation (Chinese, the rule sets' language): names as their labels, values as
/// people write them (an enum code as its label, 是/否, 无), and a rule's expression as a short sentence of
/// the record's values — only the parts that decided it (for <c>a or b</c> that held, the part that held; for
/// <c>a and b</c> that failed, the parts that failed). Built once per compiled rule set; thread-safe.
/// </summary>
internal sealed class PublicPhrasing
{
    private readonly Scope _top;

    public PublicPhrasing(SubjectSchema subject, IEnumerable<ParameterDefinition> parameters, IEnumerable<Definition> definitions)
    {
        _top = new Scope(null, null);
        foreach (var p in parameters) _top.Labels[p.Name] = p.Label;
        _top.Add(subject.Record, definitions);
    }

    /// <summary>A definition's values, looked up by the names its rule reads (fields, rules, aggregates as printed).</summary>
    public delegate bool Lookup(string name, out Value value);

    /// <summary>The label of a name of the rule set (itself when it has none).</summary>
    public string Label(string name) => _top.Label(name);

    /// <summary>A value as people read it; <paramref name="name"/> (a field) gives enum codes their labels.</summary>
    public string Format(Value v, string? name = null) => Format(v, name is null ? null : _top.Field(name));

    private static string Format(Value v, FieldDefinition? field) => v.Kind switch
    {
        ValueKind.Empty => "无",
        ValueKind.Boolean => v.AsBoolean ? "是" : "否",
        ValueKind.Text => field is null ? v.AsText! : field.LabelOf(v.AsText!),
        ValueKind.List => v.AsList.Count == 0 ? "无" : string.Join("、", v.AsList.Select(x => Format(x, field))),
        ValueKind.Object => string.Join("，", v.AsObject.Select(f => $"{f.Key}：{Format(f.Value, null)}")),
        _ => v.ToString(),
    };

    /// <summary>An author's sentence with each <c>{name}</c> replaced by the record's value of that name.</summary>
    public string Fill(string template, Lookup values)
    {
        var sb = new StringBuilder(template.Length + 16);
        int i = 0;
        while (i < template.Length)
        {
            int open = template.IndexOf('{', i);
            int close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (close < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }
            sb.Append(template, i, open - i);
            var name = template[(open + 1)..close].Trim();
            sb.Append(values(name, out var v) ? Format(v, name) : "{" + name + "}");
            i = close + 1;
        }
        return sb.ToString();
    }

    /// <summary>The names written as <c>{name}</c> in an author's sentence.</summary>
    public static IEnumerable<string> Placeholders(string template)
    {
        int i = 0;
        while (i < template.Length)
        {
            int open = template.IndexOf('{', i);
            if (open < 0) yield break;
            int close = template.IndexOf('}', open + 1);
            if (close < 0) yield break;
            yield return template[(open + 1)..close].Trim();
            i = close + 1;
        }
    }

    /// <summary>A condition as a sentence of the record's values; <paramref name="held"/> is whether it held (null: unknown).</summary>
    public string Condition(Expr e, Lookup values, bool? held) => new Sentence(this, _top, values).Condition(e, held);

    /// <summary>A value's expression as a phrase of the record's values (e.g. <c>12 × 家庭月收入 1650</c>).</summary>
    public string Expression(Expr e, Lookup values) => new Sentence(this, _top, values).Operand(e, top: true);

    /// <summary>The labels of one level of names: the subject's, or a collection's (whose records' names come first).</summary>
    private sealed class Scope
    {
        public Scope(Scope? outer, string? collectionLabel)
        {
            Outer = outer;
            CollectionLabel = collectionLabel;
        }

        public Scope? Outer { get; }
        public string? CollectionLabel { get; }
        public Dictionary<string, string?> Labels { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, FieldDefinition> Fields { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Scope> Collections { get; } = new(StringComparer.Ordinal);

        public void Add(RecordSchema record, IEnumerable<Definition> definitions)
        {
            foreach (var f in record.Fields)
            {
                Labels[f.Name] = f.Label;
                Fields[f.Name] = f;
            }
            foreach (var c in record.Collections)
            {
                Labels[c.Name] = c.Label;
                var inner = new Scope(this, c.Label ?? c.Name);
                inner.Add(c.Schema, c.Definitions);
                Collections[c.Name] = inner;
            }
            foreach (var d in definitions)
            {
                Labels[d.Key] = d.Label;
                if (d is PeriodDefinition p)
                {
                    var inner = new Scope(this, p.Label ?? p.Key);
                    inner.Labels[p.Field] = "该月";
                    foreach (var pd in p.Definitions) inner.Labels[pd.Key] = pd.Label;
                    Collections[p.Key] = inner;
                }
            }
        }

        public string Label(string name)
        {
            for (var s = this; s is not null; s = s.Outer)
                if (s.Labels.TryGetValue(name, out var l)) return l ?? name;
            return name == "as_of" ? "评估日期" : name;
        }

        public FieldDefinition? Field(string name)
        {
            for (var s = this; s is not null; s = s.Outer)
            {
                if (s.Fields.TryGetValue(name, out var f)) return f;
                if (s.Labels.ContainsKey(name)) return null;
            }
            return null;
        }

        public Scope? Collection(string name)
        {
            for (var s = this; s is not null; s = s.Outer)
                if (s.Collections.TryGetValue(name, out var c)) return c;
            return null;
        }
    }

    /// <summary>One sentence being made: the record's values (none inside an aggregate's condition, which is about each child).</summary>
    private sealed class Sentence
    {
        private readonly PublicPhrasing _owner;
        private readonly Scope _scope;
        private readonly Lookup? _values;

        public Sentence(PublicPhrasing owner, Scope scope, Lookup? values)
        {
            _owner = owner;
            _scope = scope;
            _values = values;
        }

        private Sentence Inside(Scope scope) => new(_owner, scope, null);

        private bool TryValue(Expr e, out Value v)
        {
            v = default;
            if (_values is null) return false;
            return e switch
            {
                NameExpr n => _values(n.Name, out v),
                CallExpr c => _values(ExprPrinter.Print(c), out v),
                _ => false,
            };
        }

        /// <summary>The value of <paramref name="e"/> for this record, when the values read are enough to know it.</summary>
        private Value? Eval(Expr e)
        {
            if (TryValue(e, out var known)) return known;
            switch (e)
            {
                case LiteralExpr l:
                    return l.Kind switch { LiteralKind.Text => Value.Of(l.Text), LiteralKind.Boolean => Value.Of(l.Boolean), _ => Value.Of(l.Number) };
                case UnaryExpr u when Eval(u.Operand) is { } o:
                    return u.Op == UnaryOp.Not ? (o.Kind == ValueKind.Boolean ? Value.Of(!o.AsBoolean) : null) : o.Kind == ValueKind.Number ? Value.Of(-o.AsNumber) : null;
                case BinaryExpr b:
                    return Binary(b);
                case InExpr i when Eval(i.Value) is { } v:
                {
                    bool found = false;
                    foreach (var item in i.Items)
                    {
                        if (Eval(item) is not { } x) return null;
                        if (x.Equals(v)) found = true;
                    }
                    return Value.Of(found != i.Negated);
                }
                case BetweenExpr bt when Eval(bt.Value) is { Kind: ValueKind.Number } v && Eval(bt.Low) is { Kind: ValueKind.Number } lo && Eval(bt.High) is { Kind: ValueKind.Number } hi:
                    return Value.Of(v.AsNumber >= lo.AsNumber && v.AsNumber <= hi.AsNumber);
                case IfExpr f when Eval(f.Condition) is { Kind: ValueKind.Boolean } c:
                    return Eval(c.AsBoolean ? f.Then : f.Else);
                default:
                    return null;
            }
        }

        private Value? Binary(BinaryExpr b)
        {
            var l = Eval(b.Left);
            if (b.Op is BinaryOp.And or BinaryOp.Or)
            {
                if (l is { Kind: ValueKind.Boolean } lb && lb.AsBoolean == (b.Op == BinaryOp.Or)) return lb;
                var rb = Eval(b.Right);
                return l is { Kind: ValueKind.Boolean } && rb is { Kind: ValueKind.Boolean } ? rb : null;
            }
            if (b.Op == BinaryOp.Coalesce) return l is { } lv && lv.Kind != ValueKind.Empty ? lv : Eval(b.Right);
            var r = Eval(b.Right);
            if (l is not { } x || r is not { } y) return null;
            if (x.Kind == ValueKind.Number && y.Kind == ValueKind.Number)
            {
                decimal a = x.AsNumber, c = y.AsNumber;
                try
                {
                    return b.Op switch
                    {
                        BinaryOp.Add => Value.Of(a + c),
                        BinaryOp.Subtract => Value.Of(a - c),
                        BinaryOp.Multiply => Value.Of(a * c),
                        BinaryOp.Divide => c == 0 ? null : Value.Of(a / c),
                        BinaryOp.Equal => Value.Of(a == c),
                        BinaryOp.NotEqual => Value.Of(a != c),
                        BinaryOp.Less => Value.Of(a < c),
                        BinaryOp.LessOrEqual => Value.Of(a <= c),
                        BinaryOp.Greater => Value.Of(a > c),
                        BinaryOp.GreaterOrEqual => Value.Of(a >= c),
                        _ => null,
                    };
                }
                catch (OverflowException)
                {
                    return null;
                }
            }
            return b.Op switch
            {
                BinaryOp.Equal => Value.Of(x.Equals(y)),
                BinaryOp.NotEqual => Value.Of(!x.Equals(y)),
                _ => null,
            };
        }

        private static void Flatten(Expr e, BinaryOp op, List<Expr> into)
        {
            if (e is BinaryExpr b && b.Op == op)
            {
                Flatten(b.Left, op, into);
                Flatten(b.Right, op, into);
            }
            else into.Add(e);
        }

        public string Condition(Expr e, bool? held)
        {
            held ??= Eval(e) is { Kind: ValueKind.Boolean } v ? v.AsBoolean : null;
            switch (e)
            {
                case BinaryExpr { Op: BinaryOp.And or BinaryOp.Or } b:
                {
                    var parts = new List<Expr>();
                    Flatten(b, b.Op, parts);
                    bool and = b.Op == BinaryOp.And;
                    // what decided it: the parts that failed an "and" that failed, the part that held an "or" that held
                    var deciding = held == !and ? parts.Where(p => Eval(p) is { Kind: ValueKind.Boolean } pv && pv.AsBoolean == !and).ToList() : parts;
                    if (deciding.Count == 0) deciding = parts;
                    if (held == true && !and) deciding = deciding.Take(1).ToList();
                    var self = this;
                    var texts = deciding.Select(p => self.Condition(p, self.Eval(p) is { Kind: ValueKind.Boolean } pv ? pv.AsBoolean : null));
                    return string.Join(and ? "，" : "；", texts);
                }
                case UnaryExpr { Op: UnaryOp.Not } u:
                    // a fact is stated as it is: "not x" of a yes/no value is the value of x
                    if (u.Operand is BinaryExpr inner && Negated(inner.Op) is { } flipped)
                        return Comparison(inner.Left, flipped, inner.Right);
                    return Condition(u.Operand, held is { } h ? !h : null);
                case BinaryExpr cmp when Relation(cmp.Op) is not null:
                    return Comparison(cmp.Left, cmp.Op, cmp.Right);
                case InExpr i:
                    return Operand(i.Value) + (i.Negated ? "，应不是 " : "，应是 ") + string.Join("、", i.Items.Select(x => Literal(x, i.Value)));
                case BetweenExpr bt:
                    return $"{Operand(bt.Value)}，应在 {Operand(bt.Low)} 到 {Operand(bt.High)} 之间";
                case CallExpr c when IsAggregateTest(c):
                    return Aggregate(c, TryValue(c, out var av) ? av : null);
                default:
                    if (TryValue(e, out var value)) return $"{Name(e)}：{Format(value, e)}";
                    return Operand(e) + (held is { } known ? "：" + (known ? "是" : "否") : "");
            }
        }

        private static bool IsAggregateTest(CallExpr c) => c.Function is "any" or "all";

        private static string? Relation(BinaryOp op) => op switch
        {
            BinaryOp.GreaterOrEqual => "应不少于",
            BinaryOp.Greater => "应多于",
            BinaryOp.LessOrEqual => "应不超过",
            BinaryOp.Less => "应少于",
            BinaryOp.Equal => "应为",
            BinaryOp.NotEqual => "应不为",
            _ => null,
        };

        private static BinaryOp? Negated(BinaryOp op) => op switch
        {
            BinaryOp.GreaterOrEqual => BinaryOp.Less,
            BinaryOp.Greater => BinaryOp.LessOrEqual,
            BinaryOp.LessOrEqual => BinaryOp.Greater,
            BinaryOp.Less => BinaryOp.GreaterOrEqual,
            BinaryOp.Equal => BinaryOp.NotEqual,
            BinaryOp.NotEqual => BinaryOp.Equal,
            _ => null,
        };

        private string Comparison(Expr left, BinaryOp op, Expr right)
        {
            // a value compared with a constant reads "业务测试成绩 85，应不少于 80"; with another value, both are shown
            var rel = Relation(op)!;
            var r = right is LiteralExpr ? Literal(right, left) : Operand(right);
            return $"{Operand(left)}，{rel} {r}";
        }

        /// <summary>A literal, as the label of an enum value when it is compared with an enum field.</summary>
        private string Literal(Expr lit, Expr other)
        {
            if (lit is LiteralExpr { Kind: LiteralKind.Text } t && other is NameExpr n && _scope.Field(n.Name) is { } f) return f.LabelOf(t.Text!);
            return Operand(lit);
        }

        private string Format(Value v, Expr e) => PublicPhrasing.Format(v, e is NameExpr n ? _scope.Field(n.Name) : null);

        private string Name(Expr e) => e switch
        {
            NameExpr n => _scope.Label(n.Name),
            CallExpr c => CallName(c),
            _ => Operand(e),
        };

        /// <summary>A value in a sentence: its name and, when known, the record's value (<c>驻村天数 21</c>).</summary>
        public string Operand(Expr e, bool top = false)
        {
            switch (e)
            {
                case LiteralExpr l:
                    return l.Kind switch
                    {
                        LiteralKind.Text => l.Text!,
                        LiteralKind.Boolean => l.Boolean ? "是" : "否",
                        _ => Value.Of(l.Number).ToString(),
                    };
                case NameExpr n:
                    return TryValue(n, out var v) ? $"{_scope.Label(n.Name)} {Format(v, n)}" : _scope.Label(n.Name);
                case CallExpr c:
                    return TryValue(c, out var cv) ? $"{CallName(c)} {PublicPhrasing.Format(cv, null)}" : CallName(c);
                case UnaryExpr { Op: UnaryOp.Negate } neg:
                    return "−" + Operand(neg.Operand);
                case BinaryExpr b when Arithmetic(b.Op) is { } sign:
                {
                    var text = $"{Operand(b.Left)} {sign} {Operand(b.Right)}";
                    return !top && Eval(b) is { Kind: ValueKind.Number } r && !(b.Left is LiteralExpr && b.Right is LiteralExpr) ? $"{text}（{Computed(r.AsNumber)}）" : text;
                }
                case BinaryExpr { Op: BinaryOp.Coalesce } co:
                    return Operand(co.Left);
                case IfExpr f when Eval(f.Condition) is { Kind: ValueKind.Boolean } c:
                    return Operand(c.AsBoolean ? f.Then : f.Else);
                default:
                    return Condition(e, null);
            }
        }

        /// <summary>A computed number (a ratio, say) to four decimals at most: 29 ÷ 30 shows as 约 0.9667.</summary>
        private static string Computed(decimal d)
        {
            var r = decimal.Round(d, 4, MidpointRounding.AwayFromZero);
            return r == d ? Number(d) : "约 " + Number(r);
        }

        private static string? Arithmetic(BinaryOp op) => op switch
        {
            BinaryOp.Add => "+",
            BinaryOp.Subtract => "−",
            BinaryOp.Multiply => "×",
            BinaryOp.Divide => "÷",
            _ => null,
        };

        private static readonly Dictionary<string, string> FunctionWords = new(StringComparer.Ordinal)
        {
            ["min"] = "取较小值", ["max"] = "取较大值", ["ceil"] = "向上取整", ["floor"] = "向下取整", ["round"] = "四舍五入",
            ["abs"] = "绝对值", ["age"] = "周岁年龄", ["year"] = "年份", ["month"] = "月份", ["day"] = "日",
            ["apply_scale"] = "分段计算", ["add_months"] = "推算日期", ["add_years"] = "推算日期", ["is_empty"] = "为空",
            ["days_between"] = "相隔天数", ["months_between"] = "相隔月数", ["years_between"] = "相隔年数",
            ["make_month"] = "月份", ["date"] = "日期", ["contains"] = "包含",
        };

        /// <summary>An aggregate or function call in words: <c>家庭成员中符合特困条件的数量</c>, <c>向上取整（…）</c>.</summary>
        private string CallName(CallExpr c)
        {
            if (c.Arguments.Count > 0 && c.Arguments[0] is NameExpr source && _scope.Collection(source.Name) is { } inner)
            {
                var coll = inner.CollectionLabel ?? source.Name;
                var where = c.Filter is null ? "" : "中" + Inside(inner).Filter(c.Filter) + "的";
                var what = c.Arguments.Count > 1 ? Inside(inner).Filter(c.Arguments[1]) : null;
                return c.Function switch
                {
                    "count" => $"{coll}{where}数量",
                    "count_distinct" => $"{coll}{where}{what}的不同值数量",
                    "sum" => $"{coll}{where}{what}合计",
                    "min" => $"{coll}{where}{what}最小值",
                    "max" => $"{coll}{where}{what}最大值",
                    "any" => $"{coll}{(c.Filter is null ? "" : "中")}{(c.Filter is null ? "" : Inside(inner).Filter(c.Filter))}",
                    "all" => $"{coll}{where}都{what}",
                    _ => $"{coll}{where}{what}",
                };
            }
            if (c.Function is "count" && c.Arguments.Count == 1 && c.Arguments[0] is NameExpr list)
                return $"{_scope.Label(list.Name)}个数";
            var word = FunctionWords.TryGetValue(c.Function, out var w) ? w : "计算";
            var self = this;
            return $"{word}（{string.Join("，", c.Arguments.Select(a => self.Operand(a)))}）";
        }

        /// <summary><c>any(members where x)</c> / <c>all(…)</c> as a fact: 家庭成员中有（没有）…</summary>
        private string Aggregate(CallExpr c, Value? value)
        {
            if (c.Arguments[0] is not NameExpr source || _scope.Collection(source.Name) is not { } inner) return CallName(c);
            var coll = inner.CollectionLabel ?? source.Name;
            var inside = Inside(inner);
            bool? yes = value is { Kind: ValueKind.Boolean } v ? v.AsBoolean : null;
            if (c.Function == "any")
            {
                var what = c.Filter is null ? (c.Arguments.Count > 1 ? inside.Filter(c.Arguments[1]) : "记录") : inside.Filter(c.Filter);
                return yes switch { true => $"{coll}中有{what}的", false => $"{coll}中没有{what}的", _ => $"{coll}中有无{what}的" };
            }
            var whom = c.Filter is null ? coll : $"{coll}中{inside.Filter(c.Filter)}的";
            var must = c.Arguments.Count > 1 ? inside.Filter(c.Arguments[1]) : "符合";
            return yes switch { true => $"{whom}都{must}", false => $"{whom}并非都{must}", _ => $"{whom}都应{must}" };
        }

        /// <summary>A condition about each child record, without values: <c>年龄（周岁）不少于 60</c>.</summary>
        private string Filter(Expr e)
        {
            switch (e)
            {
                case BinaryExpr { Op: BinaryOp.And or BinaryOp.Or } b:
                {
                    var parts = new List<Expr>();
                    Flatten(b, b.Op, parts);
                    var self = this;
                    return string.Join(b.Op == BinaryOp.And ? "且" : "或", parts.Select(p => self.Filter(p)));
                }
                case UnaryExpr { Op: UnaryOp.Not } u:
                    return u.Operand is NameExpr nn ? $"非{_scope.Label(nn.Name)}" : $"不是{Filter(u.Operand)}";
                case BinaryExpr cmp when cmp.Op == BinaryOp.Equal && cmp.Right is LiteralExpr:
                    return $"{Name(cmp.Left)}为{Literal(cmp.Right, cmp.Left)}";
                case BinaryExpr cmp when cmp.Op == BinaryOp.NotEqual && cmp.Right is LiteralExpr:
                    return $"{Name(cmp.Left)}不为{Literal(cmp.Right, cmp.Left)}";
                case BinaryExpr cmp when Relation(cmp.Op) is { } rel:
                    return $"{Name(cmp.Left)}{rel[1..]}{(cmp.Right is LiteralExpr ? Literal(cmp.Right, cmp.Left) : Name(cmp.Right))}";
                case InExpr i:
                    return $"{Name(i.Value)}{(i.Negated ? "不是" : "是")}{string.Join("、", i.Items.Select(x => Literal(x, i.Value)))}";
                case BetweenExpr bt:
                    return $"{Name(bt.Value)}在 {Operand(bt.Low)} 到 {Operand(bt.High)} 之间";
                case BinaryExpr { Op: BinaryOp.Coalesce } co:
                    return Filter(co.Left);
                default:
                    return Name(e);
            }
        }
    }

    /// <summary>A number as the public text shows it (whole numbers without a decimal point).</summary>
    public static string Number(decimal d) => Value.Of(d).ToString();

    /// <summary>Invariant text of a count.</summary>
    public static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
