namespace Scoring.Synth;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Every record gets its own generator, derived from the seed, a stream
/// number and the record's index, so a record depends only on (seed, index) and the output is the same on every
/// machine and runtime. Only integer arithmetic: no floating point, no Math.Log, nothing platform-dependent.
/// </summary>
internal struct Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public static Rng For(ulong seed, ulong stream, ulong index)
    {
        ulong z = Mix(seed + 0x9E3779B97F4A7C15UL * (stream + 1));
        z = Mix(z ^ (index * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL));
        var r = default(Rng);
        r._s0 = SplitMix(ref z);
        r._s1 = SplitMix(ref z);
        r._s2 = SplitMix(ref z);
        r._s3 = SplitMix(ref z);
        return r;
    }

    /// <summary>The SplitMix64 finaliser: a good 64-bit mixing function.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong SplitMix(ref ulong state) => Mix(state += 0x9E3779B97F4A7C15UL);

    public ulong Next()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A whole number in [0, n).</summary>
    public int Below(int n) => (int)Math.BigMul(Next(), (ulong)n, out _);

    /// <summary>A whole number in [lo, hi], both included.</summary>
    public int Range(int lo, int hi) => lo + Below(hi - lo + 1);

    /// <summary>A whole number in [lo, hi], both included.</summary>
    public long Range(long lo, long hi) => lo + (long)Math.BigMul(Next(), (ulong)(hi - lo + 1), out _);

    /// <summary>True with probability perMille / 1000.</summary>
    public bool Chance(int perMille) => Below(1000) < perMille;

    /// <summary>An index chosen with the given relative weights.</summary>
    public int Pick(ReadOnlySpan<int> weights)
    {
        int total = 0;
        foreach (var w in weights) total += w;
        int x = Below(total);
        for (int i = 0; i < weights.Length; i++)
        {
            if (x < weights[i]) return i;
            x -= weights[i];
        }
        return weights.Length - 1;
    }

    /// <summary>A value from one of the bands (lo, hi, weight), the band chosen by weight, the value uniform within it.</summary>
    public long Band(ReadOnlySpan<(long Lo, long Hi, int Weight)> bands)
    {
        int total = 0;
        foreach (var b in bands) total += b.Weight;
        int x = Below(total);
        foreach (var b in bands)
        {
            if (x < b.Weight) return Range(b.Lo, b.Hi);
            x -= b.Weight;
        }
        return bands[^1].Hi;
    }
}
