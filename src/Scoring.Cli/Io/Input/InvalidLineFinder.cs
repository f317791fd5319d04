using System.Text;

namespace Scoring.Cli.Io;

/// <summary>
/// Finds the first line of a file that is not valid text in an encoding. Used once a reader that decodes
/// whole buffers (the CSV reader) has met bad bytes and cannot say where they are.
/// </summary>
internal static class InvalidLineFinder
{
    /// <summary>The 1-based number of the first invalid line, or null when every line is valid.</summary>
    public static long? Find(string path, Encoding encoding)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new byte[1 << 20];
        int carry = 0;
        long line = 1;
        bool first = true;
        while (true)
        {
            int read = fs.Read(buffer, carry, buffer.Length - carry);
            int length = carry + read;
            if (length == 0) return null;
            // check whole lines only; a line longer than the buffer is checked as it is
            int end = read == 0 ? length : buffer.AsSpan(0, length).LastIndexOf((byte)'\n') + 1;
            if (end <= 0) end = length;
            var block = buffer.AsSpan(0, end);
            int skip = first && block.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) && TextEncodings.SkipsUtf8Bom(encoding) ? 3 : 0;
            first = false;
            if (!TextEncodings.IsValid(encoding, block[skip..]))
            {
                var rest = block[skip..];
                while (true)
                {
                    int nl = rest.IndexOf((byte)'\n');
                    var l = nl < 0 ? rest : rest[..(nl + 1)];
                    if (!TextEncodings.IsValid(encoding, l)) return line;
                    if (nl < 0) break;
                    rest = rest[(nl + 1)..];
                    line++;
                }
            }
            line += block.Count((byte)'\n');
            carry = length - end;
            buffer.AsSpan(end, carry).CopyTo(buffer);
            if (read == 0) return null;
        }
    }
}
