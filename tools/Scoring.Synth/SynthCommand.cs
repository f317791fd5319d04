using System.Globalization;

namespace Scoring.Synth;

/// <summary>
/// <c>--scheme NAME --n COUNT [--seed S] --out FILE.csv|FILE.jsonl</c>: writes a synthetic population of one reference
/// scheme, for benchmarks and demos; the same scheme, count and seed give the same bytes on any machine.
/// <c>--scheme NAME --sample --out FILE</c>: writes the scheme's committed sample (<c>samples/</c>) byte for byte.
/// The file is written under a temporary name and renamed when complete.
/// </summary>
internal static class SynthCommand
{
    public const int Ok = 0, Failed = 1, Usage = 2, Interrupted = 130;
    public const long MaxCount = 1_000_000_000;
    public const ulong DefaultSeed = 1;

    public static string Help => $"""
        Scoring.Synth — synthetic records of the reference schemes, for samples, demos and benchmarks

        usage:
          dotnet run --project tools/Scoring.Synth -- --scheme <name> --n <count> [--seed <s>] --out <file.csv|file.jsonl>
              write a synthetic population: valid records spread across every threshold of the policy; the
              same scheme, count and seed give the same bytes on any machine (seed {DefaultSeed} by default)
          dotnet run --project tools/Scoring.Synth -- --scheme <name> --sample --out <file.csv|file.jsonl>
              write the scheme's committed sample (samples/<name>.csv|.jsonl) byte for byte

        schemes: settlements, cadre-months (CSV or JSON Lines), cadre-years, party-members, households,
                 aid-households (JSON Lines only)

        exit codes: 0 written; 1 the file could not be written; 2 usage error; 130 interrupted
        """;

    private sealed class UsageException(string message) : Exception(message);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args.Any(a => a is "-h" or "--help"))
        {
            stdout.WriteLine(Help);
            return args.Length == 0 ? Usage : Ok;
        }
        try
        {
            return Execute(args, stderr);
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"synth: {ex.Message}");
            return Usage;
        }
    }

    private static int Execute(string[] args, TextWriter stderr)
    {
        string? schemeName = null, countText = null, seedText = null, outPath = null;
        bool sample = false;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{a} needs a value");
            switch (a)
            {
                case "--scheme": schemeName = Next(); break;
                case "--n": countText = Next(); break;
                case "--seed": seedText = Next(); break;
                case "--out": outPath = Next(); break;
                case "--sample": sample = true; break;
                default: throw new UsageException($"unknown option '{a}'; see --help");
            }
        }
        if (schemeName is null) throw new UsageException($"--scheme <name> is needed, one of: {Schemes.Known}");
        var scheme = Schemes.Find(schemeName) ?? throw new UsageException($"unknown scheme '{schemeName}'; known schemes: {Schemes.Known}");
        long n = 0;
        ulong seed = DefaultSeed;
        if (sample)
        {
            if (countText is not null || seedText is not null)
                throw new UsageException("--sample writes the committed sample, whose size and seed are fixed: leave out --n and --seed");
        }
        else
        {
            if (countText is null) throw new UsageException("--n <count> is needed (or --sample)");
            if (!long.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n > MaxCount)
                throw new UsageException($"--n '{countText}' must be a whole number from 0 to {MaxCount}");
            if (seedText is not null && !ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
            {
                if (!long.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long signed))
                    throw new UsageException($"--seed '{seedText}' must be a whole number");
                seed = unchecked((ulong)signed);
            }
        }
        if (outPath is null) throw new UsageException("--out <file.csv|file.jsonl> is needed");
        bool csv = outPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !outPath.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"{outPath}: output must be .csv or .jsonl");
        if (csv && scheme.Nested)
            throw new UsageException($"scheme '{scheme.Name}' has nested records ({scheme.Shape}) and can only be written as JSON Lines; use --out <file>.jsonl");
        var dir = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
        if (!Directory.Exists(dir))
        {
            stderr.WriteLine($"synth: {outPath}: directory {dir} does not exist");
            return Failed;
        }
        if (Directory.Exists(outPath))
        {
            stderr.WriteLine($"synth: {outPath}: is a directory");
            return Failed;
        }

        string partial = outPath + ".partial";
        bool done = false;
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // stop cleanly: no half-written file is left behind
            cts.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            using (var fs = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                if (sample) scheme.WriteSample(fs, csv);
                else scheme.Write(n, seed, fs, csv, cts.Token);
            }
            File.Move(partial, outPath, overwrite: true);
            done = true;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine($"synth: interrupted; {outPath} was not written");
            return Interrupted;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"synth: {outPath}: {ex.Message}");
            return Failed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            if (!done && File.Exists(partial)) File.Delete(partial);
        }
        stderr.WriteLine(sample ? $"wrote the {scheme.Name} sample to {outPath}" : $"wrote {n} {scheme.Name} records to {outPath} (seed {seed})");
        return Ok;
    }
}
