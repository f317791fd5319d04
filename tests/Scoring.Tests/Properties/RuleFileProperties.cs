using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scoring.Rules;
using Scoring.Tests.Support;

namespace Scoring.Tests.Properties;

public class TenStarProperties
{
    private static readonly Lazy<ScoringRun> Run = new(() =>
    {
        var file = RuleFileLoader.Load(RepoPaths.Rule("ten-star-cadre-monthly.yaml"));
        Assert.True(file.Succeeded, string.Join("\n", file.Diagnostics));
        return CompiledRuleSet.Compile(file.RuleSet!).CreateRun(new RunOptions { AsOf = new DateOnly(2024, 1, 1) }).GetValueOrThrow();
    });

    private static string Describe(Evaluation e) =>
        $"{e.Key}: " + (e.Error is { } err ? $"{err.Code} {err.Message}" : string.Join(", ", e.Outcomes.Select(o => $"{o.Key}={o.Value}")));

    private static decimal Stars(Dictionary<string, object?> record)
    {
        var e = Run.Value.Evaluate(record);
        Assert.True(e.Succeeded, e.Error?.ToString());
        return e["stars"].AsNumber;
    }

    [Property(MaxTest = 40)]
    public Property Evaluate_ParallelForOverRandomRecords_EqualsSequentialLoop()
    {
        var gen = from count in Gen.Choose(20, 300)
                  from records in Gen.ListOf(RecordGen.TenStarMaybeInvalid, count)
                  select records.ToArray();
        return Prop.ForAll(gen.ToArbitrary(), records =>
        {
            var run = Run.Value;
            var sequential = new string[records.Length];
            for (int i = 0; i < records.Length; i++) sequential[i] = Describe(run.Evaluate(records[i]));
            var parallel = new string[records.Length];
            var outcomes = new Evaluation[records.Length];
            Parallel.For(0, records.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                outcomes[i] = run.Evaluate(records[i]);
                parallel[i] = Describe(outcomes[i]);
            });
            Assert.Equal(sequential, parallel);
            for (int i = 0; i < records.Length; i++)
                Assert.Equal(run.Evaluate(records[i]).Outcomes, outcomes[i].Outcomes);
        });
    }

    [Property(MaxTest = 300)]
    public Property Stars_RaisingSkillsTestScore_NeverLowersStars()
    {
        var gen = from r in RecordGen.TenStar
                  from up in Gen.Choose(0, 100)
                  select (r, up);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (r, up) = t;
            var before = Stars(r);
            var raised = new Dictionary<string, object?>(r) { ["skills_test_score"] = Math.Min(100, (int)r["skills_test_score"]! + up) };
            Assert.True(Stars(raised) >= before);
        });
    }

    [Property(MaxTest = 300)]
    public Property Stars_RaisingSatisfactionScore_NeverLowersStars()
    {
        var gen = from r in RecordGen.TenStar
                  from up in Gen.Choose(0, 10_000)
                  select (r, up / 100m);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (r, up) = t;
            var before = Stars(r);
            var raised = new Dictionary<string, object?>(r) { ["satisfaction_score"] = Math.Min(100m, (decimal)r["satisfaction_score"]! + up) };
            Assert.True(Stars(raised) >= before);
        });
    }

    [Property(MaxTest = 300)]
    public Property Stars_AreAlwaysBetweenZeroAndTen_AndCountTheMetStars()
    {
        string[] stars = { "on_post", "competence", "effectiveness", "visits", "income", "satisfaction", "policy", "employment", "records", "integrity" };
        return Prop.ForAll(RecordGen.TenStar.ToArbitrary(), r =>
        {
            var e = Run.Value.Evaluate(r);
            Assert.True(e.Succeeded, e.Error?.ToString());
            var total = e["stars"].AsNumber;
            Assert.InRange(total, 0m, 10m);
            Assert.Equal(stars.Count(s => e[s].AsBoolean), (int)total);
        });
    }
}

public class SettlementProperties
{
    private static readonly Lazy<ScoringRun> Run = new(() =>
    {
        var file = RuleFileLoader.Load(RepoPaths.Rule("settlement-services.yaml"));
        Assert.True(file.Succeeded, string.Join("\n", file.Diagnostics));
        return CompiledRuleSet.Compile(file.RuleSet!).CreateRun(new RunOptions { AsOf = new DateOnly(2024, 6, 1) }).GetValueOrThrow();
    });

    [Property(MaxTest = 500)]
    public Property Shortfall_IsNeverNegative_AndZeroExactlyWhenGardenOk()
    {
        return Prop.ForAll(RecordGen.Settlement.ToArbitrary(), r =>
        {
            var e = Run.Value.Evaluate(r);
            Assert.True(e.Succeeded, e.Error?.ToString());
            var shortfall = e["garden_shortfall_m2"].AsNumber;
            var ok = e["garden_ok"].AsBoolean;
            Assert.True(shortfall >= 0m, $"negative shortfall {shortfall}");
            Assert.Equal(ok, shortfall == 0m);
            var required = 20m * (int)r["households"]!;
            Assert.Equal(Math.Max(0m, required - (decimal)r["garden_area_m2"]!), shortfall);
        });
    }
}
