// A consumer of the packed Scoring.Core, Scoring.Rules and Scoring.Hosting packages: loads the
// repository's rules/ through the plain API and through dependency injection, scores records with
// known outcomes and exits non-zero on the first disagreement. Run by eng/consumer-test.sh.
//
//   dotnet run -- <rules directory> <samples directory>
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Scoring;
using Scoring.Hosting;
using Scoring.Rules;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Consumer <rules directory> <samples directory>");
    return 2;
}
string rulesDir = args[0], samplesDir = args[1];
int failures = 0;

void Check(string what, string? actual, string expected)
{
    if (actual == expected) return;
    failures++;
    Console.Error.WriteLine($"consumer: {what}: expected '{expected}', got '{actual}'");
}

// Which assemblies are in use (the informational version carries the commit they were built from).
foreach (var a in new[] { typeof(CompiledRuleSet).Assembly, typeof(RuleFileLoader).Assembly, typeof(ScoringCatalog).Assembly })
    Console.WriteLine($"consumer: using {a.GetName().Name} {a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion}");
// The layering: only Scoring.Hosting is built against Microsoft.Extensions.
foreach (var a in new[] { typeof(CompiledRuleSet).Assembly, typeof(RuleFileLoader).Assembly })
{
    var extensions = a.GetReferencedAssemblies().Where(n => n.Name!.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)).Select(n => n.Name).ToList();
    if (extensions.Count > 0) { failures++; Console.Error.WriteLine($"consumer: {a.GetName().Name} references {string.Join(", ", extensions)}"); }
}
Check("assembly of AddScoring", typeof(ScoringServiceCollectionExtensions).Assembly.GetName().Name, "Scoring.Hosting");

// 1. The plain Core/Rules API: load, compile, run the rule files' own test cases.
var ruleFiles = RuleFileLoader.FindRuleFiles(new[] { rulesDir });
Check("rule files found", ruleFiles.Count.ToString(), "6");
int testsRun = 0;
foreach (var path in ruleFiles)
{
    var file = RuleFileLoader.Load(path);
    if (!file.Succeeded)
    {
        failures++;
        foreach (var d in file.Diagnostics) Console.Error.WriteLine($"consumer: {d}");
        continue;
    }
    var compiled = CompiledRuleSet.Compile(file.RuleSet!);
    foreach (var t in TestRunner.Run(file, compiled))
    {
        testsRun++;
        if (t.Passed) continue;
        failures++;
        Console.Error.WriteLine($"consumer: test failed in {Path.GetFileName(t.File)}: {string.Join("; ", t.Failures)}");
    }
}
// every rule file's test cases, as `scoring test rules/` counts them
Check("rule test cases run", testsRun.ToString(), Environment.GetEnvironmentVariable("SCORING_EXPECTED_TESTS") ?? testsRun.ToString());
if (testsRun == 0) { failures++; Console.Error.WriteLine("consumer: no rule test case ran"); }

// 2. Score the first rows of samples/settlements.csv with the plain API (text fields by name).
var settlementsFile = RuleFileLoader.Load(Path.Combine(rulesDir, "settlement-services.yaml"));
var settlements = CompiledRuleSet.Compile(settlementsFile.RuleSet!);
var run = settlements.CreateRun(new RunOptions()).GetValueOrThrow();

var expected = new Dictionary<string, string[]>
{
    // id: party_organisation, service_centre, five_connections_required, garden_ok, garden_shortfall_m2
    ["S-001"] = new[] { "独立党支部", "一站式服务中心", "true", "false", "5760" },
    ["S-002"] = new[] { "独立党支部", "服务管理中心", "true", "true", "0" },
    ["S-003"] = new[] { "联合党支部", "服务管理中心", "true", "true", "0" },
};
string[] outcomeNames = { "party_organisation", "service_centre", "five_connections_required", "garden_ok", "garden_shortfall_m2" };

var lines = File.ReadLines(Path.Combine(samplesDir, "settlements.csv")).Take(1 + expected.Count).ToArray();
var header = lines[0].Split(',');
for (int i = 1; i < lines.Length; i++)
{
    var cells = lines[i].Split(',');
    var row = header.Zip(cells).ToDictionary(p => p.First, p => p.Second);
    var result = run.Evaluate(settlements.Reader.Read(name => row.GetValueOrDefault(name), recordNumber: i));
    var id = row["settlement_id"];
    if (!result.Succeeded) { failures++; Console.Error.WriteLine($"consumer: {id} rejected: {result.Error}"); continue; }
    if (!expected.TryGetValue(id, out var want)) { failures++; Console.Error.WriteLine($"consumer: unexpected record {id}"); continue; }
    for (int k = 0; k < outcomeNames.Length; k++)
        Check($"{id} {outcomeNames[k]} (plain API)", result[outcomeNames[k]].ToString(), want[k]);
}
Check("sample records scored", (lines.Length - 1).ToString(), expected.Count.ToString());

// 3. The same rules through dependency injection, with a record built in code.
var services = new ServiceCollection();
services.AddScoring(o => o.AddRuleSetsFromDirectory(rulesDir));
using (var provider = services.BuildServiceProvider())
{
    var catalog = provider.GetRequiredService<IScoringCatalog>();
    Check("rule sets in the catalog",
        string.Join(",", catalog.RuleSets.Select(r => r.RuleSet.Id).Order(StringComparer.Ordinal)),
        "aid-eligibility,civilized-household,party-member-points,settlement-services,ten-star-cadre-monthly,ten-star-cadre-year");

    var viaDi = catalog.Get("settlement-services").CreateRun(new RunOptions()).GetValueOrThrow();
    var record = new Dictionary<string, object?>
    {
        ["settlement_id"] = "S-001", ["name"] = "幸福社区移民新区", ["county"] = "大宁县",
        ["residents"] = 4689, ["households"] = 1538, ["full_party_members"] = 35, ["garden_area_m2"] = 25000m,
    };
    var r = viaDi.Evaluate(record, explain: true);
    if (!r.Succeeded) { failures++; Console.Error.WriteLine($"consumer: S-001 rejected through DI: {r.Error}"); }
    for (int k = 0; k < outcomeNames.Length; k++)
        Check($"S-001 {outcomeNames[k]} (DI)", r[outcomeNames[k]].ToString(), expected["S-001"][k]);
    var explanation = ExplanationFormatter.Format(r, catalog.Get("settlement-services"));
    if (!explanation.Contains("独立党支部", StringComparison.Ordinal))
    {
        failures++;
        Console.Error.WriteLine("consumer: the explanation of S-001 does not name 独立党支部:\n" + explanation);
    }

    // The engine service evaluates against the same catalog.
    var engine = provider.GetRequiredService<IScoringEngine>();
    var viaEngine = engine.Evaluate("settlement-services", record, new ScoringRequest { Explain = true });
    Check("S-001 status (engine)", viaEngine.Status.ToString(), "Scored");
    if (viaEngine.Evaluation is { } ev)
        for (int k = 0; k < outcomeNames.Length; k++)
            Check($"S-001 {outcomeNames[k]} (engine)", ev[outcomeNames[k]].ToString(), expected["S-001"][k]);
    Check("unknown rule set (engine)", engine.Evaluate("no-such-rules", record).Status.ToString(), "UnknownRuleSet");

    // A record with a missing field is rejected with an error naming it, never scored as zero.
    record.Remove("residents");
    var missing = viaDi.Evaluate(record);
    Check("record without residents succeeded", missing.Succeeded.ToString(), "False");
    if (missing.Error is { } e && !e.Message.Contains("residents", StringComparison.Ordinal))
    {
        failures++;
        Console.Error.WriteLine($"consumer: the error does not name the missing field: {e.Message}");
    }
}

// 4. Invalid rule files fail startup with every problem listed.
var bad = Path.Combine(Path.GetTempPath(), "scoring-consumer-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(bad);
try
{
    File.WriteAllText(Path.Combine(bad, "broken.yaml"), "id: broken\nversion: \"1\"\ninput:\n  fields:\n    x: nonsense-type\n");
    var badServices = new ServiceCollection().AddScoring(o => o.AddRuleSetsFromDirectory(bad));
    using var badProvider = badServices.BuildServiceProvider();
    try
    {
        badProvider.GetRequiredService<IScoringCatalog>();
        failures++;
        Console.Error.WriteLine("consumer: an invalid rule file did not fail startup");
    }
    catch (ScoringConfigurationException ex)
    {
        if (ex.Diagnostics.Count == 0 || !ex.Diagnostics[0].ToString().Contains("broken.yaml", StringComparison.Ordinal))
        {
            failures++;
            Console.Error.WriteLine($"consumer: the configuration error does not point at broken.yaml: {ex.Message}");
        }
    }
}
finally
{
    Directory.Delete(bad, recursive: true);
}

Console.WriteLine(failures == 0
    ? $"consumer: OK ({ruleFiles.Count} rule files, {testsRun} rule test cases, {expected.Count} sample records, DI catalog and engine)"
    : $"consumer: {failures} check(s) failed");
return failures == 0 ? 0 : 1;
