namespace Scoring.Synth;

/// <summary>Household composition shared by households and aid-households: a head, a spouse, children, parents, grandchildren.</summary>
internal static class Family
{
    public const int MaxSize = 8;
    public const int Head = 0, Spouse = 1, Child = 2, Parent = 3, Grandchild = 4, Other = 5;

    public static readonly Token[] Relations = Token.Of("head", "spouse", "child", "parent", "grandchild", "other");

    public readonly record struct Person(int Age, int Relation);

    private static readonly int[] SizeWeights = { 0, 8, 15, 20, 25, 18, 10, 4 };

    /// <summary>Fills <paramref name="people"/> with a plausible household and returns its size (1–7).</summary>
    public static int Compose(ref Rng r, Span<Family.Person> people)
    {
        int size = r.Pick(SizeWeights);
        int head = r.Below(100) switch
        {
            < 20 => r.Range(22, 35),
            < 50 => r.Range(36, 50),
            < 65 => r.Range(51, 58),
            < 75 => r.Range(59, 61),
            _ => r.Range(62, 88),
        };
        int n = 0;
        people[n++] = new Person(head, Head);
        if (n < size)
            people[n++] = r.Chance(850) ? new Person(Math.Max(18, head + r.Range(-6, 4)), Spouse) : new Person(Math.Max(16, head + r.Range(-12, 12)), Other);
        while (n < size)
        {
            int left = size - n;
            if (head < 45)
            {
                // young family: children, then the head's parents
                if (left > 2 || !r.Chance(400)) people[n++] = new Person(r.Range(0, Math.Max(0, Math.Min(head - 20, 20))), Child);
                else people[n++] = new Person(Math.Min(98, head + r.Range(22, 32)), Parent);
            }
            else if (head < 60)
            {
                // middle-aged: children from about 5 to 30 (many around 15/16), sometimes a parent
                if (r.Chance(250) && head + 22 <= 98) people[n++] = new Person(Math.Min(98, head + r.Range(22, 32)), Parent);
                else people[n++] = new Person(Math.Max(0, head - r.Range(22, 40)), Child);
            }
            else
            {
                // older head: grown children and grandchildren
                if (r.Chance(450)) people[n++] = new Person(Math.Max(16, head - r.Range(22, 36)), Child);
                else people[n++] = new Person(Math.Max(0, head - r.Range(45, 62)), Grandchild);
            }
        }
        return size;
    }
}
