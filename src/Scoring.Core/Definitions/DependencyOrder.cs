using System.Collections.Immutable;
using Scoring.Binding;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Syntax;

namespace Scoring.Definitions;

/// <summary>
/// Orders definitions so that each comes after everything it reads (the names in its expressions, and the
/// definitions it is made of), checks first; reports every cycle once. Works on the syntax, before binding.
/// </summary>
internal sealed class DependencyOrder
{
    private readonly RuleSetContext _ctx;
    private readonly RecordSchema _subject;

    public DependencyOrder(RuleSetContext ctx, RecordSchema subject)
    {
        _ctx = ctx;
        _subject = subject;
    }

    /// <summary>True when a cycle was found (and reported); binding still goes on in the order returned, so every other problem is reported too.</summary>
    public bool Cyclic { get; private set; }

    private readonly record struct SynScope(RecordSchema Schema, ImmutableArray<Definition> Defs);

    private List<Definition> Dependencies(Definition def)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<Definition>(ReferenceEqualityComparer.Instance);
        foreach (var e in DefinitionKinds.Default.Of(def).Expressions(def)) FreeNames(e, new List<SynScope>(), names, 0, visited);
        var deps = new List<Definition>();
        foreach (var n in names)
            if (_ctx.Names.Declared.TryGetValue(n, out var d)) deps.Add(d);
        deps.AddRange(_ctx.LinksOf(def));
        return deps;
    }

    private SynScope? CollectionScope(string name, List<SynScope> scopes)
    {
        for (int i = scopes.Count - 1; i >= 0; i--)
            if (scopes[i].Schema.FindCollection(name) is { } c) return new SynScope(c.Schema, c.Definitions);
        if (_subject.FindCollection(name) is { } sc) return new SynScope(sc.Schema, sc.Definitions);
        if (_ctx.Names.Periods.TryGetValue(name, out var p)) return new SynScope(p.Layout.Schema, p.Def.Definitions);
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
                            var exprs = DefinitionKinds.Default.Of(d).Expressions(d).ToList();
                            if (d is ScoreDefinition)
                                exprs.AddRange(sc.Defs.OfType<CriterionDefinition>().Where(c => c.Score == d.Key).SelectMany(c => DefinitionKinds.Default.Of(c).Expressions(c)));
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
                bool aggregates = _ctx.Names.Functions.TryGet(c.Function, out var fn) && fn is AggregateFunction;
                SynScope? child = c.Arguments[0] is NameExpr coll && aggregates ? CollectionScope(coll.Name, scopes) : null;
                if (child is { } ch) scopes.Add(ch);
                if (c.Filter is not null) FreeNames(c.Filter, scopes, names, depth + 1, visited);
                for (int k = 1; k < c.Arguments.Count; k++) FreeNames(c.Arguments[k], scopes, names, depth + 1, visited);
                if (child is not null) scopes.RemoveAt(scopes.Count - 1);
                break;
            }
        }
    }

    /// <summary>The declared definitions in evaluation order: checks first (bad input is rejected before anything else runs), then declaration order.</summary>
    public List<Definition> Order(IReadOnlyList<Definition> declarationOrder)
    {
        var order = new List<Definition>();
        var state = new Dictionary<Definition, int>(ReferenceEqualityComparer.Instance); // 1 visiting, 2 done
        var depsOf = new Dictionary<Definition, List<Definition>>(ReferenceEqualityComparer.Instance);
        foreach (var d in _ctx.Names.Declared.Values) depsOf[d] = Dependencies(d);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in declarationOrder.Where(x => x is CheckDefinition).Concat(declarationOrder.Where(x => x is not CheckDefinition)))
        {
            if (!_ctx.Names.Declared.TryGetValue(d.Key, out var declared) || !ReferenceEquals(declared, d)) continue;
            if (state.ContainsKey(d)) continue;
            // iterative DFS: a long chain of definitions must not overflow the stack
            var stack = new Stack<(Definition Def, int Next)>();
            var path = new List<Definition>();
            stack.Push((d, 0));
            state[d] = 1;
            path.Add(d);
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
                        Cyclic = true;
                        int from = path.IndexOf(dep);
                        var cycle = path.Skip(from).Select(x => x.Key).ToList();
                        var sig = string.Join(",", cycle.OrderBy(x => x, StringComparer.Ordinal));
                        if (reported.Add(sig))
                            _ctx.Error(DiagnosticCodes.Cycle, $"circular definition: {string.Join(" → ", cycle)} → {dep.Key}; a rule cannot depend on itself", dep.Span);
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
        return order;
    }
}
