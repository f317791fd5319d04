using System.Text.Json;

namespace Scoring.Tests.Cli;

/// <summary><c>scoring run</c> with child collections and an eligibility programme: nested in JSON Lines, flattened in CSV.</summary>
public sealed class RunObjectOutcomesTests
{
    private static CliResult RunEligibility(TempDir t, params string[] more)
    {
        t.CopyData("eligibility.yaml");
        t.CopyData("eligibility-input.jsonl");
        return t.Run(new[] { "run", "--rules", "eligibility.yaml", "--input", "eligibility-input.jsonl" }.Concat(more).ToArray());
    }

    [Fact]
    public void Run_EligibilityOutcome_IsAnObjectInJsonl()
    {
        using var t = new TempDir();
        var r = RunEligibility(t, "--out", "out.jsonl").ShouldExit(3).ShouldNotCrash();
        Assert.Contains("read 7, scored 6, rejected 1", r.StderrLines);
        var res = TestFiles.ParseJsonLines(t.Read("out.jsonl"));
        Assert.Equal(new[] { "H-1", "H-2", "H-3", "H-5", "H-6", "H-7" }, res.Select(x => x.Id()));

        var h1 = res[0].Outcome("dibao");
        Assert.Equal(new[] { "status", "amount", "missing_documents", "reasons" }, h1.EnumerateObject().Select(p => p.Name));
        Assert.Equal("eligible", h1.GetProperty("status").GetString());
        Assert.Equal(700m, h1.GetProperty("amount").GetDecimal()); // ceil((500 − 150) × 2)
        Assert.Equal(0, h1.GetProperty("missing_documents").GetArrayLength());

        var h6 = res[4].Outcome("dibao");
        Assert.Equal("eligible_missing_documents", h6.GetProperty("status").GetString());
        Assert.Equal(new[] { "id_card_copy", "hukou_copy" }, h6.GetProperty("missing_documents").EnumerateArray().Select(e => e.GetString()));

        var h2 = res[1].Outcome("dibao");
        Assert.Equal("not_eligible", h2.GetProperty("status").GetString());
        Assert.Equal(0m, h2.GetProperty("amount").GetDecimal());
        // reasons are the keys of the failed conditions (not their labels)
        Assert.Equal(new[] { "income_below" }, h2.GetProperty("reasons").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { "has_members" }, res[2].Outcome("dibao").GetProperty("reasons").EnumerateArray().Select(e => e.GetString()));
        // no reasons when eligible, even with documents missing
        Assert.Equal(0, h1.GetProperty("reasons").GetArrayLength());
        Assert.Equal(0, h6.GetProperty("reasons").GetArrayLength());

        // the bad child record is named by its path
        var reject = TestFiles.ParseJsonLines(t.Read("out.jsonl.rejects.jsonl")).Single();
        Assert.Equal("H-4", reject.GetProperty("id").GetString());
        Assert.Equal(4, reject.GetProperty("line").GetInt32());
        Assert.StartsWith("members[0].age: ", reject.GetProperty("reason").GetString());
    }

    [Fact]
    public void Run_EligibilityOutcome_IsFlattenedInCsv_ListsJoinedWithSemicolons()
    {
        using var t = new TempDir();
        RunEligibility(t, "--out", "out.csv").ShouldExit(3).ShouldNotCrash();
        Assert.Equal(new[]
        {
            "household_id,n,per_capita,dibao.status,dibao.amount,dibao.missing_documents,dibao.reasons",
            "H-1,2,150,eligible,700,,",
            "H-2,1,900,not_eligible,0,,income_below",
            "H-3,0,0,not_eligible,0,,has_members",
            "H-5,1,300,eligible_missing_documents,200,hukou_copy,",
            "H-6,1,300,eligible_missing_documents,200,id_card_copy;hukou_copy,",
            "H-7,1,900,not_eligible,0,,income_below",
        }, t.ReadLines("out.csv"));
    }

    [Fact]
    public void Run_RuleSetWithACollection_CsvInput_FailsOnceAtFileLevel_SayingToUseJsonLines()
    {
        // CSV cannot carry child records: one error for the file (exit 1, before any output), not a reject per row
        using var t = new TempDir();
        t.CopyData("eligibility.yaml");
        t.Write("in.csv", "household_id,income\nH-9,1\nH-10,2\n");
        const string message = "scoring: in.csv: this rule set reads child records (members), which a flat CSV file cannot carry; use JSON Lines input, or join them from CSV files with --children members=FILE.csv:KEY_COLUMN";
        foreach (var output in new[] { "out.jsonl", "out.csv" })
        {
            var r = t.Run("run", "--rules", "eligibility.yaml", "--input", "in.csv", "--out", output).ShouldExit(1).ShouldNotCrash();
            Assert.Equal(message, Assert.Single(r.StderrLines));
            Assert.Equal(new[] { "eligibility.yaml", "in.csv" }, t.Files());
        }
        var s = t.Run("run", "--rules", "eligibility.yaml", "--input", "in.csv").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(message, Assert.Single(s.StderrLines));
        Assert.Empty(s.Stdout);

        var e = t.Run("explain", "--rules", "eligibility.yaml", "--input", "in.csv", "--id", "H-9").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(message, Assert.Single(e.StderrLines));
        Assert.Empty(e.Stdout);

        // the same even when the CSV has a column named like the collection
        t.Write("in2.csv", "household_id,income,members\nH-9,1,[]\n");
        var m = t.Run("run", "--rules", "eligibility.yaml", "--input", "in2.csv", "--out", "out.jsonl").ShouldExit(1).ShouldNotCrash();
        Assert.Equal(message.Replace("in.csv", "in2.csv", StringComparison.Ordinal), Assert.Single(m.StderrLines));
    }

    [Fact]
    public void Run_EligibilityInAnyMode_ReasonsAreTheKeysOfTheConditionsThatHeld()
    {
        using var t = new TempDir();
        t.Write("any.yaml", """
            id: any-demo
            name: any
            version: "1"
            subject:
              key: id
              fields:
                id: string
                income: decimal
                expense: decimal
            criteria:
              low_income: { label: 收入低, when: income < 100 }
              major_expense: { label: 大额支出, when: expense > 1000 }
            eligibility:
              monitoring:
                label: 监测
                mode: any
                statuses: { eligible: included, not_eligible: not_included }
                conditions: [low_income, major_expense]
            outcomes: [monitoring]
            """);
        t.Write("in.csv", "id,income,expense\nA,50,2000\nB,50,0\nC,500,0\n");
        var r = t.Run("run", "--rules", "any.yaml", "--input", "in.csv", "--out", "out.csv").ShouldExit(0).ShouldNotCrash();
        Assert.Equal(new[]
        {
            "id,monitoring.status,monitoring.missing_documents,monitoring.reasons",
            "A,included,,low_income;major_expense",
            "B,included,,low_income",
            "C,not_included,,",
        }, t.ReadLines("out.csv"));
    }
}
