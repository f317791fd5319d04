namespace Scoring.Diagnostics;

/// <summary>The result of building or loading something: the value when there were no errors, and every diagnostic.</summary>
/// <typeparam name="T">What was built.</typeparam>
public sealed class BuildResult<T> where T : class
{
    /// <summary>Creates a result.</summary>
    public BuildResult(T? value, IReadOnlyList<Diagnostic> diagnostics)
    {
        Value = value;
        Diagnostics = diagnostics;
    }

    /// <summary>The value, or null when there were errors.</summary>
    public T? Value { get; }

    /// <summary>Every diagnostic, errors and warnings, in file order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when there is a value.</summary>
    public bool Succeeded => Value is not null;

    /// <summary>The value, or throws <see cref="InvalidOperationException"/> listing the errors.</summary>
    public T GetValueOrThrow() =>
        Value ?? throw new InvalidOperationException("invalid rule set:" + Environment.NewLine + string.Join(Environment.NewLine, Diagnostics));
}
