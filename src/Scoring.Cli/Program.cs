using System.Collections;
using System.Runtime.InteropServices;
using System.Text;
using Scoring.Cli;

// The only place that touches the real console, the process's signals and its exit: everything else
// works on the CliContext, so that tests run the same entry point in process.
Console.OutputEncoding = new UTF8Encoding(false);
using var interrupt = new CancellationTokenSource();
var environment = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (DictionaryEntry e in Environment.GetEnvironmentVariables()) environment[(string)e.Key] = (string?)e.Value ?? "";
var context = new CliContext(Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.OpenStandardError(),
    Directory.GetCurrentDirectory(), environment, stderrIsTerminal: !Console.IsErrorRedirected, interrupt.Token,
    stdoutText: Console.Out, stderrText: Console.Error);

// Ctrl-C and a plain kill (SIGTERM) stop a command that handles interrupts cleanly (no half-written output is
// left behind); any other command ends as it always has
Console.CancelKeyPress += (_, e) =>
{
    if (!context.HandlesInterrupts) return;
    e.Cancel = true;
    interrupt.Cancel();
};
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    if (!context.HandlesInterrupts) return;
    signal.Cancel = true;
    interrupt.Cancel();
});
return Cli.Execute(args, context);
