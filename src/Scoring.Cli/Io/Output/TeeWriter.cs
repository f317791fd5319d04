using Scoring.Runtime;

namespace Scoring.Cli.Io;

/// <summary>Two writers of one run fed the same rows (the results and the run report): each formats its own part on the workers.</summary>
internal sealed class TeeWriter(IResultWriter first, IResultWriter second) : IResultWriter, IRowFormatter
{
    public IRowFormatter Rows => this;

    public void WriteHeader()
    {
        first.WriteHeader();
        second.WriteHeader();
    }

    public void BeginRows()
    {
        first.Rows.BeginRows();
        second.Rows.BeginRows();
    }

    public void Append(string? key, ReadOnlySpan<Value> values)
    {
        first.Rows.Append(key, values);
        second.Rows.Append(key, values);
    }

    public object TakeRows() => (first.Rows.TakeRows(), second.Rows.TakeRows());

    public void WriteRows(object rows)
    {
        var (a, b) = ((object, object))rows;
        first.WriteRows(a);
        second.WriteRows(b);
    }

    public void Write(Evaluation evaluation, ReadOnlySpan<Value> kept)
    {
        first.Write(evaluation, kept);
        second.Write(evaluation, kept);
    }

    public void Finish()
    {
        first.Finish();
        second.Finish();
    }
}
