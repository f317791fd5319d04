using System.Buffers;
using System.Text;
using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>CSV cells written straight to UTF-8: no string per line, no transcoding of the whole line. Quoted when they hold a comma, quote or line break.</summary>
internal static class CsvCells
{
    public static void Cell(IBufferWriter<byte> to, Value v, bool inert)
    {
        switch (v.Kind)
        {
            case ValueKind.Empty: break;
            case ValueKind.Boolean: to.Write(v.AsBoolean ? "true"u8 : "false"u8); break;
            case ValueKind.Number:
            {
                Span<byte> buffer = stackalloc byte[48];
                to.Write(NumberText.Format(v.AsNumber, buffer));
                break;
            }
            case ValueKind.Text: Cell(to, inert ? OutputOptions.Inert(v.AsText!) : v.AsText!); break;
            case ValueKind.List: Cell(to, Inertly(string.Join(";", v.AsList.Select(x => x.ToString())), inert)); break;
            default: Cell(to, Inertly(v.ToString(), inert)); break;
        }
    }

    public static void Cell(IBufferWriter<byte> to, string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0) text = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        int n = Encoding.UTF8.GetByteCount(text);
        Encoding.UTF8.GetBytes(text, to.GetSpan(n));
        to.Advance(n);
    }

    private static string Inertly(string text, bool inert) => inert ? OutputOptions.Inert(text) : text;

    public static void Separator(IBufferWriter<byte> to) => to.Write(","u8);

    public static void EndOfLine(IBufferWriter<byte> to) => to.Write("\n"u8);
}
