using System.Collections.Immutable;
using Scoring.Binding;
using Scoring.Compilation;
using Scoring.Definitions.Rankings;
using Scoring.Runtime;

namespace Scoring.Definitions;

/// <summary>The binder's output: the subject's layout, the symbols in evaluation order, the frame's shape.</summary>
internal sealed class BoundRuleSet
{
    public required RecordLayout Subject { get; init; }
    public required ImmutableArray<Symbol> Symbols { get; init; }
    public required IReadOnlyDictionary<string, Symbol> ByKey { get; init; }
    public required ImmutableArray<Symbol> Outcomes { get; init; }
    public required FrameShape Shape { get; init; }
    public required ImmutableArray<RankingSymbol> Rankings { get; init; }
    public required bool UsesAsOf { get; init; }
    public required ImmutableArray<bool> ParameterUsed { get; init; }
    public required FieldSlot KeyField { get; init; }
}
