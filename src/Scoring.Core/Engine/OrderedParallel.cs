using System.Collections.Concurrent;

namespace Scoring;

/// <summary>
/// An ordered parallel map for streams. A reader thread enumerates the source in chunks, worker
/// threads map whole chunks, and the caller receives the results in source order while the next
/// chunks are being read and mapped. At most a few chunks are in flight, so memory stays flat
/// however long the stream is; an exception in the source or in the map is rethrown to the caller.
/// </summary>
internal static class OrderedParallel
{
    /// <summary>Maps <paramref name="source"/> with <paramref name="map"/> (given each item and its 1-based number), keeping order.</summary>
    /// <param name="source">The items; enumerated on one background thread.</param>
    /// <param name="map">The work for one item; called concurrently from up to <paramref name="degreeOfParallelism"/> threads.</param>
    /// <param name="degreeOfParallelism">Worker threads.</param>
    /// <param name="chunkSize">Items handed to a worker at a time.</param>
    /// <param name="cancellationToken">Stops reading and mapping; the enumeration then throws <see cref="OperationCanceledException"/>.</param>
    public static IEnumerable<TOut> Map<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, long, TOut> map, int degreeOfParallelism, int chunkSize = 4096, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(map);
        Check(degreeOfParallelism, chunkSize);
        return Flatten(Iterate(source, (items, first, token) =>
        {
            var results = new TOut[items.Length];
            for (int i = 0; i < results.Length; i++)
            {
                if ((i & 255) == 0) token.ThrowIfCancellationRequested();
                results[i] = map(items[i], first + i);
            }
            return results;
        }, degreeOfParallelism, chunkSize, cancellationToken));
    }

    /// <summary>
    /// Maps <paramref name="source"/> a chunk at a time: <paramref name="map"/> gets the items of one chunk and the
    /// 1-based number of its first item, and its results come back in source order. For work that does better
    /// per chunk than per item (one output buffer per chunk instead of one per item, say).
    /// </summary>
    /// <param name="source">The items; enumerated on one background thread.</param>
    /// <param name="map">The work for one chunk; called concurrently from up to <paramref name="degreeOfParallelism"/> threads.</param>
    /// <param name="degreeOfParallelism">Worker threads.</param>
    /// <param name="chunkSize">Items per chunk (the last chunk may have fewer).</param>
    /// <param name="cancellationToken">Stops reading and mapping; the enumeration then throws <see cref="OperationCanceledException"/>.</param>
    public static IEnumerable<TOut> MapChunks<TIn, TOut>(IEnumerable<TIn> source, Func<TIn[], long, TOut> map, int degreeOfParallelism, int chunkSize = 4096, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(map);
        Check(degreeOfParallelism, chunkSize);
        return Iterate(source, (items, first, _) => map(items, first), degreeOfParallelism, chunkSize, cancellationToken);
    }

    private static void Check(int degreeOfParallelism, int chunkSize)
    {
        if (degreeOfParallelism < 1) throw new ArgumentOutOfRangeException(nameof(degreeOfParallelism));
        if (chunkSize < 1) throw new ArgumentOutOfRangeException(nameof(chunkSize));
    }

    private static IEnumerable<T> Flatten<T>(IEnumerable<T[]> chunks)
    {
        foreach (var chunk in chunks)
            foreach (var item in chunk) yield return item;
    }

    private sealed class Chunk<TIn, TOut>
    {
        public Chunk(long sequence, long firstNumber, TIn[] items)
        {
            Sequence = sequence;
            FirstNumber = firstNumber;
            Items = items;
        }

        public long Sequence { get; }
        public long FirstNumber { get; }
        public TIn[] Items { get; }
        public TOut? Result { get; set; }
    }

    private static IEnumerable<TOut> Iterate<TIn, TOut>(IEnumerable<TIn> source, Func<TIn[], long, CancellationToken, TOut> map, int dop, int chunkSize, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = stop.Token;
        int inFlight = dop + 2;
        using var work = new BlockingCollection<Chunk<TIn, TOut>>(inFlight);
        using var slots = new SemaphoreSlim(inFlight); // chunks read but not yet consumed
        var done = new ConcurrentDictionary<long, Chunk<TIn, TOut>>();
        using var signal = new SemaphoreSlim(0);
        Exception? failure = null;
        long total = -1; // number of chunks, once the source is exhausted

        void Fail(Exception e)
        {
            Interlocked.CompareExchange(ref failure, e, null);
            stop.Cancel();
            signal.Release();
        }

        var reader = new Thread(() =>
        {
            long sequence = 0, number = 0;
            try
            {
                using var e = source.GetEnumerator();
                while (!token.IsCancellationRequested)
                {
                    var list = new List<TIn>(chunkSize);
                    while (list.Count < chunkSize && e.MoveNext()) list.Add(e.Current);
                    if (list.Count == 0) break;
                    slots.Wait(token);
                    work.Add(new Chunk<TIn, TOut>(sequence++, number, list.ToArray()), token);
                    number += list.Count;
                    if (list.Count < chunkSize) break;
                }
                Interlocked.Exchange(ref total, sequence);
                work.CompleteAdding();
                signal.Release();
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                work.CompleteAdding();
            }
            catch (Exception ex)
            {
                work.CompleteAdding();
                Fail(ex);
            }
        }) { IsBackground = true, Name = "Scoring reader" };

        var workers = new Thread[dop];
        for (int w = 0; w < dop; w++)
        {
            workers[w] = new Thread(() =>
            {
                try
                {
                    foreach (var chunk in work.GetConsumingEnumerable(token))
                    {
                        token.ThrowIfCancellationRequested();
                        chunk.Result = map(chunk.Items, chunk.FirstNumber + 1, token);
                        done[chunk.Sequence] = chunk;
                        signal.Release();
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                }
                catch (Exception ex)
                {
                    Fail(ex);
                }
            }) { IsBackground = true, Name = "Scoring worker" };
        }

        reader.Start();
        foreach (var t in workers) t.Start();
        try
        {
            long next = 0;
            while (true)
            {
                if (done.TryRemove(next, out var chunk))
                {
                    next++;
                    slots.Release();
                    yield return chunk.Result!;
                    continue;
                }
                if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
                ct.ThrowIfCancellationRequested();
                if (Interlocked.Read(ref total) == next) yield break;
                signal.Wait(100, ct);
            }
        }
        finally
        {
            // the caller stopped early, failed or finished: stop the threads and wait for them
            stop.Cancel();
            reader.Join();
            foreach (var t in workers) t.Join();
        }
    }
}
