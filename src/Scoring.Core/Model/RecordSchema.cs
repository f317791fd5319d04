using System.Collections.Immutable;
using Scoring.Diagnostics;

namespace Scoring.Model;

/// <summary>A collection of child records (e.g. the members of a household).</summary>
/// <param name="Name">Name of the collection (JSON array property).</param>
/// <param name="Schema">Fields of each child record.</param>
public sealed record CollectionDefinition(string Name, RecordSchema Schema)
{
    /// <summary>Label shown in explanations.</summary>
    public string? Label { get; init; }

    /// <summary>Definitions computed for each child record (values, criteria, scores), usable inside aggregates over the collection.</summary>
    public ImmutableArray<Definition> Definitions { get; init; } = ImmutableArray<Definition>.Empty;

    /// <summary>Where the collection is declared.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>The fields and child collections of one kind of record.</summary>
/// <param name="Fields">Scalar fields.</param>
/// <param name="Collections">Child collections.</param>
public sealed record RecordSchema(ImmutableArray<FieldDefinition> Fields, ImmutableArray<CollectionDefinition> Collections)
{
    /// <summary>The field called <paramref name="name"/>, or null.</summary>
    public FieldDefinition? FindField(string name)
    {
        foreach (var f in Fields) if (f.Name == name) return f;
        return null;
    }

    /// <summary>The collection called <paramref name="name"/>, or null.</summary>
    public CollectionDefinition? FindCollection(string name)
    {
        foreach (var c in Collections) if (c.Name == name) return c;
        return null;
    }
}
