namespace Scoring.Cli.Io;

/// <summary>What the sources that read one file share: the file, its size and how far reading has got (for progress).</summary>
internal abstract class FileSource : IDisposable
{
    private FileStream? _stream;

    protected FileSource(UserPath path) => Path = path;

    /// <summary>The input file (messages name it as the user did).</summary>
    protected UserPath Path { get; }

    /// <summary>Opens the file for reading from the start; <see cref="Position"/> follows this stream.</summary>
    protected FileStream OpenFile() => _stream = new FileStream(Path.Full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    /// <summary>Size of the input in bytes.</summary>
    public long Length => new FileInfo(Path.Full).Length;

    /// <summary>Bytes read so far (called from another thread than the one reading).</summary>
    public long Position
    {
        get
        {
            if (_stream is not { } s) return 0;
            try
            {
                if (!s.CanRead) return Length; // read to the end and closed
                return s.CanSeek ? s.Position : 0; // a pipe has no position
            }
            catch (ObjectDisposedException)
            {
                return Length;
            }
        }
    }

    public void Dispose() => _stream?.Dispose();
}
