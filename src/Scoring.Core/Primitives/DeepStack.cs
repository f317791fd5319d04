namespace Scoring.Primitives;

/// <summary>
/// Runs the recursive parts of loading and compiling a rule set (parser, type checker, expression
/// compiler) on a thread with a large stack, so that the deepest expression the limits allow can
/// never overflow the host's stack, whatever thread the host calls from.
/// </summary>
internal static class DeepStack
{
    private const int StackSize = 16 * 1024 * 1024;

    [ThreadStatic] private static bool _onDeepStack;

    public static T Run<T>(Func<T> work)
    {
        if (_onDeepStack) return work();
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            _onDeepStack = true;
            try { result = work(); }
            catch (Exception e) { error = e; }
        }, StackSize) { Name = "Scoring compiler", IsBackground = true };
        thread.Start();
        thread.Join();
        if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        return result;
    }
}
