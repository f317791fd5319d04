using Scoring.Binding;

namespace Scoring.Functions;

/// <summary>
/// Every built-in function of the rule language. Each group file lists its entries; the order here is the
/// order suggestions are tried in ("did you mean") and the order of the documentation's table.
/// </summary>
internal sealed class FunctionRegistry : IFunctionTable
{
    public static FunctionRegistry Default { get; } = new(
        MathFunctions.All
            .Concat(DateFunctions.All)
            .Concat(ListFunctions.All)
            .Concat(AggregateFunctions.All)
            .Concat(ScaleFunctions.All));

    private readonly Dictionary<string, BuiltinFunction> _byName = new(StringComparer.Ordinal);
    private readonly List<BuiltinFunction> _all = new();

    private FunctionRegistry(IEnumerable<BuiltinFunction> functions)
    {
        foreach (var f in functions)
        {
            if (!_byName.TryAdd(f.Name, f)) throw new InvalidOperationException($"the function '{f.Name}' is registered twice");
            _all.Add(f);
        }
    }

    /// <summary>Every function, in order.</summary>
    public IReadOnlyList<BuiltinFunction> All => _all;

    public IEnumerable<string> Names => _all.Select(f => f.Name);

    public bool TryGet(string name, out BuiltinFunction function) => _byName.TryGetValue(name, out function!);

    /// <summary>The documentation's table of functions (docs/rule-format.md holds exactly this; a test checks it).</summary>
    public string ToMarkdown()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("| function | written as | gives | what it does |\n");
        sb.Append("|---|---|---|---|\n");
        foreach (var f in _all)
        {
            var forms = string.Join("<br>", f.Forms.Select(x => "`" + x.Replace("|", "\\|", StringComparison.Ordinal) + "`"));
            sb.Append($"| `{f.Name}` | {forms} | {f.Returns} | {f.Summary.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }
        return sb.ToString();
    }
}
