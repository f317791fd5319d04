using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Scoring.Synth;

/// <summary>A constant text (a field name or a value such as a county or an enum member), encoded once for JSON and CSV.</summary>
internal sealed class Token
{
    public Token(string text)
    {
        Text = text;
        Json = JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        Csv = Encoding.UTF8.GetBytes(CsvField(text));
    }

    /// <summary>A CSV field: quoted (RFC 4180) only when it holds a comma, a quote or a line break.</summary>
    public static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    public string Text { get; }
    public JsonEncodedText Json { get; }
    public byte[] Csv { get; }

    public override string ToString() => Text;

    public static Token[] Of(params string[] texts)
    {
        var t = new Token[texts.Length];
        for (int i = 0; i < texts.Length; i++) t[i] = new Token(texts[i]);
        return t;
    }
}

/// <summary>The token of a numbered name (a branch, a community), made when the number changes: records come grouped by it.</summary>
internal sealed class TokenCache(Func<long, string> name)
{
    private long _number = -1;
    private Token? _token;

    public Token Get(long number)
    {
        if (number != _number || _token is null)
        {
            _token = new Token(name(number));
            _number = number;
        }
        return _token;
    }
}
