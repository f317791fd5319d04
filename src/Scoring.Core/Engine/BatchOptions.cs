namespace Scoring;

/// <summary>How a batch is scored.</summary>
public sealed record BatchOptions
{
    /// <summary>How many threads read and evaluate records (default: one per core).</summary>
    public int DegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Records handed to a worker at a time; a few chunks are in flight at once (default 512: small chunks keep records out of the older GC generations).</summary>
    public int ChunkSize { get; init; } = 512;

    /// <summary>Produce explanations.</summary>
    public bool Explain { get; init; }
}
