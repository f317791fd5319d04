using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Scoring.Tests.Properties;

/// <summary>The ordered parallel map behind batch scoring and `scoring run`: results in source order, every item once, with its number.</summary>
public class OrderedParallelProperties
{
    /// <summary>Item count, chunk size and worker threads.</summary>
    private static Gen<(int N, int Chunk, int Dop)> Shapes =>
        from n in Gen.Choose(0, 3000)
        from chunk in Gen.Choose(1, 700)
        from dop in Gen.Choose(1, 6)
        select (n, chunk, dop);

    [Property(MaxTest = 60)]
    public Property Map_AnyChunkingAndThreads_KeepsOrderAndNumbers()
    {
        return Prop.ForAll(Shapes.ToArbitrary(), t =>
        {
            var (n, chunk, dop) = t;
            var mapped = OrderedParallel.Map(Enumerable.Range(0, n), (x, number) => (x, number), dop, chunk).ToList();
            Assert.Equal(Enumerable.Range(0, n).Select(x => (x, (long)x + 1)), mapped);
        });
    }

    [Property(MaxTest = 60)]
    public Property MapChunks_AnyChunkingAndThreads_GivesChunksInOrder()
    {
        return Prop.ForAll(Shapes.ToArbitrary(), t =>
        {
            var (n, chunk, dop) = t;
            var chunks = OrderedParallel.MapChunks(Enumerable.Range(0, n), (items, first) => (items.ToArray(), first), dop, chunk).ToList();
            Assert.All(chunks.SkipLast(1), c => Assert.Equal(chunk, c.Item1.Length));
            Assert.All(chunks, c => Assert.Equal(c.Item1[0] + 1, c.first));
            Assert.Equal(Enumerable.Range(0, n), chunks.SelectMany(c => c.Item1));
        });
    }

    [Fact]
    public void MapChunks_FailingChunk_RethrowsItsException()
    {
        var e = Assert.Throws<InvalidOperationException>(() => OrderedParallel.MapChunks(Enumerable.Range(0, 10_000),
            (items, first) => first > 5000 ? throw new InvalidOperationException("chunk " + first) : items.Length, 2, 100).ToList());
        Assert.StartsWith("chunk ", e.Message);
    }

    [Fact]
    public void MapChunks_CallerStopsEarly_ReadsNoMoreThanAFewChunksAhead()
    {
        int produced = 0;
        IEnumerable<int> Source()
        {
            for (int i = 0; i < 1_000_000; i++) { Interlocked.Increment(ref produced); yield return i; }
        }
        var first = OrderedParallel.MapChunks(Source(), (items, _) => items.Length, 2, 100).Take(3).ToList();
        Assert.Equal(new[] { 100, 100, 100 }, first);
        Assert.True(Volatile.Read(ref produced) < 2_000, $"read {produced} items for 3 chunks");
    }
}
