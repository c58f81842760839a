namespace Node.Chain.Index;

/// <summary>
/// The result of the last walk back over min-difficulty blocks: from entry <see cref="From"/> (for a retarget
/// interval and pow-limit nBits) the walk ends on <see cref="Bits"/>. A pure function of the entry's ancestry,
/// which never changes, so it stays true for the life of the index.
/// </summary>
internal readonly record struct MinDifficultyWalk(int From, int Interval, uint PowLimitBits, uint Bits)
{
    public static readonly MinDifficultyWalk None = new(BlockIndex.None, 0, 0, 0);
}
