using System.Globalization;
using System.Text.Json.Nodes;

namespace Scoring.Synth;

/// <summary>
/// The committed sample of a scheme (<c>samples/&lt;scheme&gt;.csv|.jsonl</c>): the policy's worked example verbatim,
/// records exactly on (and just past) each threshold, then plausible records drawn with <see cref="PythonRandom"/>
/// from a fixed seed. The samples were first written by Python generators; these are their ports, draw for draw,
/// so that the committed bytes, and every test, README example and figure resting on them, stay as they are
/// (<c>SampleFilesTests</c> checks the committed files against them).
/// </summary>
internal abstract class Sample
{
    /// <summary>Whether JSON Lines are compact (<c>{"a":1,"b":2}</c>) rather than as Python's json.dumps writes them (<c>{"a": 1, "b": 2}</c>).</summary>
    public virtual bool CompactJson => false;

    /// <summary>The records, in file order; each object's properties in output order.</summary>
    public abstract IEnumerable<JsonObject> Records();

    /// <summary>A flat record: the scheme's fields (<paramref name="names"/>, in order) with these values.</summary>
    protected static JsonObject Fields(IReadOnlyList<Token> names, params JsonNode?[] values)
    {
        if (values.Length != names.Count) throw new ArgumentException($"{values.Length} values for {names.Count} fields", nameof(values));
        var record = new JsonObject();
        for (int i = 0; i < values.Length; i++) record[names[i].Text] = values[i];
        return record;
    }

    /// <summary>
    /// Python's <c>Decimal(units) / 10**scale</c>: the exact value with no trailing zeros after the point
    /// (915, 1 → 91.5; 920, 1 → 92).
    /// </summary>
    protected static decimal Exact(long units, int scale)
    {
        while (scale > 0 && units % 10 == 0)
        {
            units /= 10;
            scale--;
        }
        ulong magnitude = (ulong)Math.Abs(units);
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, units < 0, (byte)scale);
    }

    /// <summary>Python's <c>Decimal(text)</c>: the value with the scale written (<c>"20.0"</c> stays 20.0).</summary>
    protected static decimal Dec(string text) =>
        decimal.Parse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>Smallest whole k with k / n ≥ num / den.</summary>
    protected static int CeilRatio(int n, int num, int den) => (n * num + den - 1) / den;

    protected static string Month(int year, int month) => $"{year:D4}-{month:D2}";

    protected static string Day(int year, int month, int day) => $"{year:D4}-{month:D2}-{day:D2}";
}
