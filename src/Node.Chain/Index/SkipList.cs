namespace Node.Chain.Index;

/// <summary>
/// Which ancestor height an entry's skip pointer targets. The choice (Bitcoin Core's) makes any
/// ancestor reachable in O(log n) hops while every pointer is set once, when the entry is added.
/// </summary>
internal static class SkipList
{
    private static int ClearLowestSetBit(int n) => n & (n - 1);

    public static int SkipHeight(int height)
    {
        if (height < 2) return 0;
        // Odd heights skip to a point derived from height-1 so that consecutive entries do not
        // share targets; this keeps walks from any start logarithmic.
        return (height & 1) != 0
            ? ClearLowestSetBit(ClearLowestSetBit(height - 1)) + 1
            : ClearLowestSetBit(height);
    }
}
