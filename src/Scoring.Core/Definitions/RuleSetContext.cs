using Scoring.Binding;
using Scoring.Diagnostics;
using Scoring.Model;
using Scoring.Runtime;

namespace Scoring.Definitions;

/// <summary>What a definition kind works with while a rule set is bound: the names, the expression binder, the slots and the links between definitions.</summary>
internal sealed class RuleSetContext
{
    public RuleSetContext(RuleSetNames names, DiagnosticBag bag)
    {
        Names = names;
        Bag = bag;
        Binder = new ExpressionBinder(names, bag);
    }

    public RuleSetNames Names { get; }
    public DiagnosticBag Bag { get; }
    public ExpressionBinder Binder { get; }
    public SlotAllocator Slots { get; } = new();
    public RecordLayout Subject => Names.Subject;

    private readonly Dictionary<Definition, List<Definition>> _links = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Definition, Definition> _owners = new(ReferenceEqualityComparer.Instance);

    /// <summary>Records that <paramref name="from"/> is made of <paramref name="to"/> (a score of its criteria, an eligibility of its conditions): it is bound after it and reads its result.</summary>
    public void AddLink(Definition from, Definition to) =>
        (_links.TryGetValue(from, out var l) ? l : _links[from] = new List<Definition>()).Add(to);

    /// <summary>The definitions <paramref name="def"/> is made of, in the order they were linked.</summary>
    public IReadOnlyList<Definition> LinksOf(Definition def) => _links.TryGetValue(def, out var l) ? l : Array.Empty<Definition>();

    /// <summary>Records that <paramref name="part"/> counts towards <paramref name="owner"/> (a criterion towards its score).</summary>
    public void SetOwner(Definition part, Definition owner) => _owners[part] = owner;

    /// <summary>The definition <paramref name="part"/> counts towards, or null.</summary>
    public Definition? OwnerOf(Definition part) => _owners.TryGetValue(part, out var o) ? o : null;

    /// <summary>The bound symbol of <paramref name="def"/> (bound before anything that links to it).</summary>
    public Symbol? SymbolOf(Definition def) => Names.Bound.TryGetValue(def.Key, out var s) && ReferenceEquals(s.Def, def) ? s : null;

    /// <summary>The common part of the symbol of the definition being bound; takes the values its expressions read.</summary>
    public SymbolBase Common(int order, TType type, Storage storage, int slot) => new(order, type, storage, slot, Binder.End());

    /// <summary>The common part of a symbol whose result lives in a slot allocated for its type.</summary>
    public SymbolBase CommonFor(int order, TType type)
    {
        var (storage, slot) = Slots.For(type);
        return Common(order, type, storage, slot);
    }

    public void Error(string code, string message, Diagnostics.SourceSpan span) => Bag.Error(code, message, span);
}
