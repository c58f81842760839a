using Node.Chain.Index;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Chain.State;

/// <summary>
/// The ancestry of one block index entry, as header validation sees it: heights are answered
/// through the skip list (O(log n)), the median time past from the entry and its last 10 parents.
/// </summary>
public readonly struct IndexAncestry(BlockIndex index, int tip) : IHeaderAncestry
{
    public int Height => index[tip].Height;

    public int LowestHeight => 0;

    public Hash256 TipHash => index[tip].Hash;

    public uint TimeAt(int height) => index[Ancestor(height)].Time;

    public uint BitsAt(int height) => index[Ancestor(height)].Bits;

    public uint MedianTimePast() => MedianTimePast(index, tip);

    /// <summary>Core's GetMedianTimePast of <paramref name="id"/>.</summary>
    public static uint MedianTimePast(BlockIndex index, int id)
    {
        Span<uint> times = stackalloc uint[ConsensusConstants.MedianTimeSpan];
        int n = 0;
        for (int walk = id; walk != BlockIndex.None && n < times.Length; walk = index.Parent(walk))
            times[n++] = index[walk].Time;
        return MedianTime.Of(times[..n]);
    }

    private int Ancestor(int height)
    {
        int id = index.GetAncestor(tip, height);
        return id != BlockIndex.None ? id
            : throw new ArgumentOutOfRangeException(nameof(height), height, $"this ancestry holds heights 0..{Height}");
    }
}
