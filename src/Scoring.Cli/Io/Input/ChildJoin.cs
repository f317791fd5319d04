namespace Scoring.Cli.Io;

/// <summary>One <c>--children COLLECTION=FILE.csv:KEY_COLUMN</c>: the child records of a collection, joined to the input by a key column.</summary>
internal sealed record ChildJoin(string Collection, UserPath File, string KeyColumn)
{
    /// <summary>Reads the option's value; a value not of that form is a usage error.</summary>
    public static ChildJoin Parse(string value, CliContext context)
    {
        int eq = value.IndexOf('=', StringComparison.Ordinal), colon = value.LastIndexOf(':');
        if (eq <= 0 || colon <= eq + 1 || colon == value.Length - 1)
            throw new CliException($"--children '{value}' must be COLLECTION=FILE.csv:KEY_COLUMN, e.g. members=members.csv:household_id", Cli.Usage);
        return new ChildJoin(value[..eq], context.Resolve(value[(eq + 1)..colon]), value[(colon + 1)..]);
    }
}
