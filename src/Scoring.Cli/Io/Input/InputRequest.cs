using System.Text;
using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>What an input format is asked to open: the input, how its records are read, its encoding and the child files joined to it.</summary>
internal sealed record InputRequest(UserPath Path, RecordReader Reader, Encoding Encoding, IReadOnlyList<ChildJoin> Children)
{
    /// <summary>The worksheet to read, for a workbook input (<c>--sheet</c>); null: the first.</summary>
    public string? Sheet { get; init; }

    /// <summary>For formats that read a file: stops when it does not exist.</summary>
    public void RequireFile()
    {
        if (!File.Exists(Path.Full)) throw new CliException($"{Path}: input file not found");
    }
}
