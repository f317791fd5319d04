using System.Text.RegularExpressions;
using Scoring.Tests.Cli;
using Scoring.Tests.Support;

namespace Scoring.Tests.Docs;

/// <summary>
/// Every <c>scoring</c> command line the README shows (as <c>dotnet run --project src/Scoring.Cli -- …</c> or as an
/// installed <c>scoring …</c>) runs as written, in process, in a folder that holds the repository's rules/ and samples/:
/// no usage error, no crash, and the exit code the README promises (0, or 3 when records are rejected).
/// </summary>
public class ReadmeCommandTests
{
    private static readonly Regex Block = new(@"```sh\n(?<code>[\s\S]*?)```", RegexOptions.Compiled);
    private static readonly Regex Command = new(@"^(?:dotnet run --project src/Scoring\.Cli -- |~/\.scoring/scoring |scoring )(?<args>[^#\n]+?)\s*(?:#.*)?$", RegexOptions.Compiled | RegexOptions.Multiline);

    private static List<string> CommandLines()
    {
        var lines = new List<string>();
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");
        foreach (Match b in Block.Matches(readme))
            foreach (Match c in Command.Matches(b.Groups["code"].Value))
                lines.Add(c.Groups["args"].Value.Trim());
        return lines;
    }

    public static TheoryData<string> Commands() => new(CommandLines().Distinct(StringComparer.Ordinal));

    [Fact]
    public void Readme_ShowsTheCommands()
    {
        var all = CommandLines();
        Assert.Contains(all, c => c.StartsWith("run ", StringComparison.Ordinal));
        Assert.Contains(all, c => c.StartsWith("explain ", StringComparison.Ordinal));
        Assert.Contains(all, c => c.StartsWith("validate ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Readme_Command_RunsAsWritten(string commandLine)
    {
        using var dir = new TempDir();
        foreach (var folder in new[] { "rules", "samples", "benchmarks" })
            Directory.CreateSymbolicLink(dir[folder], Path.Combine(RepoPaths.Root, folder));
        var r = CliRunner.Run(dir.Path, Words(commandLine)).ShouldNotCrash();
        Assert.True(r.ExitCode is 0 or 3, $"README: `scoring {commandLine}` exits {r.ExitCode}\n{r}");
    }

    /// <summary>Splits a command line as a POSIX shell would for these examples: words, single and double quotes.</summary>
    private static string[] Words(string line)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        char quote = '\0';
        bool any = false;
        foreach (var ch in line)
        {
            if (quote != '\0')
            {
                if (ch == quote) quote = '\0';
                else word.Append(ch);
            }
            else if (ch is '\'' or '"') { quote = ch; any = true; }
            else if (char.IsWhiteSpace(ch))
            {
                if (word.Length > 0 || any) words.Add(word.ToString());
                word.Clear();
                any = false;
            }
            else word.Append(ch);
        }
        if (word.Length > 0 || any) words.Add(word.ToString());
        return words.ToArray();
    }
}
