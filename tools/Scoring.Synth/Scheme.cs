namespace Scoring.Synth;

/// <summary>One reference scheme: a synthetic population of any size, and the committed sample.</summary>
internal abstract class Scheme
{
    /// <summary>The name given to <c>--scheme</c>; also the name of its sample file (<c>samples/&lt;name&gt;.jsonl</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Whether records have child collections (JSON Lines only).</summary>
    public virtual bool Nested => false;

    /// <summary>The record's shape in words, for messages.</summary>
    public virtual string Shape => "flat";

    /// <summary>The top-level fields in output order (the CSV header).</summary>
    public abstract Token[] Columns { get; }

    /// <summary>A generator for a population of <paramref name="n"/> records.</summary>
    public abstract Generator Create(long n, ulong seed);

    /// <summary>The committed sample of the scheme (<c>--sample</c>).</summary>
    public abstract Sample Sample { get; }

    /// <summary>Writes <paramref name="n"/> records of a population to <paramref name="output"/>.</summary>
    public void Write(long n, ulong seed, Stream output, bool csv, CancellationToken cancel = default)
    {
        if (csv && Nested) throw new ArgumentException($"scheme '{Name}' needs JSON Lines", nameof(csv));
        var generator = Create(n, seed);
        using RecordWriter w = csv ? new CsvRecordWriter(output, Columns) : new JsonLinesRecordWriter(output);
        for (long i = 0; i < n; i++)
        {
            if ((i & 4095) == 0) cancel.ThrowIfCancellationRequested();
            w.BeginRecord();
            generator.Write(w, i);
            w.EndRecord();
        }
    }

    /// <summary>Writes the committed sample to <paramref name="output"/>, byte for byte as in <c>samples/</c>.</summary>
    public void WriteSample(Stream output, bool csv)
    {
        if (csv && Nested) throw new ArgumentException($"scheme '{Name}' needs JSON Lines", nameof(csv));
        if (csv) SampleWriter.Csv(Sample.Records(), Columns, output);
        else SampleWriter.JsonLines(Sample.Records(), output, Sample.CompactJson);
    }
}

/// <summary>Writes record number <c>index</c> (0-based) of one population; the record depends only on the seed, the index and the population size.</summary>
internal abstract class Generator
{
    public abstract void Write(RecordWriter w, long index);
}

/// <summary>The schemes, by name.</summary>
internal static class Schemes
{
    /// <summary>The schemes, in the order they are listed.</summary>
    public static readonly IReadOnlyList<Scheme> All = new Scheme[]
    {
        new SettlementsScheme(), new CadreMonthsScheme(), new CadreYearsScheme(),
        new PartyMembersScheme(), new HouseholdsScheme(), new AidHouseholdsScheme(),
    };

    public static string Known => string.Join(", ", All.Select(s => s.Name));

    public static Scheme? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>The scheme named <paramref name="name"/>; a name that is none is a programming error here.</summary>
    public static Scheme Get(string name) => Find(name) ?? throw new ArgumentException($"unknown scheme '{name}'", nameof(name));
}
