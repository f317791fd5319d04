using System.Collections;

namespace Scoring.Diagnostics;

/// <summary>Collects diagnostics instead of throwing, so that every problem is reported at once.</summary>
public sealed class DiagnosticBag : IReadOnlyList<Diagnostic>
{
    private readonly List<Diagnostic> _items = new();

    /// <summary>True when at least one error was reported.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>Number of diagnostics.</summary>
    public int Count => _items.Count;

    /// <summary>The diagnostic at <paramref name="index"/>.</summary>
    public Diagnostic this[int index] => _items[index];

    /// <summary>Adds an error.</summary>
    public void Error(string code, string message, SourceSpan span) => Add(new Diagnostic(Severity.Error, code, message, span));

    /// <summary>Adds a warning.</summary>
    public void Warning(string code, string message, SourceSpan span) => Add(new Diagnostic(Severity.Warning, code, message, span));

    /// <summary>Adds a diagnostic of a message kind, rendered from its arguments.</summary>
    internal void Report(MessageTemplate message, SourceSpan span, params DiagnosticArgument[] args) =>
        Add(message.Create(Severity.Error, span, args));

    /// <summary>Adds a warning of a message kind, rendered from its arguments.</summary>
    internal void ReportWarning(MessageTemplate message, SourceSpan span, params DiagnosticArgument[] args) =>
        Add(message.Create(Severity.Warning, span, args));

    /// <summary>Adds a diagnostic.</summary>
    public void Add(Diagnostic d)
    {
        _items.Add(d);
        if (d.Severity == Severity.Error) HasErrors = true;
    }

    /// <summary>Adds every diagnostic of <paramref name="other"/>.</summary>
    public void AddRange(IEnumerable<Diagnostic> other)
    {
        foreach (var d in other) Add(d);
    }

    /// <summary>The diagnostics ordered by file, line and column (stable for equal positions).</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        _items.Select((d, i) => (d, i))
              .OrderBy(t => t.d.Span.File, StringComparer.Ordinal)
              .ThenBy(t => t.d.Span.Line).ThenBy(t => t.d.Span.Column).ThenBy(t => t.i)
              .Select(t => t.d).ToArray();

    /// <inheritdoc />
    public IEnumerator<Diagnostic> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
