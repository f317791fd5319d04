namespace Scoring.Cli.Io;

/// <summary>Progress on stderr: a live line (records/s, ETA) on a terminal; otherwise a plain line every 10 seconds.</summary>
internal sealed class Progress
{
    private readonly TextWriter _w;
    private readonly long _total;
    private readonly bool _interactive;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private TimeSpan _last;
    private bool _shown;

    public Progress(TextWriter w, long totalBytes, bool interactive)
    {
        _w = w;
        _total = totalBytes;
        _interactive = interactive;
    }

    public void Report(long records, long position)
    {
        var now = _clock.Elapsed;
        if (now - _last < (_interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(10))) return;
        _last = now;
        double rate = records / Math.Max(0.001, now.TotalSeconds);
        double fraction = _total > 0 ? Math.Clamp((double)position / _total, 0, 1) : 0;
        string eta = fraction > 0.01 ? TimeSpan.FromSeconds(now.TotalSeconds * (1 - fraction) / fraction).ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture) : "--:--:--";
        string text = $"{records,12:N0} records  {rate,10:N0}/s  {fraction * 100,5:0.0}%  ETA {eta}";
        if (_interactive)
        {
            int width = 30, filled = (int)(fraction * width);
            _w.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {text}");
            _shown = true;
        }
        else
        {
            _w.WriteLine($"progress: {text}");
        }
    }

    public void Done()
    {
        if (_shown) _w.WriteLine();
    }
}
