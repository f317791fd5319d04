using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scoring.Hosting;
using Scoring.Tests.Cli;
using Scoring.Tests.Support;

namespace Scoring.Tests.Hosting;

/// <summary>
/// The built sample host (samples/Scoring.Samples.WebApi) started for real as a child process on a free
/// loopback port; killed when the tests are done, whatever happened.
/// </summary>
public sealed partial class SampleHost : IDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SampleHost() : this(Array.Empty<string>())
    {
    }

    private SampleHost(string[] extraArgs)
    {
        // the content root: the default rules path ../../rules is the repository's rules/
        var psi = CliRunner.DotnetStartInfo(Path.Combine(RepoPaths.Root, "samples", "Scoring.Samples.WebApi"), Dll,
            new[] { "--urls", "http://127.0.0.1:0" }.Concat(extraArgs));
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment.Remove("ASPNETCORE_URLS");
        psi.Environment.Remove("DOTNET_URLS");

        _process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _exited.TrySetResult(_process.ExitCode);
        if (!_process.Start()) throw new InvalidOperationException("could not start the sample host");
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the host with extra command-line arguments (configuration overrides).</summary>
    public static SampleHost Start(params string[] extraArgs) => new(extraArgs);

    /// <summary>The built sample, for the configuration and framework the tests were built with.</summary>
    public static string Dll
    {
        get
        {
            var meta = typeof(SampleHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
            var dir = Path.Combine(RepoPaths.Root, "samples", "Scoring.Samples.WebApi", "bin", meta["SampleWebApiConfiguration"]!, meta["SampleWebApiTargetFramework"]!);
            var dll = Path.Combine(dir, "Scoring.Samples.WebApi.dll");
            if (!File.Exists(dll) || !File.Exists(Path.Combine(dir, "Scoring.Samples.WebApi.runtimeconfig.json")))
                throw new InvalidOperationException($"the sample host is not built: {dll} (build the solution, or the test project, first)");
            return dll;
        }
    }

    /// <summary>Everything the host printed so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The address from the host's "Now listening on:" line.</summary>
    public async Task<Uri> AddressAsync()
    {
        var first = await Task.WhenAny(_address.Task, _exited.Task, Task.Delay(StartTimeout));
        if (first == _address.Task) return new Uri(await _address.Task);
        if (first == _exited.Task) throw new Xunit.Sdk.XunitException($"the sample host exited ({await _exited.Task}) before listening:\n{Output}");
        throw new Xunit.Sdk.XunitException($"the sample host did not print 'Now listening on:' within {StartTimeout.TotalSeconds}s:\n{Output}");
    }

    /// <summary>Waits for the host to exit on its own (e.g. at a startup failure).</summary>
    public async Task<int> ExitCodeAsync()
    {
        var first = await Task.WhenAny(_exited.Task, Task.Delay(StartTimeout));
        if (first != _exited.Task) throw new Xunit.Sdk.XunitException($"the sample host did not exit within {StartTimeout.TotalSeconds}s:\n{Output}");
        _process.WaitForExit(); // drains the redirected output
        return await _exited.Task;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        var m = Listening().Match(line);
        if (m.Success) _address.TrySetResult(m.Groups[1].Value);
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(30_000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}

public sealed class SampleHostTests : IClassFixture<SampleHost>, IDisposable
{
    private readonly SampleHost _host;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public SampleHostTests(SampleHost host) => _host = host;

    public void Dispose() => _http.Dispose();

    private async Task<(HttpStatusCode Status, JsonNode? Body, string Text)> PostAsync(string pathAndQuery, string body)
    {
        var address = await _host.AddressAsync();
        using var response = await _http.PostAsync(new Uri(address, pathAndQuery), new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try { json = JsonNode.Parse(text); } catch (System.Text.Json.JsonException) { }
        return (response.StatusCode, json, text);
    }

    private static string SampleLine(string file, string id) =>
        File.ReadLines(Path.Combine(RepoPaths.Root, "samples", file)).First(l => l.Contains($"\"{id}\"", StringComparison.Ordinal));

    [Fact]
    public async Task WorkedExampleHousehold_GetsThePolicyOutcomes_WithTheExplanation()
    {
        var (status, body, text) = await PostAsync("/rulesets/aid-eligibility/evaluate?asOf=2023-08-15", SampleLine("aid-households.jsonl", "H-77"));
        Assert.True(status == HttpStatusCode.OK, $"{status}: {text}\n{_host.Output}");
        Assert.Equal("aid-eligibility", (string?)body!["ruleSet"]!["id"]);
        Assert.Equal("H-77", (string?)body["id"]);
        // the policy's worked example, every number (rules/aid-eligibility.tests.yaml)
        var expected = JsonNode.Parse("""
            {
              "extreme_poverty": { "status": "not_eligible", "amount": 0, "missing_documents": [], "reasons": ["has_te_kun_member"], "members": [], "std": 530, "per_member": 689 },
              "dibao": { "status": "eligible_missing_documents", "amount": 470, "missing_documents": ["income_proof"], "reasons": [], "std": 530, "n": 4, "per_capita": 412.5, "asset_limit": 50880 },
              "temporary_relief": { "status": "eligible_missing_documents", "amount": 6360, "missing_documents": ["application_reason"], "reasons": [], "annual_income": 19800, "threshold": 5940, "excess": 9060, "cap": 6360 },
              "monitoring": { "status": "included", "amount": 0, "missing_documents": [], "reasons": ["low_income", "major_expense"], "per_capita_annual_income": 4950, "monitoring_line": 7100, "major_expense_threshold": 9900 },
              "transport_subsidy": { "status": "not_eligible", "amount": 0, "missing_documents": [], "reasons": ["has_migrant_worker"], "members": [] },
              "medical_aid": { "status": "eligible_missing_documents", "amount": 7350, "missing_documents": ["medical_bills"], "reasons": [], "by_scale": 7350, "cap": 50000 }
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, body["outcomes"]), $"outcomes differ:\n{body["outcomes"]}");
        var explanation = body["explanation"]!.AsArray();
        Assert.Contains(explanation, i => (string?)i!["key"] == "dibao" && (string?)i["value"]!["status"] == "eligible_missing_documents");
        Assert.Contains("470", (string?)body["explanationText"]);

        var (plainStatus, plain, _) = await PostAsync("/rulesets/aid-eligibility/evaluate?asOf=2023-08-15&explain=false", SampleLine("aid-households.jsonl", "H-77"));
        Assert.Equal(HttpStatusCode.OK, plainStatus);
        Assert.Null(plain!["explanation"]);
        Assert.True(JsonNode.DeepEquals(expected, plain["outcomes"]));
    }

    [Fact]
    public async Task CivilizedHousehold_IsScored()
    {
        var (status, body, text) = await PostAsync("/rulesets/civilized-household/evaluate", SampleLine("households.jsonl", "H-0420"));
        Assert.True(status == HttpStatusCode.OK, $"{status}: {text}");
        Assert.Equal(9, (int)body!["outcomes"]!["stars"]!);
        Assert.Equal("八星级文明户", (string?)body["outcomes"]!["title"]);
    }

    [Fact]
    public async Task BadFields_Get400NamingEachField()
    {
        var (status, body, text) = await PostAsync("/rulesets/settlement-services/evaluate",
            """{"settlement_id":"S-9","name":"x","county":"大宁县","residents":"many","households":10,"garden_area_m2":1}""");
        Assert.True(status == HttpStatusCode.BadRequest, $"{status}: {text}");
        var errors = body!["errors"]!.AsObject();
        Assert.Equal(new[] { "full_party_members", "residents" }, errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("many", (string?)errors["residents"]![0]);
    }

    [Fact]
    public async Task BadQueryAndBody_Get400NamingTheParameter()
    {
        var record = SampleLine("aid-households.jsonl", "H-77");
        var (s1, b1, _) = await PostAsync("/rulesets/aid-eligibility/evaluate?asOf=2023-02-30&param=year", record);
        Assert.Equal(HttpStatusCode.BadRequest, s1);
        Assert.Equal(new[] { "asOf", "param" }, b1!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));

        var (s2, b2, _) = await PostAsync("/rulesets/aid-eligibility/evaluate", record); // needs the as-of date
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.Contains("as-of", (string?)b2!["errors"]!["asOf"]![0]);

        var (s3, b3, _) = await PostAsync("/rulesets/aid-eligibility/evaluate?asOf=2023-08-15&param=no_such=1", record);
        Assert.Equal(HttpStatusCode.BadRequest, s3);
        Assert.Contains("no_such", (string?)b3!["errors"]!["param"]![0]);

        var (s4, b4, _) = await PostAsync("/rulesets/settlement-services/evaluate", """{"settlement_id": """);
        Assert.Equal(HttpStatusCode.BadRequest, s4);
        Assert.Contains("invalid JSON", (string?)b4!["errors"]!["body"]![0]);

        var (s5, b5, _) = await PostAsync("/rulesets/settlement-services/evaluate", "[1, 2]");
        Assert.Equal(HttpStatusCode.BadRequest, s5);
        Assert.Contains("JSON object", (string?)b5!["errors"]!["body"]![0]);
    }

    [Fact]
    public async Task UnknownRuleSetOrVersion_Gets404()
    {
        var (s1, b1, _) = await PostAsync("/rulesets/no-such-rules/evaluate", "{}");
        Assert.Equal(HttpStatusCode.NotFound, s1);
        Assert.Contains("no-such-rules", (string?)b1!["detail"]);
        var (s2, _, _) = await PostAsync("/rulesets/settlement-services/evaluate?version=0.0-none", "{}");
        Assert.Equal(HttpStatusCode.NotFound, s2);
    }

    [Fact]
    public async Task RuleSets_ListsEveryRuleSetOfTheRulesFolder()
    {
        var address = await _host.AddressAsync();
        var body = JsonNode.Parse(await _http.GetStringAsync(new Uri(address, "/rulesets")))!;
        var served = body["ruleSets"]!.AsArray().Select(r => $"{r!["id"]} {r["version"]}").Order(StringComparer.Ordinal).ToArray();
        using var catalog = new ScoringCatalog(new ScoringOptions().AddRuleSetsFromDirectory(RepoPaths.RulesDir));
        var expected = catalog.RuleSets.Select(r => $"{r.RuleSet.Id} {r.RuleSet.Version}").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, served);
        Assert.Equal(6, served.Length);
    }
}

public class SampleHostStartupTests
{
    [Fact]
    public async Task InvalidRuleFiles_StopTheHost_ListingEveryDiagnostic()
    {
        using var dir = new RuleDir();
        dir.Write("bad.yaml", "id: bad\nname: b\nversion: \"1\"\nsubject: { key: id, fields: { id: string } }\nvalues: { v: nope + 1 }\noutcomes: [v]\n");
        dir.Write("worse.yaml", "id: worse\nname: w\nversion: \"1\"\nsubject: { key: id, fields: { id: string } }\nvalues: { v: id * }\noutcomes: [v]\n");
        using var host = SampleHost.Start($"--Scoring:RulesPath={dir.Path}", "--Scoring:ReloadOnChange=false");
        Assert.Equal(1, await host.ExitCodeAsync());
        Assert.Contains(dir["bad.yaml"] + "(5,14): error SCR0201: unknown name 'nope'", host.Output);
        Assert.Contains(dir["worse.yaml"] + "(5,", host.Output);
        Assert.DoesNotContain("Now listening on", host.Output);
    }

    [Fact]
    public async Task MissingRulesPath_StopsTheHost_NamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "scoring-no-rules-" + Guid.NewGuid().ToString("N"));
        using var host = SampleHost.Start($"--Scoring:RulesPath={missing}");
        Assert.Equal(1, await host.ExitCodeAsync());
        Assert.Contains($"rule path '{missing}' does not exist", host.Output);
    }
}
