// Sample host: the rule sets of ../../rules behind a small HTTP API, on 127.0.0.1 only.
//
//   GET  /rulesets                                   the rule sets served: id, version, name, outcomes
//   POST /rulesets/{id}/evaluate[?asOf=YYYY-MM-DD][&version=V][&param=name=value…][&explain=false]
//        body: one record as a JSON object (a line of samples/aid-households.jsonl, say)
//        200: {"ruleSet": {…}, "id": …, "outcomes": {…}, "explanation": […], "explanationText": "…"}
//        400: problem details naming each bad field or query parameter; 404: unknown rule set;
//        422: a valid record whose evaluation failed (a division by zero, a failed check…)
//
// Configuration (appsettings.json, environment SCORING__…, or --Scoring:Key=value):
//   Scoring:Port (default 5088), Scoring:RulesPath (default ../../rules, relative to the content root),
//   Scoring:ReloadOnChange (default true). --urls http://127.0.0.1:PORT overrides the port (0 picks a free one).
using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Scoring;
using Scoring.Diagnostics;
using Scoring.Hosting;
using Scoring.Runtime;

var builder = WebApplication.CreateBuilder(args);

var urls = builder.Configuration["urls"];
if (string.IsNullOrWhiteSpace(urls))
{
    var port = builder.Configuration.GetValue("Scoring:Port", 5088);
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
}
else
{
    var exposed = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(u => !IsLoopback(u)).ToList();
    if (exposed.Count > 0)
    {
        Console.Error.WriteLine($"scoring sample: this sample listens on 127.0.0.1 only; not on {string.Join(", ", exposed)}");
        return 2;
    }
}

var rulesPath = Path.GetFullPath(builder.Configuration["Scoring:RulesPath"] ?? "../../rules", builder.Environment.ContentRootPath);
builder.Services.AddScoring(o =>
{
    o.AddRuleSetsFromDirectory(rulesPath);
    o.ReloadOnChange = builder.Configuration.GetValue("Scoring:ReloadOnChange", true);
});

var app = builder.Build();

app.MapGet("/rulesets", (IScoringCatalog catalog) =>
{
    var list = catalog.RuleSets
        .OrderBy(r => r.RuleSet.Id, StringComparer.Ordinal).ThenBy(r => r.RuleSet.Version, StringComparer.Ordinal)
        .Select(r => new RuleSetInfo(r.RuleSet.Id, r.RuleSet.Version, r.RuleSet.Name, r.RuleSet.EffectiveFrom, r.RuleSet.EffectiveTo,
            r.Outcomes.Select(o => o.Key).ToArray()));
    return Results.Ok(new RuleSetList(catalog.Generation, list.ToArray()));
});

app.MapPost("/rulesets/{id}/evaluate", async (string id, HttpRequest http, IScoringEngine engine) =>
{
    var query = http.Query;
    string? version = query["version"];
    if (!engine.Catalog.TryGet(id, out var _, version))
        return UnknownRuleSet(engine.Catalog, id, version);

    var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
    DateOnly? asOf = null;
    if (query["asOf"] is { Count: > 0 } asOfText)
    {
        if (DateOnly.TryParseExact(asOfText.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) asOf = d;
        else errors["asOf"] = [$"'{asOfText}' is not a date; use YYYY-MM-DD"];
    }
    var parameters = new Dictionary<string, decimal>(StringComparer.Ordinal);
    var paramErrors = new List<string>();
    foreach (var p in query["param"])
    {
        var eq = p?.IndexOf('=') ?? -1;
        if (eq <= 0) { paramErrors.Add($"'{p}' is not name=value"); continue; }
        if (decimal.TryParse(p![(eq + 1)..], NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) parameters[p[..eq]] = value;
        else paramErrors.Add($"parameter '{p[..eq]}': '{p[(eq + 1)..]}' is not a number");
    }
    if (paramErrors.Count > 0) errors["param"] = paramErrors.ToArray();
    bool explain = true;
    if (query["explain"] is { Count: > 0 } explainText && !bool.TryParse(explainText.ToString(), out explain))
        errors["explain"] = [$"'{explainText}' is not true or false"];

    JsonDocument? doc = null;
    try
    {
        doc = await JsonDocument.ParseAsync(http.Body, new JsonDocumentOptions { MaxDepth = 64 }, http.HttpContext.RequestAborted);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            errors["body"] = [$"the body must be one record as a JSON object, not {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}"];
    }
    catch (JsonException ex)
    {
        errors["body"] = [$"the body must be one record as a JSON object: invalid JSON: {ex.Message}"];
    }
    using var disposeDoc = doc;
    if (errors.Count > 0 || doc is null)
        return Results.ValidationProblem(errors, title: "invalid request");

    var result = engine.Evaluate(id, doc.RootElement, new ScoringRequest { Version = version, AsOf = asOf, Parameters = parameters, Explain = explain });
    switch (result.Status)
    {
        case ScoringStatus.UnknownRuleSet: // withdrawn by a reload since the check above
            return UnknownRuleSet(engine.Catalog, id, version);
        case ScoringStatus.InvalidRequest:
            return Results.ValidationProblem(
                result.RequestErrors.GroupBy(d => QueryNameOf(d.Code)).ToDictionary(g => g.Key, g => g.Select(d => d.Message).ToArray()),
                title: "the rule set cannot run with this request");
        case ScoringStatus.Rejected when result.FieldErrors.Count > 0:
            return Results.ValidationProblem(
                result.FieldErrors.GroupBy(f => f.Field == FieldError.RecordLevel ? "body" : f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()),
                title: $"invalid record for rule set '{id}'");
        case ScoringStatus.Rejected:
            var error = result.Evaluation!.Error!;
            return Results.Problem(error.ToString(), statusCode: StatusCodes.Status422UnprocessableEntity, title: "the record could not be scored",
                extensions: new Dictionary<string, object?> { ["code"] = error.Code });
        default:
            return Results.Bytes(ResultBody(result), "application/json; charset=utf-8");
    }
});

try
{
    app.Run();
    return 0;
}
catch (Exception ex) when (ex is Microsoft.Extensions.Options.OptionsValidationException or ScoringConfigurationException)
{
    // every problem at once: each invalid option, or each diagnostic of each invalid rule file as file(line,col)
    Console.Error.WriteLine($"scoring sample: cannot start: {ex.Message}");
    return 1;
}

static IResult UnknownRuleSet(IScoringCatalog catalog, string id, string? version) =>
    Results.Problem(
        $"no rule set '{id}'{(version is null ? "" : " version " + version)}; known: {string.Join(", ", catalog.RuleSets.Select(r => r.RuleSet.Id).Distinct().Order(StringComparer.Ordinal))}",
        statusCode: StatusCodes.Status404NotFound, title: "unknown rule set");

static string QueryNameOf(string code) => code switch
{
    DiagnosticCodes.AsOfRequired or DiagnosticCodes.NotInEffect or DiagnosticCodes.ParameterNotInForce => "asOf",
    _ => "param",
};

static byte[] ResultBody(ScoringResult result)
{
    var buffer = new ArrayBufferWriter<byte>(4096);
    using (var w = new Utf8JsonWriter(buffer, ResultJson.WriterOptions))
    {
        var rs = result.RuleSet!.RuleSet;
        var e = result.Evaluation!;
        w.WriteStartObject();
        w.WriteStartObject("ruleSet");
        w.WriteString("id", rs.Id);
        w.WriteString("version", rs.Version);
        w.WriteEndObject();
        w.WriteString("id", e.Key);
        w.WritePropertyName("outcomes");
        ResultJson.WriteOutcomes(w, e.Outcomes);
        if (e.Explanation is { } explanation)
        {
            w.WritePropertyName("explanation");
            ResultJson.WriteExplanation(w, explanation);
            w.WriteString("explanationText", result.FormatExplanation());
        }
        w.WriteEndObject();
    }
    return buffer.WrittenSpan.ToArray();
}

static bool IsLoopback(string url)
{
    if (!Uri.TryCreate(url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal), UriKind.Absolute, out var uri)) return false;
    return uri.Host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}

/// <summary>One entry of <c>GET /rulesets</c>.</summary>
internal sealed record RuleSetInfo(string Id, string Version, string Name, DateOnly? EffectiveFrom, DateOnly? EffectiveTo, string[] Outcomes);

/// <summary>The answer of <c>GET /rulesets</c>: the catalog generation and its rule sets.</summary>
internal sealed record RuleSetList(long Generation, RuleSetInfo[] RuleSets);
