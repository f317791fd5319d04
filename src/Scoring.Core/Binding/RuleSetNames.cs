using Scoring.Model;
using Scoring.Runtime;

namespace Scoring.Binding;

/// <summary>
/// Every name an expression of a rule set can refer to, filled in by the rule-set binder: the subject's
/// fields and collections, the parameters, the periods and the definitions (declared, then bound one by one
/// in dependency order), and the built-in functions.
/// </summary>
internal sealed class RuleSetNames
{
    public RuleSetNames(RecordLayout subject, IReadOnlyList<ParameterDefinition> parameters, IFunctionTable functions, IInlineBinder inline)
    {
        Subject = subject;
        Parameters = parameters;
        ParameterUsed = new bool[parameters.Count];
        Functions = functions;
        Inline = inline;
    }

    public RecordLayout Subject { get; }
    public IReadOnlyList<ParameterDefinition> Parameters { get; }

    /// <summary>Parameter name → index (the first declaration of a name).</summary>
    public Dictionary<string, int> ParameterIndex { get; } = new(StringComparer.Ordinal);

    /// <summary>Which parameters some expression reads.</summary>
    public bool[] ParameterUsed { get; }

    /// <summary>True when some expression reads <c>as_of</c>.</summary>
    public bool UsesAsOf { get; set; }

    /// <summary>Definitions by key, as declared (the first of a duplicated key).</summary>
    public Dictionary<string, Definition> Declared { get; } = new(StringComparer.Ordinal);

    /// <summary>Definitions bound so far, by key.</summary>
    public Dictionary<string, Symbol> Bound { get; } = new(StringComparer.Ordinal);

    /// <summary>Periods by key, known before they are bound.</summary>
    public Dictionary<string, PeriodSource> Periods { get; } = new(StringComparer.Ordinal);

    /// <summary>Why rules may not read a definition of this kind (e.g. a check), or null when they may.</summary>
    public Func<Definition, string?> Unreadable { get; init; } = _ => null;

    public IFunctionTable Functions { get; }
    public IInlineBinder Inline { get; }
}

/// <summary>The built-in functions, by name, in a fixed order (suggestions prefer the earlier of two equally close names).</summary>
internal interface IFunctionTable
{
    bool TryGet(string name, out BuiltinFunction function);
    IEnumerable<string> Names { get; }
}

/// <summary>Binds a definition of a child record (or period) where an aggregate uses it; the kinds that may be defined per child implement it.</summary>
internal interface IInlineBinder
{
    /// <summary>True when definitions of this kind may be computed per child record.</summary>
    bool CanInline(Definition def);

    /// <summary>The bound expression of <paramref name="def"/> in the scope the binder has set up (the child record's).</summary>
    BExpr BindInline(Definition def, RecordLayout owner, ExpressionBinder binder, Syntax.Expr site);
}
