namespace Scoring.Cli.Io;

/// <summary>Lists of formats in messages: ".csv or .jsonl", ".csv, .jsonl or .xlsx".</summary>
internal static class FormatNames
{
    public static string Join(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " or " + list[^1];
    }

    /// <summary>Whether <paramref name="location"/> ends with one of <paramref name="extensions"/> (any case).</summary>
    public static bool HasExtension(string location, params string[] extensions) =>
        extensions.Any(e => location.EndsWith(e, StringComparison.OrdinalIgnoreCase));
}
