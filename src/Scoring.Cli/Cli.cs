using System.Text;
using Scoring.Cli.CommandLine;

namespace Scoring.Cli;

/// <summary>The <c>scoring</c> command line's one entry point, for the real process (Program.cs) and for in-process runs alike.</summary>
internal static class Cli
{
    public const int Ok = 0, Failed = 1, Usage = 2, SomeRejected = 3, Interrupted = 130;

    /// <summary>Runs one command line; returns the exit code. Errors that stop a command are reported on the context's stderr.</summary>
    public static int Execute(string[] args, CliContext context)
    {
        try
        {
            return ScoringCommandLine.Execute(args, context);
        }
        catch (CliException ex)
        {
            context.Stderr.WriteLine($"scoring: {ex.Message}");
            if (ex.Hint is { } hint) context.Stderr.WriteLine($"scoring: {hint}");
            return ex.ExitCode;
        }
    }

    /// <summary>Runs one command line in the current directory, writing its output to <paramref name="stdout"/> and <paramref name="stderr"/> when it ends.</summary>
    public static int Execute(string[] args, TextWriter stdout, TextWriter stderr)
    {
        using var output = new MemoryStream();
        using var errors = new MemoryStream();
        int code = Execute(args, new CliContext(Stream.Null, output, errors, Directory.GetCurrentDirectory()));
        stdout.Write(Encoding.UTF8.GetString(output.ToArray()));
        stderr.Write(Encoding.UTF8.GetString(errors.ToArray()));
        return code;
    }
}
