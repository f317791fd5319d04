namespace Scoring.Benchmarks;

internal static class EndToEnd
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("e2e: see benchmarks/e2e.sh");
        return 2;
    }
}
