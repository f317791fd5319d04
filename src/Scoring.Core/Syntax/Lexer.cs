using System.Globalization;
using Scoring.Diagnostics;

namespace Scoring.Syntax;

internal enum TokenKind
{
    End, Number, String, Name,
    And, Or, Not, In, Between, If, Then, Else, Where, True, False,
    LParen, RParen, LBracket, RBracket, Comma,
    Plus, Minus, Star, Slash, EqEq, NotEq, Less, LessEq, Greater, GreaterEq, Coalesce,
    Bad,
}

internal readonly record struct Token(TokenKind Kind, int Start, int Length, string? Text, decimal Number, bool IsInteger);

/// <summary>Splits expression text into tokens. Never throws: bad characters become <see cref="TokenKind.Bad"/> tokens with a diagnostic.</summary>
internal sealed class Lexer
{
    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.Ordinal)
    {
        ["and"] = TokenKind.And, ["or"] = TokenKind.Or, ["not"] = TokenKind.Not, ["in"] = TokenKind.In,
        ["between"] = TokenKind.Between, ["if"] = TokenKind.If, ["then"] = TokenKind.Then, ["else"] = TokenKind.Else,
        ["where"] = TokenKind.Where, ["true"] = TokenKind.True, ["false"] = TokenKind.False,
    };

    private readonly string _text;
    private readonly SourceOrigin _origin;
    private readonly DiagnosticBag _diagnostics;
    private int _pos;

    public Lexer(string text, SourceOrigin origin, DiagnosticBag diagnostics)
    {
        _text = text;
        _origin = origin;
        _diagnostics = diagnostics;
    }

    public static bool IsNameStart(char c) => char.IsLetter(c) || c == '_';

    public static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_';

    public static bool IsKeyword(string s) => Keywords.ContainsKey(s);

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        while (true)
        {
            var t = Next();
            tokens.Add(t);
            if (t.Kind == TokenKind.End) return tokens;
        }
    }

    private Token Next()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
        if (_pos >= _text.Length) return new Token(TokenKind.End, _text.Length, 0, null, 0, false);
        int start = _pos;
        char c = _text[_pos];
        if (char.IsAsciiDigit(c)) return LexNumber();
        if (IsNameStart(c))
        {
            while (_pos < _text.Length && IsNamePart(_text[_pos])) _pos++;
            var word = _text.Substring(start, _pos - start);
            return Keywords.TryGetValue(word, out var kw)
                ? new Token(kw, start, _pos - start, word, 0, false)
                : new Token(TokenKind.Name, start, _pos - start, word, 0, false);
        }
        if (c is '\'' or '"') return LexString(c);
        _pos++;
        char n = _pos < _text.Length ? _text[_pos] : '\0';
        switch (c)
        {
            case '(': return Simple(TokenKind.LParen, start, 1);
            case ')': return Simple(TokenKind.RParen, start, 1);
            case '[': return Simple(TokenKind.LBracket, start, 1);
            case ']': return Simple(TokenKind.RBracket, start, 1);
            case ',': return Simple(TokenKind.Comma, start, 1);
            case '+': return Simple(TokenKind.Plus, start, 1);
            case '-': return Simple(TokenKind.Minus, start, 1);
            case '*': return Simple(TokenKind.Star, start, 1);
            case '/': return Simple(TokenKind.Slash, start, 1);
            case '=' when n == '=': _pos++; return Simple(TokenKind.EqEq, start, 2);
            case '!' when n == '=': _pos++; return Simple(TokenKind.NotEq, start, 2);
            case '<' when n == '=': _pos++; return Simple(TokenKind.LessEq, start, 2);
            case '>' when n == '=': _pos++; return Simple(TokenKind.GreaterEq, start, 2);
            case '?' when n == '?': _pos++; return Simple(TokenKind.Coalesce, start, 2);
            case '<': return Simple(TokenKind.Less, start, 1);
            case '>': return Simple(TokenKind.Greater, start, 1);
            case '=':
                Error(DiagnosticCodes.InvalidCharacter, "'=' is not an operator; write '==' to compare", start, 1);
                return Simple(TokenKind.EqEq, start, 1);
            default:
                if (char.IsHighSurrogate(c) && _pos < _text.Length) _pos++;
                Error(DiagnosticCodes.InvalidCharacter, $"unexpected character '{_text.Substring(start, _pos - start)}'", start, _pos - start);
                return Simple(TokenKind.Bad, start, _pos - start);
        }
    }

    private static Token Simple(TokenKind kind, int start, int length) => new(kind, start, length, null, 0, false);

    private Token LexNumber()
    {
        int start = _pos;
        bool isInteger = true;
        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
        if (_pos + 1 < _text.Length && _text[_pos] == '.' && char.IsAsciiDigit(_text[_pos + 1]))
        {
            isInteger = false;
            _pos++;
            while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
        }
        if (_pos < _text.Length && IsNameStart(_text[_pos]))
        {
            while (_pos < _text.Length && IsNamePart(_text[_pos])) _pos++;
            Error(DiagnosticCodes.InvalidLiteral, $"'{_text.Substring(start, _pos - start)}' is not a number or a name", start, _pos - start);
            return new Token(TokenKind.Bad, start, _pos - start, null, 0, false);
        }
        var raw = _text.Substring(start, _pos - start);
        var digits = raw.Replace("_", "", StringComparison.Ordinal);
        if (raw.EndsWith('_') || raw.Contains("__", StringComparison.Ordinal) || raw.Contains("_.", StringComparison.Ordinal) ||
            !Primitives.ExactDecimal.TryParse(digits, out var value))
        {
            Error(DiagnosticCodes.InvalidLiteral, $"'{raw}' is not a valid number (at most 28 significant digits; '_' only between digits)", start, raw.Length);
            return new Token(TokenKind.Bad, start, raw.Length, null, 0, false);
        }
        return new Token(TokenKind.Number, start, raw.Length, raw, value, isInteger);
    }

    private Token LexString(char quote)
    {
        int start = _pos++;
        var sb = new System.Text.StringBuilder();
        while (_pos < _text.Length)
        {
            char c = _text[_pos++];
            if (c == quote)
            {
                // a doubled quote inside a string stands for one quote character
                if (_pos < _text.Length && _text[_pos] == quote) { sb.Append(quote); _pos++; continue; }
                return new Token(TokenKind.String, start, _pos - start, sb.ToString(), 0, false);
            }
            if (c == '\n') break;
            sb.Append(c);
        }
        Error(DiagnosticCodes.UnterminatedString, $"string starting here is not closed with {quote}", start, 1);
        _pos = _text.Length;
        return new Token(TokenKind.Bad, start, _text.Length - start, null, 0, false);
    }

    private void Error(string code, string message, int start, int length) =>
        _diagnostics.Error(code, message, _origin.Span(_text, start, Math.Max(1, length)));
}
