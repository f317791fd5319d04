using System.Diagnostics;
using System.Text;

namespace Scoring.Benchmarks;

/// <summary>
/// The floor for an end-to-end run: read a CSV file with the same reader the CLI uses and write
/// the same number of rows with the same number of columns, evaluating nothing. benchmarks/e2e.sh
/// compares `scoring run` with this.
/// </summary>
internal static class EndToEnd
{
    public static int Run(string[] args)
    {
        if (args.Length != 3 || !int.TryParse(args[2], out int columns))
        {
            Console.Error.WriteLine("usage: e2e <input.csv> <output.csv> <output columns>");
            return 2;
        }
        var clock = Stopwatch.StartNew();
        long rows = 0;
        using (var text = new StreamReader(args[0], new UTF8Encoding(false, true), true, 1 << 16))
        using (var csv = Sylvan.Data.Csv.CsvDataReader.Create(text, new Sylvan.Data.Csv.CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = 1 << 16 }))
        using (var output = new StreamWriter(new FileStream(args[1], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), new UTF8Encoding(false)))
        {
            int n = csv.FieldCount;
            var fields = new string[n];
            var sb = new StringBuilder();
            output.Write(string.Join(",", Enumerable.Range(0, columns).Select(i => "c" + i)) + "\n");
            while (csv.Read())
            {
                for (int i = 0; i < n; i++) fields[i] = csv.GetString(i);
                sb.Clear();
                for (int c = 0; c < columns; c++)
                {
                    if (c > 0) sb.Append(',');
                    sb.Append(fields[c % n]);
                }
                sb.Append('\n');
                output.Write(sb);
                rows++;
            }
        }
        Console.Error.WriteLine($"parse+write: {rows} rows in {clock.Elapsed.TotalSeconds:0.00} s");
        return 0;
    }
}
