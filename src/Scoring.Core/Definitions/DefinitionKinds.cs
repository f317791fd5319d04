using Scoring.Binding;
using Scoring.Definitions.Checks;
using Scoring.Definitions.Classifications;
using Scoring.Definitions.Criteria;
using Scoring.Definitions.Eligibility;
using Scoring.Definitions.Periods;
using Scoring.Definitions.Rankings;
using Scoring.Definitions.Scores;
using Scoring.Definitions.Values;
using Scoring.Model;
using Scoring.Runtime;
using Scoring.Syntax;

namespace Scoring.Definitions;

/// <summary>The closed set of definition kinds: the one place that maps a <see cref="DefinitionKind"/> to its behaviour.</summary>
internal sealed class DefinitionKinds : IInlineBinder
{
    public static DefinitionKinds Default { get; } = new();

    private readonly DefinitionBehavior[] _byKind;

    private DefinitionKinds()
    {
        DefinitionBehavior[] all =
        {
            new ValueBehavior(), new CriterionBehavior(), new ScoreBehavior(), new ClassificationBehavior(),
            new EligibilityBehavior(), new CheckBehavior(), new PeriodBehavior(), new RankingBehavior(),
        };
        _byKind = new DefinitionBehavior[Enum.GetValues<DefinitionKind>().Length];
        foreach (var b in all) _byKind[(int)b.Kind] = b;
        foreach (var k in Enum.GetValues<DefinitionKind>())
            if (_byKind[(int)k] is null) throw new InvalidOperationException($"no behaviour for the definition kind {k}");
    }

    public DefinitionBehavior this[DefinitionKind kind] => _byKind[(int)kind];

    public DefinitionBehavior Of(Definition def) => _byKind[(int)def.Kind];

    public DefinitionBehavior Of(Symbol symbol) => _byKind[(int)symbol.Kind];

    /// <summary>The kinds that may be computed per child record, in words, for the error when another kind is.</summary>
    public string PerChildKinds => "values, criteria and scores";

    bool IInlineBinder.CanInline(Definition def) => Of(def).PerChild;

    BExpr IInlineBinder.BindInline(Definition def, RecordLayout owner, ExpressionBinder binder, Expr site) => Of(def).BindInline(def, owner, binder, site);
}
