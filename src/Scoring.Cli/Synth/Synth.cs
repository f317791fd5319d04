using System.Globalization;
using Scoring.Cli.Io;
using Scoring.Cli.Synthetic;

namespace Scoring.Cli
{
    /// <summary>
    /// <c>scoring synth --scheme NAME --n COUNT [--seed S] --out FILE.csv|FILE.jsonl</c>: writes a synthetic population
    /// of one reference scheme, for benchmarks and demos. The same scheme, count and seed give the same bytes on any
    /// machine.
    /// </summary>
    internal static class Synth
    {
        public const long MaxCount = 1_000_000_000;
        public const ulong DefaultSeed = 1;

        /// <summary>The schemes, in the order they are listed.</summary>
        public static readonly IReadOnlyList<Scheme> Schemes = new Scheme[]
        {
            new SettlementsScheme(), new CadreMonthsScheme(), new CadreYearsScheme(),
            new PartyMembersScheme(), new HouseholdsScheme(), new AidHouseholdsScheme(),
        };

        public static string KnownSchemes => string.Join(", ", Schemes.Select(s => s.Name));

        public static Scheme? Find(string name) => Schemes.FirstOrDefault(s => s.Name == name);

        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            try
            {
                return Execute(args, stderr);
            }
            catch (CliException ex)
            {
                stderr.WriteLine($"scoring: {ex.Message}");
                return ex.ExitCode;
            }
        }

        private static int Execute(string[] args, TextWriter stderr)
        {
            string? schemeName = null, countText = null, seedText = null, outPath = null;
            for (int i = 0; i < args.Length; i++)
            {
                string a = args[i];
                string Next() => i + 1 < args.Length ? args[++i] : throw new CliException($"{a} needs a value", Cli.Usage);
                switch (a)
                {
                    case "--scheme": schemeName = Next(); break;
                    case "--n": countText = Next(); break;
                    case "--seed": seedText = Next(); break;
                    case "--out": outPath = Next(); break;
                    default: throw new CliException($"unknown option '{a}' for 'synth'; see 'scoring --help'", Cli.Usage);
                }
            }
            if (schemeName is null) throw new CliException($"synth needs --scheme <name>, one of: {KnownSchemes}", Cli.Usage);
            var scheme = Find(schemeName) ?? throw new CliException($"unknown scheme '{schemeName}'; known schemes: {KnownSchemes}", Cli.Usage);
            if (countText is null) throw new CliException("synth needs --n <count>", Cli.Usage);
            if (!long.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n > MaxCount)
                throw new CliException($"--n '{countText}' must be a whole number from 0 to {MaxCount}", Cli.Usage);
            ulong seed = DefaultSeed;
            if (seedText is not null && !ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
            {
                if (!long.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long signed))
                    throw new CliException($"--seed '{seedText}' must be a whole number", Cli.Usage);
                seed = unchecked((ulong)signed);
            }
            if (outPath is null) throw new CliException("synth needs --out <file.csv|file.jsonl>", Cli.Usage);
            bool csv = InputFile.IsCsv(outPath);
            if (!csv && !InputFile.IsJsonLines(outPath)) throw new CliException($"{outPath}: output must be .csv or .jsonl", Cli.Usage);
            if (csv && scheme.Nested)
                throw new CliException($"scheme '{scheme.Name}' has nested records ({scheme.Shape}) and can only be written as JSON Lines; use --out <file>.jsonl", Cli.Usage);
            var dir = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
            if (!Directory.Exists(dir)) throw new CliException($"{outPath}: directory {dir} does not exist");
            if (Directory.Exists(outPath)) throw new CliException($"{outPath}: is a directory");

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
                    Write(scheme, n, seed, fs, csv, cts.Token);
                File.Move(partial, outPath, overwrite: true);
                done = true;
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine($"scoring: interrupted; {outPath} was not written");
                return 130;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"{outPath}: {ex.Message}");
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
                if (!done && File.Exists(partial)) File.Delete(partial);
            }
            stderr.WriteLine($"wrote {n} {scheme.Name} records to {outPath} (seed {seed})");
            return Cli.Ok;
        }

        /// <summary>Writes <paramref name="n"/> records of <paramref name="scheme"/> to <paramref name="output"/>.</summary>
        public static void Write(Scheme scheme, long n, ulong seed, Stream output, bool csv, CancellationToken cancel = default)
        {
            if (csv && scheme.Nested) throw new ArgumentException($"scheme '{scheme.Name}' needs JSON Lines", nameof(csv));
            var generator = scheme.Create(n, seed);
            using RecordWriter w = csv ? new CsvRecordWriter(output, scheme.Columns) : new JsonLinesRecordWriter(output);
            for (long i = 0; i < n; i++)
            {
                if ((i & 4095) == 0) cancel.ThrowIfCancellationRequested();
                w.BeginRecord();
                generator.Write(w, i);
                w.EndRecord();
            }
        }

        /// <summary>Writes <paramref name="n"/> records of the scheme named <paramref name="scheme"/>.</summary>
        public static void Write(string scheme, long n, ulong seed, Stream output, bool csv) =>
            Write(Find(scheme) ?? throw new ArgumentException($"unknown scheme '{scheme}'", nameof(scheme)), n, seed, output, csv);
    }
}

namespace Scoring.Cli.Synthetic
{
    /// <summary>One reference scheme that <c>scoring synth</c> can populate.</summary>
    internal abstract class Scheme
    {
        /// <summary>The name given to <c>--scheme</c>.</summary>
        public abstract string Name { get; }

        /// <summary>Whether records have child collections (JSON Lines only).</summary>
        public virtual bool Nested => false;

        /// <summary>The record's shape in words, for messages.</summary>
        public virtual string Shape => "flat";

        /// <summary>The top-level fields in output order (the CSV header).</summary>
        public abstract Token[] Columns { get; }

        /// <summary>A generator for a population of <paramref name="n"/> records.</summary>
        public abstract Generator Create(long n, ulong seed);
    }

    /// <summary>Writes record number <c>index</c> (0-based) of one population; the record depends only on the seed, the index and the population size.</summary>
    internal abstract class Generator
    {
        public abstract void Write(RecordWriter w, long index);
    }
}
