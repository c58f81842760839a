using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Chain.Index;

/// <summary>
/// The ancestry of one block index entry, for contextual header validation of a child of it:
/// heights answer along the entry's own branch (on a fork too) in O(log n) through the skip list.
/// A struct, so the validator's generic calls neither box nor allocate.
/// </summary>
public readonly struct BlockIndexAncestry : IHeaderAncestry
{
    private readonly BlockIndex _index;
    private readonly int _tip;

    public BlockIndexAncestry(BlockIndex index, int tip)
    {
        ArgumentNullException.ThrowIfNull(index);
        _ = index[tip]; // validates the id
        _index = index;
        _tip = tip;
    }

    public int Tip => _tip;

    public int Height => _index[_tip].Height;

    public int LowestHeight => 0;

    public Hash256 TipHash => _index[_tip].Hash;

    public uint TimeAt(int height) => _index[Ancestor(height)].Time;

    public uint BitsAt(int height) => _index[Ancestor(height)].Bits;

    public uint MedianTimePast()
    {
        Span<uint> times = stackalloc uint[ConsensusConstants.MedianTimeSpan];
        int n = 0;
        for (int id = _tip; id != BlockIndex.None && n < times.Length; id = _index[id].Parent)
            times[n++] = _index[id].Time;
        return MedianTime.Of(times[..n]);
    }

    /// <summary>
    /// Walks parent links from the ancestor at <paramref name="height"/>: one skip-list lookup, not one per step.
    /// The walk stops at the entry the index remembers from the previous walk, so consecutive headers on a
    /// min-difficulty chain (regtest, testnets) take one step each instead of up to a retarget period.
    /// </summary>
    public uint LastNonMinDifficultyBits(int height, int interval, uint powLimitBits)
    {
        int start = Ancestor(height);
        var memo = _index.MinDifficultyWalk;
        for (int id = start; ; )
        {
            ref readonly var e = ref _index[id];
            if (e.Height == 0 || e.Height % interval == 0 || e.Bits != powLimitBits) return Remember(start, interval, powLimitBits, e.Bits);
            if (memo.From == id && memo.Interval == interval && memo.PowLimitBits == powLimitBits) return Remember(start, interval, powLimitBits, memo.Bits);
            id = e.Parent;
        }
    }

    private uint Remember(int from, int interval, uint powLimitBits, uint bits)
    {
        _index.MinDifficultyWalk = new MinDifficultyWalk(from, interval, powLimitBits, bits);
        return bits;
    }

    private int Ancestor(int height)
    {
        int id = _index.GetAncestor(_tip, height);
        if (id == BlockIndex.None)
            throw new ArgumentOutOfRangeException(nameof(height), height, $"this ancestry holds heights 0..{Height}");
        return id;
    }
}
