using Scoring.Runtime;

namespace Scoring.Compilation;

/// <summary>The per-thread working memory of one evaluation: a slot per definition result, by storage kind.</summary>
internal sealed class Frame
{
    public Frame(FrameShape shape, int parameterCount)
    {
        N = new decimal[shape.Num];
        B = new bool[shape.Bool];
        I = new int[shape.Int];
        S = new string?[shape.Str];
        V = new Value[shape.Value];
        P = new decimal[parameterCount];
        Scales = new ScaleValue?[parameterCount];
    }

    private Frame(Frame from)
    {
        N = Copy(from.N);
        B = Copy(from.B);
        I = Copy(from.I);
        S = Copy(from.S);
        V = Copy(from.V);
        P = Copy(from.P);
        Scales = Copy(from.Scales);
        Subject = from.Subject;
        AsOf = from.AsOf;
        Current = from.Current;
    }

    private static T[] Copy<T>(T[] a) => a.Length == 0 ? a : a.AsSpan().ToArray();

    /// <summary>A copy of every slot, for an explanation built later.</summary>
    public Frame Snapshot() => new(this);

    public Record Subject = null!;
    public long OwnerId;
    public readonly decimal[] N;
    public readonly bool[] B;
    public readonly int[] I;
    public readonly string?[] S;
    public readonly Value[] V;
    public readonly decimal[] P;
    public readonly ScaleValue?[] Scales;
    public int AsOf;

    /// <summary>The order of the definition being evaluated (to say where an error occurred).</summary>
    public int Current;
}

/// <summary>How many slots of each storage kind a rule set's frame has.</summary>
internal readonly record struct FrameShape(int Num, int Bool, int Int, int Str, int Value);
