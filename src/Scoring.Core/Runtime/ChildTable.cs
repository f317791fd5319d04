using Scoring.Diagnostics;
using Scoring.Model;

namespace Scoring.Runtime;

/// <summary>
/// The child records of one collection held apart from their parents, as a database exports them
/// (a members table beside a households table): rows of text grouped by the parent key, in input
/// order. Each parent claims its rows while it is read (see
/// <see cref="RecordReader.Read(TextRow, ColumnMap, IReadOnlyDictionary{string, ChildRows}?, long)"/>);
/// rows no parent claimed are listed by <see cref="Unclaimed"/>, so none is dropped silently.
/// Memory grows with the child table, not with the parents. <see cref="Claim"/> is thread-safe.
/// </summary>
internal sealed class ChildTable
{
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly ColumnMap _map;
    private readonly int _keyIndex;
    private ChildRows? _none;

    private sealed class Group
    {
        public List<IReadOnlyList<string>> Rows { get; } = new();
        public ChildRows? Claimable; // made once, on the first claim
        public long FirstRow { get; init; }
        public int Claimed;
    }

    private ChildTable(string collection, string keyColumn, ColumnMap map, int keyIndex)
    {
        Collection = collection;
        KeyColumn = keyColumn;
        _map = map;
        _keyIndex = keyIndex;
    }

    /// <summary>
    /// Starts a table for <paramref name="collection"/> whose rows are laid out as <paramref name="header"/>;
    /// <paramref name="keyColumn"/> holds the parent's key. Fails (with every problem) when the
    /// rule set has no such collection, or the header lacks the key column or a required field.
    /// </summary>
    public static BuildResult<ChildTable> Create(RecordReader reader, string collection, IReadOnlyList<string> header, string keyColumn)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(keyColumn);
        var bag = new Diagnostics.DiagnosticBag();
        var none = Diagnostics.SourceSpan.None;
        if (!reader.CollectionNames.Contains(collection))
        {
            bag.Error(Diagnostics.DiagnosticCodes.InvalidRecord, $"the rule set has no collection '{collection}' (it has: {(reader.CollectionNames.Count == 0 ? "none" : string.Join(", ", reader.CollectionNames))})", none);
            return new BuildResult<ChildTable>(null, bag.Sorted());
        }
        int keyIndex = -1;
        for (int i = 0; i < header.Count; i++)
            if (header[i] == keyColumn) { keyIndex = i; break; }
        if (keyIndex < 0) bag.Error(Diagnostics.DiagnosticCodes.MissingField, $"the header has no key column '{keyColumn}'", none);
        var missing = reader.ChildRequiredFieldNames(collection).Where(f => !header.Contains(f)).ToList();
        if (missing.Count > 0) bag.Error(Diagnostics.DiagnosticCodes.MissingField, $"the header lacks required field(s) of '{collection}': {string.Join(", ", missing)}", none);
        return new BuildResult<ChildTable>(bag.HasErrors ? null : new ChildTable(collection, keyColumn, reader.MapChildColumns(collection, header), keyIndex), bag.Sorted());
    }

    /// <summary>The collection the rows belong to.</summary>
    public string Collection { get; }

    /// <summary>The column holding the parent's key.</summary>
    public string KeyColumn { get; }

    /// <summary>Number of rows added.</summary>
    public long RowCount { get; private set; }

    /// <summary>Adds one row (laid out as the header); <paramref name="rowNumber"/> is reported for unclaimed rows (e.g. its line in a file). Not thread-safe: add every row before claiming.</summary>
    /// <exception cref="ArgumentException">The row does not have one value per header column.</exception>
    public void Add(IReadOnlyList<string> row, long rowNumber)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Count != _map.Width) throw new ArgumentException($"row {rowNumber} has {row.Count} fields but the header has {_map.Width}", nameof(row));
        var key = row[_keyIndex];
        if (!_groups.TryGetValue(key, out var g)) _groups[key] = g = new Group { FirstRow = rowNumber };
        g.Rows.Add(row);
        RowCount++;
    }

    /// <summary>The rows of the parent with <paramref name="key"/> (none when the table has none for it), marking them claimed. Thread-safe.</summary>
    public ChildRows Claim(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_groups.TryGetValue(key, out var g))
        {
            Interlocked.Exchange(ref g.Claimed, 1);
            return g.Claimable ??= new ChildRows(_map, g.Rows);
        }
        return _none ??= new ChildRows(_map, Array.Empty<IReadOnlyList<string>>());
    }

    /// <summary>The keys whose rows no parent claimed, each with the number of its first row, in the order first added.</summary>
    public IReadOnlyList<(long FirstRow, string Key)> Unclaimed() =>
        _groups.Where(kv => Volatile.Read(ref kv.Value.Claimed) == 0).Select(kv => (kv.Value.FirstRow, kv.Key)).ToArray();
}
