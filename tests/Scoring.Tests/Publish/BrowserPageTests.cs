using System.Diagnostics;
using Scoring.Tests.Cli;
using Scoring.Tests.Support;

namespace Scoring.Tests.Publish;

/// <summary>
/// The notice board and the run report in a real browser (Debian's Chromium, headless, which .ci/run installs):
/// each page loads from file:// without console errors, its script runs, its tables and charts are there, and a
/// screenshot is saved under TestResults/pages/. Without Chromium these tests fail; they never pass unseen.
/// </summary>
public sealed class BrowserPageTests
{
    private static string Chromium =>
        Environment.GetEnvironmentVariable("SCORING_CHROMIUM") is { Length: > 0 } c ? c
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : throw new InvalidOperationException("Chromium is not installed (/usr/bin/chromium, or SCORING_CHROMIUM): the browser tests need it; .ci/run installs it with 'apt-get install -y chromium'");

    public static TheoryData<string, string[]> Pages => new()
    {
        { "notice-households", new[] { "notice", "--rules", Repo.Rules("civilized-household.yaml"), "--input", Repo.Samples("households.jsonl"), "--group-by", "community", "--period", "2024-01-15..2024-01-21" } },
        { "notice-cadres", new[] { "notice", "--rules", Repo.TenStarRules, "--input", Repo.Samples("cadre-months.csv"), "--group-by", "team", "--keep", "month" } },
        { "report-aid", new[] { "report", "--rules", Repo.Rules("aid-eligibility.yaml"), "--input", Repo.Samples("aid-households.jsonl"), "--as-of", "2023-08-15" } },
        { "report-households", new[] { "report", "--rules", Repo.Rules("civilized-household.yaml"), "--input", Repo.Samples("households.jsonl"), "--group-by", "community" } },
        { "report-settlements-rejects", new[] { "report", "--rules", Repo.SettlementRules, "--input", Repo.Data("run/bad-settlements.csv") } },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_RendersInChromium_WithoutErrors_WithItsTablesAndCharts(string name, string[] command)
    {
        using var t = new TempDir();
        var r = t.Run(command.Append("--out").Append("page.html").ToArray());
        Assert.True(r.ExitCode is 0 or 3, r.ToString());
        var html = File.ReadAllText(t["page.html"]);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal)); // nothing fetched: no CDN, no external file
        Assert.DoesNotContain("https://", html);

        var (dom, log) = RunChromium(t, "--dump-dom", "file://" + t["page.html"]);
        Assert.Contains("data-rendered=\"", dom);                  // the page's own script ran
        Assert.DoesNotContain("data-rendered=\"0\"", dom);         // and found its tables
        Assert.Contains("<table", dom);
        if (name.StartsWith("report", StringComparison.Ordinal)) Assert.Contains("<svg", dom);
        var errors = log.Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal)).ToArray();
        Assert.True(errors.Length == 0, "console errors:\n" + string.Join("\n", errors));

        var shots = Path.Combine(RepoPaths.Root, "TestResults", "pages");
        Directory.CreateDirectory(shots);
        var png = Path.Combine(shots, name + ".png");
        File.Delete(png);
        RunChromium(t, $"--screenshot={png}", "--window-size=1100,1500", "--hide-scrollbars", "file://" + t["page.html"]);
        Assert.True(File.Exists(png) && new FileInfo(png).Length > 10_000, $"no screenshot at {png}");
    }

    /// <summary>Runs headless Chromium with the flags this machine needs (no sandbox as root, no network of its own), a fresh profile each time.</summary>
    internal static (string Stdout, string Stderr) RunChromium(TempDir t, params string[] args)
    {
        var profile = Path.Combine(t.Path, "chromium-profile-" + Guid.NewGuid().ToString("N"));
        var psi = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = t.Path,
        };
        foreach (var a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0", $"--user-data-dir={profile}",
        }.Concat(args)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail("Chromium did not finish within 90 s");
        }
        Assert.True(p.ExitCode == 0, $"Chromium exited with {p.ExitCode}:\n{stderr.Result}");
        return (stdout.Result, stderr.Result);
    }
}
