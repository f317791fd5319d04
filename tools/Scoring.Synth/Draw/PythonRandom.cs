namespace Scoring.Synth;

/// <summary>
/// CPython's <c>random.Random</c> (Mersenne Twister MT19937 and the draws of <c>random.py</c> as of Python 3.11),
/// draw for draw. The committed samples were first written by Python generators; drawing exactly as they drew
/// keeps every committed byte, and so every test, README example and benchmark figure that rests on the samples.
/// Only the draws those generators used are here. The floating-point ones (<see cref="Random"/>,
/// <see cref="Triangular"/>, <see cref="ChoiceIndex"/>) use IEEE double arithmetic and a correctly rounded square
/// root only, which give the same bits on every platform .NET runs on.
/// </summary>
internal sealed class PythonRandom
{
    private const int N = 624, M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _index;

    /// <summary>As <c>random.Random(seed)</c> for a seed below 2^32 (Python's key is then the seed alone).</summary>
    public PythonRandom(uint seed)
    {
        // init_genrand(19650218) then init_by_array([seed]), as _randommodule.c
        _mt[0] = 19650218U;
        for (int k = 1; k < N; k++) _mt[k] = 1812433253U * (_mt[k - 1] ^ (_mt[k - 1] >> 30)) + (uint)k;
        int i = 1;
        for (int k = N; k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1664525U)) + seed;
            if (++i >= N)
            {
                _mt[0] = _mt[N - 1];
                i = 1;
            }
        }
        for (int k = N - 1; k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1566083941U)) - (uint)i;
            if (++i >= N)
            {
                _mt[0] = _mt[N - 1];
                i = 1;
            }
        }
        _mt[0] = 0x80000000U;
        _index = N;
    }

    private uint NextUInt32()
    {
        if (_index >= N)
        {
            for (int k = 0; k < N; k++)
            {
                uint y = (_mt[k] & 0x80000000U) | (_mt[(k + 1) % N] & 0x7fffffffU);
                _mt[k] = _mt[(k + M) % N] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : 0x9908b0dfU);
            }
            _index = 0;
        }
        uint z = _mt[_index++];
        z ^= z >> 11;
        z ^= (z << 7) & 0x9d2c5680U;
        z ^= (z << 15) & 0xefc60000U;
        z ^= z >> 18;
        return z;
    }

    /// <summary><c>random()</c>: a double in [0, 1) from 53 random bits.</summary>
    public double Random()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /// <summary><c>_randbelow(n)</c>: a whole number in [0, n), by rejection of <c>getrandbits(n.bit_length())</c>.</summary>
    public int Below(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), "empty range");
        int bits = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)n);
        uint r;
        do r = NextUInt32() >> (32 - bits);
        while (r >= (uint)n);
        return (int)r;
    }

    /// <summary><c>randint(lo, hi)</c>: a whole number in [lo, hi], both included.</summary>
    public int Int(int lo, int hi) => lo + Below(hi - lo + 1);

    /// <summary><c>choice(items)</c>.</summary>
    public T Choice<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    /// <summary><c>choices(range(len(weights)), weights)[0]</c>: an index chosen with the given relative weights.</summary>
    public int ChoiceIndex(ReadOnlySpan<int> weights)
    {
        Span<int> cumulative = stackalloc int[weights.Length];
        int sum = 0;
        for (int i = 0; i < weights.Length; i++) cumulative[i] = sum += weights[i];
        double x = Random() * sum;
        // bisect_right(cumulative, x, 0, n - 1)
        int lo = 0, hi = weights.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (x < cumulative[mid]) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /// <summary><c>triangular(low, high, mode)</c>.</summary>
    public double Triangular(double low, double high, double mode)
    {
        double u = Random();
        double c = (mode - low) / (high - low);
        if (u > c)
        {
            u = 1.0 - u;
            c = 1.0 - c;
            (low, high) = (high, low);
        }
        return low + (high - low) * Math.Sqrt(u * c);
    }

    /// <summary><c>shuffle(items)</c>, in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = Below(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary><c>sample(population, k)</c>: k distinct items in selection order, by either of Python's two methods.</summary>
    public List<T> Sample<T>(IReadOnlyList<T> population, int k)
    {
        int n = population.Count;
        if (k < 0 || k > n) throw new ArgumentOutOfRangeException(nameof(k), "sample larger than population");
        var result = new List<T>(k);
        // Python: setsize = 21, plus 4 ** ceil(log(3k, 4)) when k > 5. 3k is never a power of 4, so the ceiling is the
        // smallest m with 4^m > 3k, found here without floating point.
        long setSize = 21;
        if (k > 5)
        {
            long power = 1;
            while (power <= 3L * k) power *= 4;
            setSize += power;
        }
        if (n <= setSize)
        {
            var pool = population.ToList();
            for (int i = 0; i < k; i++)
            {
                int j = Below(n - i);
                result.Add(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        }
        else
        {
            var selected = new HashSet<int>();
            for (int i = 0; i < k; i++)
            {
                int j = Below(n);
                while (!selected.Add(j)) j = Below(n);
                result.Add(population[j]);
            }
        }
        return result;
    }
}
