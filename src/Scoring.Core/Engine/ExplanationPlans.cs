using Scoring.Definitions;

namespace Scoring;

/// <summary>Builds the record-independent part of every explanation item of a compiled rule set (once, on first use).</summary>
internal static class ExplanationPlans
{
    public static ExplanationPlan[] Build(CompiledRuleSet compiled)
    {
        var bound = compiled.Bound;
        var kinds = DefinitionKinds.Default;
        var outcomes = new HashSet<Binding.Symbol>(bound.Outcomes);
        var plan = new List<ExplanationPlan>();
        var phrasing = new PublicPhrasing(compiled.RuleSet.Subject, compiled.RuleSet.Parameters, compiled.RuleSet.Definitions);
        foreach (var s in bound.Symbols)
        {
            var kind = kinds.Of(s);
            if (!kind.Explained) continue;
            var common = new ExplanationPlan
            {
                Symbol = s,
                IsOutcome = outcomes.Contains(s),
                Rule = kind.RuleText(s, compiled.Text),
                Readers = compiled.InputReaders(s.Order),
                InputNames = s.Inputs.Select(i => i.Name).ToArray(),
                InputLabels = s.Inputs.Select(i => i.Label).ToArray(),
                Phrasing = phrasing,
            };
            plan.Add(kind.Plan(s, common, compiled.Text));
        }
        return plan.ToArray();
    }
}
