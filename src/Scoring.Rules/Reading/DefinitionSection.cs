using Scoring.Model;
using Scoring.Rules.Yaml;

namespace Scoring.Rules.Reading;

/// <summary>
/// One section of a rule file that declares definitions of one kind (<c>values:</c>, <c>criteria:</c>, …): its key
/// and how one entry of it is read. The sections are listed in <see cref="DefinitionSections"/>.
/// </summary>
internal abstract class DefinitionSection
{
    /// <summary>The section's key in the rule file.</summary>
    public abstract string Key { get; }

    /// <summary>True when the section may also appear inside a collection or a period (definitions computed per child record).</summary>
    public virtual bool PerChild => false;

    /// <summary>Reads one entry; null when it cannot be read (reported).</summary>
    public abstract Definition? Read(YScalar key, YNode node, ReaderContext ctx);

    /// <summary>Reads every entry of the section in <paramref name="map"/> (absent: none).</summary>
    public void ReadAll(YMapping? map, ReaderContext ctx, ICollection<Definition> into)
    {
        if (map is null) return;
        foreach (var (k, v) in map.Entries)
            if (Read(k, v, ctx) is { } d) into.Add(d);
    }
}
