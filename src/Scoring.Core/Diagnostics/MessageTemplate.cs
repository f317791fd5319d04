namespace Scoring.Diagnostics;

/// <summary>
/// One kind of message: its stable code and how its text is rendered from named arguments. The
/// arguments travel with the diagnostic (see <see cref="Diagnostic.Arguments"/>), so its facts are
/// read from them, never parsed out of the text.
/// </summary>
internal sealed class MessageTemplate
{
    private readonly Func<MessageArguments, string> _render;

    public MessageTemplate(string code, Func<MessageArguments, string> render)
    {
        Code = code;
        _render = render;
    }

    /// <summary>The diagnostic code (SCRxxxx).</summary>
    public string Code { get; }

    /// <summary>The text for these arguments.</summary>
    public string Render(MessageArguments args) => _render(args);

    /// <summary>A diagnostic of this kind at <paramref name="span"/>.</summary>
    public Diagnostic Create(Severity severity, SourceSpan span, params DiagnosticArgument[] args) =>
        new(severity, Code, Render(new MessageArguments(args)), span) { Arguments = args };
}

/// <summary>The arguments a message is rendered from.</summary>
internal readonly struct MessageArguments
{
    private readonly DiagnosticArgument[] _args;

    public MessageArguments(DiagnosticArgument[] args) => _args = args;

    /// <summary>The value of <paramref name="name"/> (empty when absent).</summary>
    public string this[string name]
    {
        get
        {
            foreach (var a in _args) if (a.Name == name) return a.Value;
            return "";
        }
    }

    /// <summary>True when <paramref name="name"/> was given.</summary>
    public bool Has(string name)
    {
        foreach (var a in _args) if (a.Name == name) return true;
        return false;
    }
}
