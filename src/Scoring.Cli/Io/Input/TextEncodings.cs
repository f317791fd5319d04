using System.Text;

namespace Scoring.Cli.Io;

/// <summary>The text encodings of <c>--encoding</c>: UTF-8 (the default) and GB18030, as Chinese government exports often are.</summary>
internal static class TextEncodings
{
    /// <summary>The encoding named by <c>--encoding</c> (null: UTF-8); invalid bytes are errors, never replacement characters.</summary>
    public static Encoding Parse(string? name)
    {
        if (name is null || name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            return new UTF8Encoding(false, true);
        if (name.Equals("gb18030", StringComparison.OrdinalIgnoreCase) || name.Equals("gbk", StringComparison.OrdinalIgnoreCase) || name.Equals("gb2312", StringComparison.OrdinalIgnoreCase))
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            // GB18030 is a superset of GBK and GB2312
            return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        throw new CliException($"unknown encoding '{name}'; use utf-8 or gb18030", Cli.Usage);
    }

    /// <summary>The encoding's name in messages: UTF-8, GB18030.</summary>
    public static string NameOf(Encoding encoding) => encoding is UTF8Encoding ? "UTF-8" : encoding.WebName.ToUpperInvariant();

    /// <summary>Whether a UTF-8 byte order mark is skipped (only when reading UTF-8).</summary>
    public static bool SkipsUtf8Bom(Encoding encoding) => encoding is UTF8Encoding;

    /// <summary>Whether <paramref name="bytes"/> are valid text in <paramref name="encoding"/>.</summary>
    public static bool IsValid(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        if (encoding is UTF8Encoding) return System.Text.Unicode.Utf8.IsValid(bytes);
        try
        {
            encoding.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
