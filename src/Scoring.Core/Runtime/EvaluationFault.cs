namespace Scoring.Runtime;

/// <summary>Thrown by compiled code for an error in one record; carries the id of the syntax node that failed.</summary>
internal sealed class EvaluationFault : Exception
{
    public EvaluationFault(string code, string message, int node) : base(message)
    {
        Code = code;
        Node = node;
    }

    public string Code { get; }
    public int Node { get; }
}
