using System.Diagnostics;
using System.Text;

namespace Scoring.Tests.Cli;

/// <summary>What one run of <c>scoring</c> produced (in process or as the real executable).</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr, IReadOnlyList<string> Args)
{
    /// <summary>Non-empty lines of stdout, without line terminators.</summary>
    public string[] StdoutLines => Lines(Stdout);

    /// <summary>Non-empty lines of stderr, without line terminators.</summary>
    public string[] StderrLines => Lines(Stderr);

    private static string[] Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();

    /// <summary>Everything, for assertion messages.</summary>
    public override string ToString() =>
        $"scoring {string.Join(' ', Args)}\nexit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    /// <summary>Asserts the exit code, showing the whole run when it differs.</summary>
    public CliResult ShouldExit(int expected)
    {
        Assert.True(ExitCode == expected, $"expected exit {expected}, got {ExitCode}\n{this}");
        return this;
    }

    /// <summary>Asserts the process neither crashed nor overflowed its stack.</summary>
    public CliResult ShouldNotCrash()
    {
        foreach (var s in new[] { Stdout, Stderr })
        {
            Assert.DoesNotContain("Unhandled exception", s, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Stack overflow", s, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("   at ", s, StringComparison.Ordinal); // a .NET stack trace
        }
        Assert.True(ExitCode is >= 0 and <= 3, $"exit code {ExitCode} is not one of the documented 0..3 (a crash?)\n{this}");
        return this;
    }
}

/// <summary>
/// Runs <c>scoring</c>: in process by default (<see cref="Run(string, string[])"/>, through the same entry point as
/// the real tool, isolated by its own context, so tests may run in parallel), or as the real executable
/// (<see cref="RunProcess(string, string[])"/>, <c>dotnet scoring.dll</c>) for what only a process shows: exit
/// codes as the shell sees them, signals, the bytes of the standard streams, the built tool.
/// </summary>
public static class CliRunner
{
    /// <summary>Generous: the first start of a process on a cold CI machine can be slow, but no command should ever hang.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    private static readonly Lazy<string> Dll = new(FindScoringDll);
    private static readonly Lazy<string> Host = new(FindDotnetHost);
    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>The path of <c>scoring.dll</c> that the tests run.</summary>
    public static string ScoringDll => Dll.Value;

    /// <summary>How to start <c>dotnet dll args…</c> with every standard stream redirected as UTF-8 and no window.</summary>
    public static ProcessStartInfo DotnetStartInfo(string workingDirectory, string dll, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(Host.Value)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>Runs <c>scoring args…</c> in process, as if started in <paramref name="workingDirectory"/>.</summary>
    public static CliResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, DefaultTimeout, args);

    /// <summary>Runs <c>scoring args…</c> in process, with a timeout that fails the test instead of hanging.</summary>
    public static CliResult Run(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        using var interrupt = new CancellationTokenSource();
        var context = new Scoring.Cli.CliContext(Stream.Null, stdout, stderr, Path.GetFullPath(workingDirectory), interrupted: interrupt.Token);
        int code = -1;
        Exception? crash = null;
        // on a thread of its own, so that a command that hangs fails the test instead of stopping the run
        var thread = new Thread(() =>
        {
            try { code = Scoring.Cli.Cli.Execute(args, context); }
            catch (Exception e) { crash = e; }
        }, 16 << 20);
        thread.Start();
        if (!thread.Join(timeout))
        {
            interrupt.Cancel();
            Assert.Fail($"scoring {string.Join(' ', args)} did not finish within {timeout.TotalSeconds}s");
        }
        var err = Utf8.GetString(stderr.ToArray());
        // what the process would have shown: the runtime's report on stderr and exit code 134 (SIGABRT)
        if (crash is not null) return new CliResult(134, Utf8.GetString(stdout.ToArray()), err + "Unhandled exception. " + crash, args);
        return new CliResult(code, Utf8.GetString(stdout.ToArray()), err, args);
    }

    /// <summary>Runs the real executable <c>dotnet scoring.dll args…</c> in <paramref name="workingDirectory"/> and waits for it to end.</summary>
    public static CliResult RunProcess(string workingDirectory, params string[] args) => RunProcess(workingDirectory, DefaultTimeout, args);

    /// <summary>Runs the real executable with a timeout that fails the test instead of hanging.</summary>
    public static CliResult RunProcess(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        using var p = StartProcess(workingDirectory, args);
        p.StandardInput.Close(); // the tool must never wait for input
        return WaitFor(p, timeout, args);
    }

    /// <summary>Starts the real executable (stdin left open); <see cref="WaitFor"/> collects what it wrote.</summary>
    public static Process StartProcess(string workingDirectory, params string[] args)
    {
        var psi = DotnetStartInfo(workingDirectory, ScoringDll, args);
        // the same output whatever the machine's settings
        psi.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        psi.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start " + Host.Value);
    }

    /// <summary>Waits for a process of <see cref="StartProcess"/> to end and returns what it wrote.</summary>
    public static CliResult WaitFor(Process p, TimeSpan timeout, string[] args)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit(10_000);
            Assert.Fail($"scoring {string.Join(' ', args)} did not finish within {timeout.TotalSeconds}s; it was killed");
        }
        p.WaitForExit(); // drains the redirected streams
        if (!Task.WaitAll(new Task[] { stdout, stderr }, timeout))
            Assert.Fail($"scoring {string.Join(' ', args)}: output streams were not closed within {timeout.TotalSeconds}s");
        return new CliResult(p.ExitCode, stdout.Result, stderr.Result, args);
    }

    private static string FindScoringDll()
    {
        // the test project references src/Scoring.Cli, so the build copies scoring.dll and its
        // runtimeconfig/deps next to the tests
        var here = AppContext.BaseDirectory;
        if (IsRunnable(here)) return Path.Combine(here, "scoring.dll");
        // otherwise the CLI's own output folder, same configuration and framework as the tests
        var tfm = new DirectoryInfo(here.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)).Name;
        var config = new DirectoryInfo(here.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)).Parent?.Name ?? "Debug";
        var own = Path.Combine(Repo.Root, "src", "Scoring.Cli", "bin", config, tfm);
        if (IsRunnable(own)) return Path.Combine(own, "scoring.dll");
        throw new InvalidOperationException($"scoring.dll with its runtimeconfig was found neither in {here} nor in {own}; build src/Scoring.Cli first");
    }

    private static bool IsRunnable(string dir) =>
        File.Exists(Path.Combine(dir, "scoring.dll")) && File.Exists(Path.Combine(dir, "scoring.runtimeconfig.json"));

    internal static string FindDotnetHost()
    {
        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        // set by the dotnet CLI for the processes it starts (dotnet test, MSBuild)
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hp && File.Exists(hp)) return hp;
        // the test host itself is usually run by the muxer
        if (Environment.ProcessPath is { } pp && Path.GetFileName(pp).Equals(exe, StringComparison.OrdinalIgnoreCase)) return pp;
        foreach (var v in new[] { "DOTNET_ROOT", "DOTNET_ROOT_X64", "DOTNET_ROOT_ARM64" })
            if (Environment.GetEnvironmentVariable(v) is { Length: > 0 } root && File.Exists(Path.Combine(root, exe)))
                return Path.Combine(root, exe);
        return exe; // found on PATH
    }
}

/// <summary>Paths inside the repository (found by walking up to Scoring.sln) and the test data.</summary>
public static class Repo
{
    private static readonly Lazy<string> RootDir = new(() =>
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Scoring.sln"))) return d.FullName;
        throw new InvalidOperationException($"no Scoring.sln above {AppContext.BaseDirectory}");
    });

    /// <summary>The repository root (the folder holding Scoring.sln).</summary>
    public static string Root => RootDir.Value;

    /// <summary>A file of <c>rules/</c>.</summary>
    public static string Rules(string name) => Path.Combine(Root, "rules", name);

    /// <summary>A file of <c>samples/</c>.</summary>
    public static string Samples(string name) => Path.Combine(Root, "samples", name);

    /// <summary>A file of the test data (Cli/Data, copied next to the tests).</summary>
    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Cli", "Data", name);

    public static string SettlementRules => Rules("settlement-services.yaml");
    public static string TenStarRules => Rules("ten-star-cadre-monthly.yaml");
}

/// <summary>A fresh temporary directory per test, deleted afterwards.</summary>
public sealed class TempDir : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(false);

    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "scoring-cli-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The full path of <paramref name="name"/> inside this directory.</summary>
    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <summary>Writes UTF-8 text (no BOM) and returns the full path.</summary>
    public string Write(string name, string text)
    {
        var full = this[name];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text, Utf8);
        return full;
    }

    /// <summary>Writes raw bytes and returns the full path.</summary>
    public string WriteBytes(string name, byte[] bytes)
    {
        var full = this[name];
        File.WriteAllBytes(full, bytes);
        return full;
    }

    /// <summary>Copies a test-data file (Cli/Data) here under <paramref name="as"/> (default: its own name).</summary>
    public string CopyData(string dataName, string? @as = null)
    {
        var target = this[@as ?? System.IO.Path.GetFileName(dataName)];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.Copy(Repo.Data(dataName), target, overwrite: true);
        return target;
    }

    public string Read(string name) => File.ReadAllText(this[name], Utf8);

    public string[] ReadLines(string name) =>
        Read(name).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();

    /// <summary>Every file name in the directory (not recursive), sorted.</summary>
    public string[] Files() =>
        Directory.GetFiles(Path).Select(f => System.IO.Path.GetFileName(f)!).OrderBy(f => f, StringComparer.Ordinal).ToArray();

    /// <summary>Runs <c>scoring args…</c> in process in this directory.</summary>
    public CliResult Run(params string[] args) => CliRunner.Run(Path, args);

    /// <summary>Runs the real executable in this directory.</summary>
    public CliResult RunProcess(params string[] args) => CliRunner.RunProcess(Path, args);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
