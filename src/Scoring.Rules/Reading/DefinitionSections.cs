using System.Collections.Immutable;
using Scoring.Model;
using Scoring.Rules.Reading.Sections;
using Scoring.Rules.Yaml;

namespace Scoring.Rules.Reading;

/// <summary>Every section of a rule file that declares definitions, in the order they are read (which is the declaration order the rules see).</summary>
internal static class DefinitionSections
{
    public static IReadOnlyList<DefinitionSection> All { get; } = new DefinitionSection[]
    {
        new ValueSection(), new CriterionSection(), new ScoreSection(), new ClassificationSection(),
        new EligibilitySection(), new CheckSection(), new PeriodSection(), new RankingSection(),
    };

    /// <summary>The sections that may appear inside a collection or a period.</summary>
    public static IReadOnlyList<DefinitionSection> PerChild { get; } = All.Where(s => s.PerChild).ToArray();

    /// <summary>Reads the per-child sections of a collection or a period.</summary>
    public static ImmutableArray<Definition> ReadPerChild(MapReader m, ReaderContext ctx)
    {
        var list = new List<Definition>();
        foreach (var s in PerChild) s.ReadAll(m.Mapping(s.Key), ctx, list);
        return list.ToImmutableArray();
    }
}
