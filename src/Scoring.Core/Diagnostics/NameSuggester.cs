namespace Scoring.Diagnostics;

/// <summary>"Did you mean …?" hints: the closest candidate by edit distance, counting a swap of two neighbouring letters as one edit.</summary>
internal static class NameSuggester
{
    /// <summary>The closest candidate when it is close enough to be a likely typo, else null.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestD = int.MaxValue;
        foreach (var c in candidates)
        {
            if (c == name) continue;
            int d = Distance(name, c);
            if (d < bestD) { bestD = d; best = c; }
        }
        // one edit in a short name, up to a third of a longer one; never a rewrite of the whole name
        int allowed = Math.Max(1, name.Length / 3);
        return best is not null && bestD <= allowed && bestD < name.Length ? best : null;
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
            }
        }
        return d[a.Length, b.Length];
    }
}
