using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Scoring.Tests.Cli;

/// <summary>
/// The few things only the real executable shows (every other CLI test runs in process): exit codes as the
/// shell sees them, the bytes of stdout and stderr, an input in GB18030, and Ctrl-C / SIGTERM stopping a run
/// cleanly. And that the in-process entry point says exactly what the process says.
/// </summary>
public sealed class RealProcessTests
{
    [Theory]
    [InlineData(0, "--help")]
    [InlineData(0, "run", "--help")]
    [InlineData(2)]
    [InlineData(2, "frobnicate")]
    [InlineData(2, "run", "--rulez", "x")]
    [InlineData(1, "validate", "type-error.yaml")]
    [InlineData(1, "test", "wrong-expectations.yaml")]
    [InlineData(0, "test", "mini.yaml")]
    [InlineData(3, "run", "--rules", "ten-star.yaml", "--input", "some-bad.jsonl")]
    [InlineData(0, "explain", "--rules", "ten-star.yaml", "--input", "some-bad.jsonl", "--id", "C-003", "--match", "month=2023-02")]
    [InlineData(0, "[suggest:14]", "scoring run --")]
    public void TheProcess_AndTheInProcessEntryPoint_SayTheSame(int exit, params string[] args)
    {
        using var t = new TempDir();
        t.CopyData(Path.Combine("validate", "type-error.yaml"));
        t.CopyData(Path.Combine("test", "wrong-expectations.yaml"));
        t.CopyData("mini.yaml");
        File.Copy(Repo.TenStarRules, t["ten-star.yaml"]);
        var lines = File.ReadAllLines(Repo.Samples("cadre-months.jsonl")).Take(12).ToList();
        lines.Insert(3, "{\"cadre_id\": \"C-1\"}"); // rejected: required fields missing
        t.Write("some-bad.jsonl", string.Join("\n", lines) + "\n");

        var process = t.RunProcess(args).ShouldExit(exit).ShouldNotCrash();
        var inProcess = t.Run(args).ShouldExit(exit).ShouldNotCrash();
        Assert.Equal(process.Stdout, inProcess.Stdout);
        Assert.Equal(process.Stderr, inProcess.Stderr);
    }

    [Fact]
    public async Task Run_WithoutOut_WritesUtf8WithoutBomToStdout_ByteForByteWhatOutWrites()
    {
        using var t = new TempDir();
        var args = new[] { "run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv") };
        using var p = CliRunner.StartProcess(t.Path, args);
        p.StandardInput.Close();
        using var stdout = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CliRunner.DefaultTimeout);
        await p.WaitForExitAsync(timeout.Token);
        await copy;
        Assert.Equal(0, p.ExitCode);
        Assert.Equal("read 30, scored 30, rejected 0\n", await stderr);
        t.RunProcess(args.Concat(new[] { "--out", "out.jsonl" }).ToArray()).ShouldExit(0);
        var bytes = stdout.ToArray();
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal(File.ReadAllBytes(t["out.jsonl"]), bytes);
        Assert.Contains("独立党支部", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Run_Gb18030Input_ScoresAsItsUtf8Copy()
    {
        using var t = new TempDir();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = File.ReadAllText(Repo.Samples("settlements.csv"));
        t.WriteBytes("gb.csv", Encoding.GetEncoding("GB18030").GetBytes(text));
        t.RunProcess("run", "--rules", Repo.SettlementRules, "--input", "gb.csv", "--out", "gb.jsonl", "--encoding", "gb18030").ShouldExit(0).ShouldNotCrash();
        t.RunProcess("run", "--rules", Repo.SettlementRules, "--input", Repo.Samples("settlements.csv"), "--out", "utf8.jsonl").ShouldExit(0);
        Assert.Equal(File.ReadAllBytes(t["utf8.jsonl"]), File.ReadAllBytes(t["gb.jsonl"]));
    }

    [Theory]
    [InlineData("SIGTERM")]
    [InlineData("SIGINT")]
    public void Run_Interrupted_StopsCleanly_Exit130_AndLeavesNoOutput(string signal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return; // signals and named pipes as Unix has them
        using var t = new TempDir();
        // an input that never ends: a named pipe fed until the run lets go of it
        using (var mkfifo = Process.Start("mkfifo", t["endless.jsonl"])!) mkfifo.WaitForExit();
        var lines = File.ReadAllLines(Repo.Samples("cadre-months.jsonl")).Where(l => l.Length > 0).ToArray();
        long written = 0;
        var feed = new Thread(() =>
        {
            try
            {
                using var pipe = new FileStream(t["endless.jsonl"], FileMode.Open, FileAccess.Write);
                var bytes = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
                while (true)
                {
                    pipe.Write(bytes);
                    Interlocked.Add(ref written, lines.Length);
                }
            }
            catch (IOException) { } // the run closed its end
        }) { IsBackground = true };
        feed.Start();

        using var p = CliRunner.StartProcess(t.Path, "run", "--rules", Repo.TenStarRules, "--input", "endless.jsonl", "--out", "out.jsonl");
        p.StandardInput.Close();
        var started = Stopwatch.StartNew();
        while ((!File.Exists(t["out.jsonl.partial"]) || Interlocked.Read(ref written) < 100_000) && !p.HasExited && started.Elapsed < CliRunner.DefaultTimeout)
            Thread.Sleep(50);
        Assert.False(p.HasExited, "the run ended on an endless input");
        Assert.Equal(0, Kill(p.Id, signal == "SIGTERM" ? 15 : 2));
        var r = CliRunner.WaitFor(p, CliRunner.DefaultTimeout, new[] { "run", "…", signal });

        Assert.Equal(130, r.ExitCode);
        Assert.Matches(@"^scoring: interrupted after reading \d+ records; no output was written$", r.StderrLines[^1]);
        Assert.Equal(new[] { "endless.jsonl" }, t.Files()); // no out.jsonl, no .partial, no rejects
        Assert.True(feed.Join(CliRunner.DefaultTimeout), "the run did not close its input");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
