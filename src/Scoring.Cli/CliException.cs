namespace Scoring.Cli;

/// <summary>An error that stops a command, reported as <c>scoring: message</c> on stderr (and a <c>did you mean</c> line when there is a hint).</summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode = Cli.Failed, string? hint = null) : base(message)
    {
        ExitCode = exitCode;
        Hint = hint;
    }

    public int ExitCode { get; }

    /// <summary>A second line, e.g. <c>did you mean '--rules'?</c>; null when there is nothing to suggest.</summary>
    public string? Hint { get; }
}
