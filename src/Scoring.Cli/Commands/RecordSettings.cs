using System.Globalization;
using Scoring.Cli.CommandLine;
using Scoring.Cli.Io;

namespace Scoring.Cli.Commands;

/// <summary>
/// What <c>run</c> and <c>explain</c> are told: the rule file, the input and how to read it, the as-of date and
/// parameters, and each command's own options. The options are defined here, once, with their messages.
/// </summary>
internal sealed class RecordSettings
{
    public UserPath? Rules { get; private set; }
    public UserPath? Input { get; private set; }
    public UserPath? Out { get; private set; }
    public string? Id { get; private set; }
    public DateOnly? AsOf { get; private set; }
    public bool Explain { get; private set; }
    public int? Threads { get; private set; }
    public string? Encoding { get; private set; }
    public Dictionary<string, decimal> Parameters { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Match { get; } = new(StringComparer.Ordinal);
    public List<ChildJoin> Children { get; } = new();

    public List<string> Keep { get; } = new();
    public bool LabelHeaders { get; private set; }
    public bool Bom { get; private set; }
    public bool KeepFormulas { get; private set; }
    public string? Sheet { get; private set; }
    public UserPath? Report { get; private set; }
    public string? GroupBy { get; private set; }
    public string? Period { get; private set; }
    public string? Title { get; private set; }

    /// <summary>How the results are laid out, from <c>--keep</c>, <c>--headers</c>, <c>--bom</c> and <c>--formulas</c>.</summary>
    public OutputOptions OutputOptions => new() { Keep = Keep, LabelHeaders = LabelHeaders, Bom = Bom, NeutraliseFormulas = !KeepFormulas };

    /// <summary>Who an explanation is for: <c>staff</c> (the bilingual text with every detail, the default) or <c>public</c>.</summary>
    public string Audience { get; private set; } = "staff";

    public static CliOption<RecordSettings> RulesOption() =>
        CliOption<RecordSettings>.WithValue("--rules", "<file>", "the rule file (YAML)", (s, v, c) => s.Rules = c.Resolve(v));

    public static CliOption<RecordSettings> InputOption(string helpName, string description) =>
        CliOption<RecordSettings>.WithValue("--input", helpName, description, (s, v, c) => s.Input = c.Resolve(v));

    public static CliOption<RecordSettings> OutOption() =>
        CliOption<RecordSettings>.WithValue("--out", "<file.csv|file.jsonl>",
            "where the results go, renamed into place when the run completes (a missing folder is made); rejected records go to <out>.rejects.jsonl. Without it: JSON Lines on stdout, rejects on stderr",
            (s, v, c) => s.Out = c.Resolve(v));

    public static CliOption<RecordSettings> IdOption() =>
        CliOption<RecordSettings>.WithValue("--id", "<id>", "the id (key field) of the record to explain", (s, v, _) => s.Id = v);

    public static CliOption<RecordSettings> ExplainOption() =>
        CliOption<RecordSettings>.Flag("--explain", "add each record's explanation (JSON Lines output only)", s => s.Explain = true);

    public static CliOption<RecordSettings> KeepOption() =>
        CliOption<RecordSettings>.WithValue("--keep", "field,field",
            "input fields carried into every output row after the key (e.g. --keep month,name); repeatable",
            (s, v, _) => s.Keep.AddRange(v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(f => !s.Keep.Contains(f))));

    public static CliOption<RecordSettings> HeadersOption() =>
        CliOption<RecordSettings>.WithValue("--headers", "keys|labels", "column headers: the keys (dibao.status, the default) or the rule set's labels (低保·状态)",
            (s, v, _) => s.LabelHeaders = v switch { "labels" => true, "keys" => false, _ => throw new CliException($"--headers '{v}' must be keys or labels", Cli.Usage) },
            "keys", "labels");

    public static CliOption<RecordSettings> BomOption() =>
        CliOption<RecordSettings>.Flag("--bom", "start CSV output with a UTF-8 byte order mark (Excel on Chinese Windows needs it to show Chinese text)", s => s.Bom = true);

    public static CliOption<RecordSettings> FormulasOption() =>
        CliOption<RecordSettings>.WithValue("--formulas", "neutralise|keep",
            "text starting with = + - @, a tab or CR is written with a leading ' so that a spreadsheet does not run it as a formula (neutralise, the default); keep writes it as it is, for machine consumers",
            (s, v, _) => s.KeepFormulas = v switch { "keep" => true, "neutralise" or "neutralize" => false, _ => throw new CliException($"--formulas '{v}' must be neutralise or keep", Cli.Usage) },
            "neutralise", "keep");

    public static CliOption<RecordSettings> SheetOption() =>
        CliOption<RecordSettings>.WithValue("--sheet", "<name>", "the worksheet of an .xlsx input (default: the first)", (s, v, _) => s.Sheet = v);

    public static CliOption<RecordSettings> ReportOption() =>
        CliOption<RecordSettings>.WithValue("--report", "<file.html>", "also write the run's report (counts and charts per outcome, rejects by reason, the run's manifest) as a self-contained HTML page",
            (s, v, c) => s.Report = c.Resolve(v));

    public static CliOption<RecordSettings> GroupByOption(string what) =>
        CliOption<RecordSettings>.WithValue("--group-by", "<field>", what, (s, v, _) => s.GroupBy = v);

    public static CliOption<RecordSettings> PeriodOption() =>
        CliOption<RecordSettings>.WithValue("--period", "YYYY-MM-DD..YYYY-MM-DD", "the publication period shown on the notice (公示期)", (s, v, _) =>
        {
            var parts = v.Split("..");
            if (parts.Length != 2 || !parts.All(p => DateOnly.TryParseExact(p, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly _)))
                throw new CliException($"--period '{v}' must be YYYY-MM-DD..YYYY-MM-DD", Cli.Usage);
            s.Period = v;
        });

    public static CliOption<RecordSettings> TitleOption() =>
        CliOption<RecordSettings>.WithValue("--title", "<text>", "the page's heading (default: the rule set's name)", (s, v, _) => s.Title = v);

    public static CliOption<RecordSettings> PageOutOption() =>
        CliOption<RecordSettings>.WithValue("--out", "<file.html>", "the page to write (a missing folder is made)", (s, v, c) => s.Out = c.Resolve(v));

    /// <summary>The options every command that writes a page of a run's results (<c>notice</c>, <c>report</c>) takes, after its own.</summary>
    public static CliOption<RecordSettings>[] PageOptions(string groupBy, params CliOption<RecordSettings>[] own) =>
    [
        RulesOption(),
        InputOption("<file>", "the records: CSV with a header row, JSON Lines, or .xlsx"),
        PageOutOption(),
        GroupByOption(groupBy),
        .. own,
        TitleOption(),
        AsOfOption(),
        ParamOption(),
        EncodingOption(),
        SheetOption(),
        ChildrenOption(),
    ];

    public static CliOption<RecordSettings> ForOption() =>
        CliOption<RecordSettings>.WithValue("--for", "staff|public",
            "who the explanation is for: staff (bilingual, every rule and value; the default) or public (the rule set's words only, one sentence per standard)",
            (s, v, _) => s.Audience = v is "staff" or "public" ? v : throw new CliException($"--for '{v}' must be staff or public", Cli.Usage), "staff", "public");

    public static CliOption<RecordSettings> EncodingOption() =>
        CliOption<RecordSettings>.WithValue("--encoding", "utf-8|gb18030", "the input's text encoding (default utf-8)", (s, v, _) => s.Encoding = v, "utf-8", "gb18030");

    public static CliOption<RecordSettings> ChildrenOption() =>
        CliOption<RecordSettings>.WithValue("--children", "COLLECTION=FILE.csv:KEY_COLUMN",
            "join the child records of a collection (e.g. household members) from a CSV file by key; repeatable",
            (s, v, c) => s.Children.Add(ChildJoin.Parse(v, c)));

    public static CliOption<RecordSettings> ThreadsOption() =>
        CliOption<RecordSettings>.WithValue("--threads", "N", "worker threads, 1 to 1024 (default: one per core)", (s, v, _) =>
        {
            if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var t) || t < 1 || t > 1024)
                throw new CliException($"--threads '{v}' must be a whole number from 1 to 1024", Cli.Usage);
            s.Threads = t;
        });

    public static CliOption<RecordSettings> MatchOption() =>
        CliOption<RecordSettings>.WithValue("--match", "field=value", "only the records whose field has that value (e.g. month=2023-05); repeatable", (s, v, _) =>
        {
            int eq = v.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new CliException($"--match '{v}' must be field=value", Cli.Usage);
            s.Match[v[..eq]] = v[(eq + 1)..];
        });

    public static CliOption<RecordSettings> AsOfOption() =>
        CliOption<RecordSettings>.WithValue("--as-of", "YYYY-MM-DD", "the date the rules are applied at (parameters' dated values, periods)", (s, v, _) =>
        {
            if (!DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                throw new CliException($"--as-of '{v}' is not a date YYYY-MM-DD", Cli.Usage);
            s.AsOf = d;
        });

    public static CliOption<RecordSettings> ParamOption() =>
        CliOption<RecordSettings>.WithValue("--param", "name=value", "a parameter's value for this run; repeatable", (s, v, _) =>
        {
            int eq = v.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !decimal.TryParse(v[(eq + 1)..], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var pv))
                throw new CliException($"--param '{v}' must be name=number", Cli.Usage);
            s.Parameters[v[..eq]] = pv;
        });

    /// <summary>Reads the invocation's options; <c>--rules</c> and <c>--input</c> must be among them.</summary>
    public static RecordSettings Read(Invocation invocation, IReadOnlyList<CliOption<RecordSettings>> options)
    {
        var s = OptionReader.Read(invocation, options, new RecordSettings());
        var command = invocation.Symbol.Name;
        if (s.Rules is null) throw new CliException($"{command} needs --rules <file>", Cli.Usage);
        if (s.Input is null) throw new CliException($"{command} needs --input <file>", Cli.Usage);
        return s;
    }
}
