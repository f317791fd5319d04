using Scoring.Cli.Io;

namespace Scoring.Tests.Cli;

/// <summary>The input and output formats are found by extension in one registry each; messages list what the registry holds.</summary>
public sealed class FormatRegistryTests
{
    [Theory]
    [InlineData("a.csv", ".csv")]
    [InlineData("A.CSV", ".csv")]
    [InlineData("a.jsonl", ".jsonl")]
    [InlineData("a.ndjson", ".jsonl")]
    [InlineData("a.json", ".jsonl")]
    public void EachExtension_HasOneInputAndOneOutputFormat(string location, string hint)
    {
        Assert.Equal(hint, Assert.Single(InputFormats.All, f => f.Accepts(location)).LocationHint);
        Assert.Equal(hint, Assert.Single(OutputFormats.All, f => f.Accepts(location)).LocationHint);
    }

    [Theory]
    [InlineData("a.txt")]
    [InlineData("a.csv.bak")]
    [InlineData("csv")]
    public void AnUnknownExtension_HasNoFormat(string location)
    {
        Assert.Null(InputFormats.For(location));
        Assert.Null(OutputFormats.For(location));
    }

    [Fact]
    public void EveryFormat_AcceptsTheLocationItsHintNames()
    {
        foreach (var f in InputFormats.All) Assert.True(f.Accepts("x" + f.LocationHint), f.LocationHint);
        foreach (var f in OutputFormats.All) Assert.True(f.Accepts("x" + f.LocationHint), f.LocationHint);
        Assert.True(OutputFormats.Standard.CarriesExplanations, "stdout output carries --explain");
    }

    [Fact]
    public void FormatLists_ReadAsInTheMessages()
    {
        Assert.Equal(".csv", FormatNames.Join(new[] { ".csv" }));
        Assert.Equal(".csv or .jsonl", FormatNames.Join(new[] { ".csv", ".jsonl" }));
        Assert.Equal(".csv, .jsonl or .xlsx", FormatNames.Join(new[] { ".csv", ".jsonl", ".xlsx" }));
    }
}
