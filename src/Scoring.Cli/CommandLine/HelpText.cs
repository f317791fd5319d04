using System.CommandLine;
using System.Text;

namespace Scoring.Cli.CommandLine;

/// <summary>
/// The help: <c>scoring --help</c> lists every command's usage block; <c>scoring COMMAND --help</c> shows that
/// command's block and its options, read from its System.CommandLine symbol.
/// </summary>
internal static class HelpText
{
    public const string Title = "scoring — validate, test and run YAML rule sets";

    private const string CommandHelp = """
          scoring <command> --help
              describe one command and its options
        """;

    public const string ExitCodes = """
        exit codes: 0 success; 1 invalid rules, failed tests or a run that could not complete;
                    2 usage error; 3 run completed but some records were rejected
        """;

    public static string Global(IEnumerable<CliCommand> commands)
    {
        var text = new StringBuilder(Title).Append("\n\nusage:\n");
        foreach (var c in commands.Where(c => !c.Hidden)) text.Append(c.Usage).Append('\n');
        return text.Append(CommandHelp).Append("\n\n").Append(ExitCodes).ToString();
    }

    public static string For(CliCommand command, Command symbol)
    {
        var text = new StringBuilder($"scoring {command.Name} — {command.Summary}").Append("\n\nusage:\n").Append(command.Usage).Append('\n');
        var rows = symbol.Arguments.Where(a => !a.Hidden).Select(a => (Left: $"<{a.HelpName ?? a.Name}>...", Right: a.Description ?? ""))
            .Concat(symbol.Options.Where(o => !o.Hidden).Select(o => (Left: Label(o), Right: o.Description ?? "")))
            .Append((Left: "-h, --help", Right: "show this help"))
            .ToList();
        int width = rows.Max(r => r.Left.Length) + 2;
        text.Append("\noptions:\n");
        foreach (var (left, right) in rows)
        {
            var lines = Wrap(right, Math.Max(40, Width - 2 - width));
            text.Append("  ").Append(left.PadRight(width)).Append(lines[0]).Append('\n');
            foreach (var more in lines.Skip(1)) text.Append(' ', 2 + width).Append(more).Append('\n');
        }
        return text.Append('\n').Append(ExitCodes).ToString();
    }

    /// <summary>The width the option table is wrapped at (the same everywhere: help is not sized to the terminal).</summary>
    private const int Width = 100;

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        lines.Add(line.ToString());
        return lines;
    }

    /// <summary><c>-h, --help</c>; <c>--rules &lt;file&gt;</c>.</summary>
    private static string Label(Option option)
    {
        var names = option.Aliases.Order(StringComparer.Ordinal).Append(option.Name);
        var label = string.Join(", ", names);
        return option.HelpName is { Length: > 0 } value ? $"{label} {value}" : label;
    }
}
