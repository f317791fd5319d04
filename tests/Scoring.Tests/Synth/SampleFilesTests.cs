using Scoring.Synth;
using Scoring.Tests.Support;

namespace Scoring.Tests.Synth;

/// <summary>
/// The committed samples (samples/*.csv|*.jsonl) are the generator's <c>--sample</c> output, byte for byte; and its
/// port of CPython's random draws as CPython 3.11 does (the values below were printed by CPython).
/// </summary>
public class SampleFilesTests
{
    private static readonly string[] CommittedFiles =
    {
        "settlements.csv", "cadre-months.csv", "cadre-months.jsonl", "cadre-years.jsonl", "party-members.jsonl", "households.jsonl",
        "aid-households.jsonl",
    };

    public static TheoryData<string> Files => new(CommittedFiles);

    private static byte[] Sample(string file)
    {
        using var ms = new MemoryStream();
        Schemes.Get(Path.GetFileNameWithoutExtension(file)).WriteSample(ms, file.EndsWith(".csv", StringComparison.Ordinal));
        return ms.ToArray();
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Committed_sample_is_the_generators_output(string file)
    {
        var committed = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", file));
        var generated = Sample(file);
        int at = committed.AsSpan().CommonPrefixLength(generated);
        Assert.True(at == committed.Length && at == generated.Length,
            $"samples/{file} differs from `--scheme {Path.GetFileNameWithoutExtension(file)} --sample` at byte {at} (line {committed.AsSpan(0, Math.Min(at, committed.Length)).Count((byte)'\n') + 1}); " +
            "regenerate it (samples/README.md) only for a deliberate change of the sample");
    }

    [Fact]
    public void Every_scheme_has_a_committed_sample()
    {
        Assert.Equal(Schemes.All.Select(s => s.Name).Order(), CommittedFiles.Select(Path.GetFileNameWithoutExtension).Distinct().Order());
    }

    [Fact]
    public void Sample_command_writes_the_committed_file_and_refuses_a_size_or_seed()
    {
        var dir = Directory.CreateTempSubdirectory("synth-");
        try
        {
            var path = Path.Combine(dir.FullName, "households.jsonl");
            var stderr = new StringWriter();
            Assert.Equal(0, SynthCommand.Run(new[] { "--scheme", "households", "--sample", "--out", path }, new StringWriter(), stderr));
            Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "households.jsonl")), File.ReadAllBytes(path));
            foreach (var extra in new[] { new[] { "--n", "10" }, new[] { "--seed", "2" } })
            {
                stderr = new StringWriter();
                Assert.Equal(2, SynthCommand.Run(new[] { "--scheme", "households", "--sample", "--out", path }.Concat(extra).ToArray(), new StringWriter(), stderr));
                Assert.Contains("--sample", stderr.ToString());
            }
            Assert.Equal(2, SynthCommand.Run(new[] { "--scheme", "households", "--sample", "--out", Path.Combine(dir.FullName, "h.csv") }, new StringWriter(), new StringWriter()));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Python_random_draws_as_CPython()
    {
        var r = new PythonRandom(20240101);
        Assert.Equal(0.20227294010591934, r.Random());
        Assert.Equal(0.9729243174108594, r.Random());
        Assert.Equal(new[] { 6, 9, 8, 9, 4, 9, 2, 3, 0, 5 }, Enumerable.Range(0, 10).Select(_ => r.Int(0, 9)).ToArray());
        Assert.Equal(new[] { -2, 2, 3, 4, -1 }, Enumerable.Range(0, 5).Select(_ => r.Int(-6, 4)).ToArray());
        var x = Enumerable.Range(0, 10).ToList();
        r.Shuffle(x);
        Assert.Equal(new[] { 7, 4, 1, 3, 6, 0, 5, 2, 9, 8 }, x);
        Assert.Equal(new[] { 45, 72, 23, 13 }, r.Sample(Enumerable.Range(0, 96).ToList(), 4));     // Python's set method
        Assert.Equal(new[] { 14, 21, 19, 48, 28, 39, 22, 78, 42, 82, 1, 83, 46, 20, 33, 62, 53, 41, 4, 40 },
            r.Sample(Enumerable.Range(0, 84).ToList(), 20));                                          // its pool method
        Assert.Equal(0.3428942721172735, r.Triangular(0.1, 1.0, 0.65));
        Assert.Equal(new[] { 4, 4, 4, 2, 0, 0, 0, 3, 0, 0 }, Enumerable.Range(0, 10).Select(_ => r.ChoiceIndex([55, 12, 13, 10, 10])).ToArray());
        Assert.Equal('f', r.Choice("abcdefg".ToCharArray()));
    }
}
