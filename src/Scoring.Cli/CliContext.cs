using System.Text;

namespace Scoring.Cli;

/// <summary>
/// Everything one invocation of <c>scoring</c> may touch of the world: its standard streams (as bytes and
/// as UTF-8 text over the same bytes), the directory relative paths are resolved against, the environment,
/// whether stderr is a terminal, and a token that is cancelled on an interrupt. Commands use nothing else
/// (no <see cref="Console"/>, no current directory), so in-process runs are isolated and may run in parallel;
/// only Program.cs builds one from the real console.
/// </summary>
internal sealed class CliContext
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private int _interruptible;

    public CliContext(Stream stdin, Stream stdout, Stream stderr, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null, bool stderrIsTerminal = false,
        CancellationToken interrupted = default, TextWriter? stdoutText = null, TextWriter? stderrText = null)
    {
        if (!Path.IsPathFullyQualified(workingDirectory)) throw new ArgumentException("the working directory must be a full path", nameof(workingDirectory));
        Stdin = stdin;
        StdoutStream = stdout;
        StderrStream = stderr;
        Stdout = stdoutText ?? new StreamWriter(stdout, Utf8, 4096, leaveOpen: true) { AutoFlush = true };
        Stderr = stderrText ?? new StreamWriter(stderr, Utf8, 4096, leaveOpen: true) { AutoFlush = true };
        WorkingDirectory = workingDirectory;
        Environment = environment ?? new Dictionary<string, string>();
        StderrIsTerminal = stderrIsTerminal;
        Interrupted = interrupted;
    }

    public Stream Stdin { get; }

    /// <summary>Standard output as bytes (results written without --out).</summary>
    public Stream StdoutStream { get; }

    /// <summary>Standard error as bytes (rejected records written without --out).</summary>
    public Stream StderrStream { get; }

    /// <summary>Standard output as text; flushed after every write, so it keeps its order with <see cref="StdoutStream"/>.</summary>
    public TextWriter Stdout { get; }

    /// <summary>Standard error as text; flushed after every write, so it keeps its order with <see cref="StderrStream"/>.</summary>
    public TextWriter Stderr { get; }

    public string WorkingDirectory { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Whether stderr is a terminal (progress is then a live line instead of a line every 10 seconds).</summary>
    public bool StderrIsTerminal { get; }

    /// <summary>Cancelled on Ctrl-C or SIGTERM while a command handles interrupts (see <see cref="HandleInterrupts"/>).</summary>
    public CancellationToken Interrupted { get; }

    /// <summary>Whether an interrupt now cancels <see cref="Interrupted"/> (the command then stops cleanly) instead of ending the process.</summary>
    public bool HandlesInterrupts => Volatile.Read(ref _interruptible) > 0;

    /// <summary>For a command that watches <see cref="Interrupted"/>: until disposed, Ctrl-C and SIGTERM cancel it instead of ending the process.</summary>
    public IDisposable HandleInterrupts()
    {
        Interlocked.Increment(ref _interruptible);
        return new Scope(this);
    }

    /// <summary>A path given on the command line, resolved against <see cref="WorkingDirectory"/>.</summary>
    public UserPath Resolve(string text) => UserPath.Resolve(text, WorkingDirectory);

    private sealed class Scope(CliContext owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) Interlocked.Decrement(ref owner._interruptible);
        }
    }
}
