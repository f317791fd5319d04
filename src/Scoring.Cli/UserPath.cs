namespace Scoring.Cli;

/// <summary>
/// A path as the user wrote it (<see cref="Text"/>, what every message shows) and where it is
/// (<see cref="Full"/>, resolved against the invocation's working directory, what is opened).
/// </summary>
internal readonly record struct UserPath(string Text, string Full)
{
    /// <summary>Resolves <paramref name="text"/> against <paramref name="workingDirectory"/>; a path that cannot be resolved (empty, say) stays as it is and is then not found.</summary>
    public static UserPath Resolve(string text, string workingDirectory)
    {
        if (text.Length == 0) return new UserPath(text, text);
        try
        {
            return new UserPath(text, Path.GetFullPath(text, workingDirectory));
        }
        catch (ArgumentException)
        {
            return new UserPath(text, text);
        }
    }

    public override string ToString() => Text;
}
