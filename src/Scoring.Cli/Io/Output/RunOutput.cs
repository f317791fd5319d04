namespace Scoring.Cli.Io;

/// <summary>
/// Where one <c>scoring run</c> writes: with <c>--out FILE</c>, results and rejects go to <c>FILE.partial</c>
/// and <c>FILE.rejects.jsonl.partial</c>, renamed into place only when the run completes, so an interrupted or
/// failed run never leaves a file that looks complete (nor a folder it made for them); without, to stdout and stderr.
/// </summary>
internal sealed class RunOutput : IDisposable
{
    private readonly UserPath? _out;
    private readonly List<string> _createdFolders;
    private bool _committed;

    private RunOutput(Stream results, Stream rejects, UserPath? @out, List<string> createdFolders)
    {
        Results = results;
        Rejects = rejects;
        _out = @out;
        _createdFolders = createdFolders;
    }

    public Stream Results { get; }

    public Stream Rejects { get; }

    /// <summary>The rejects file as the user will find it, or null when rejects go to stderr.</summary>
    public string? RejectsFile => _out is { } o ? o.Text + RejectsSuffix : null;

    public const string RejectsSuffix = ".rejects.jsonl";

    public static RunOutput ToStandardStreams(CliContext context) => new(context.StdoutStream, context.StderrStream, null, new List<string>());

    /// <summary>Opens the partial files of <paramref name="out"/>, making its folder when missing.</summary>
    public static RunOutput ToFile(UserPath @out)
    {
        var created = CreateFolder(@out);
        FileStream? results = null;
        try
        {
            results = Open(@out.Full + ".partial");
            return new RunOutput(results, Open(@out.Full + RejectsSuffix + ".partial"), @out, created);
        }
        catch
        {
            results?.Dispose();
            Discard(@out, created);
            throw;
        }
    }

    private static FileStream Open(string path) => new(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);

    /// <summary>Creates the output's folder and any missing parents; returns those it made, innermost first.</summary>
    private static List<string> CreateFolder(UserPath @out)
    {
        var folder = Path.GetDirectoryName(@out.Full)!;
        var missing = new List<string>();
        for (var d = folder; d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d)) missing.Add(d);
        if (missing.Count == 0) return missing;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RemoveFolders(missing);
            throw new CliException($"{@out}: directory {folder} does not exist and cannot be created: {ex.Message}");
        }
        return missing;
    }

    /// <summary>Closes the files and renames them into place; the rejects file only when <paramref name="keepRejects"/>, else a stale one is removed.</summary>
    public void Commit(bool keepRejects)
    {
        CloseFiles();
        _committed = true;
        if (_out is not { } o) return;
        File.Move(o.Full + ".partial", o.Full, overwrite: true);
        var rejects = o.Full + RejectsSuffix;
        if (keepRejects) File.Move(rejects + ".partial", rejects, overwrite: true);
        else
        {
            File.Delete(rejects + ".partial");
            if (File.Exists(rejects)) File.Delete(rejects); // a stale file from an earlier run would mislead
        }
    }

    private void CloseFiles()
    {
        if (_out is null) return; // the standard streams are not ours
        Results.Dispose();
        Rejects.Dispose();
    }

    /// <summary>Without <see cref="Commit"/>: removes the partial files and the folders made for them.</summary>
    public void Dispose()
    {
        if (_committed) return;
        CloseFiles();
        if (_out is { } o) Discard(o, _createdFolders);
    }

    private static void Discard(UserPath @out, List<string> createdFolders)
    {
        foreach (var partial in new[] { @out.Full + ".partial", @out.Full + RejectsSuffix + ".partial" })
            if (File.Exists(partial)) File.Delete(partial);
        RemoveFolders(createdFolders);
    }

    private static void RemoveFolders(List<string> folders)
    {
        foreach (var d in folders) // innermost first; only if still empty
        {
            try
            {
                if (Directory.Exists(d) && !Directory.EnumerateFileSystemEntries(d).Any()) Directory.Delete(d);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
