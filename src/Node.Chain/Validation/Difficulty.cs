using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Chain.Validation;

/// <summary>The nBits a new header must carry: Core's GetNextWorkRequired and CalculateNextWorkRequired.</summary>
public static class Difficulty
{
    /// <summary>The required nBits of a header with time <paramref name="newTime"/> on top of <paramref name="parent"/>.</summary>
    public static uint NextWorkRequired<TAncestry>(ChainParams p, TAncestry parent, uint newTime)
        where TAncestry : IHeaderAncestry
    {
        int interval = p.DifficultyAdjustmentInterval;
        int parentHeight = parent.Height;
        uint parentBits = parent.BitsAt(parentHeight);

        if ((parentHeight + 1) % interval != 0)
        {
            if (!p.PowAllowMinDifficultyBlocks) return parentBits;

            uint powLimitBits = p.PowLimitBits;
            // Testnet: a block more than two spacings after its parent may be mined at minimum difficulty.
            if (newTime > parent.TimeAt(parentHeight) + 2 * p.PowTargetSpacing) return powLimitBits;

            // Otherwise it carries the difficulty of the last block not mined under that exception.
            return parent.LastNonMinDifficultyBits(parentHeight, interval, powLimitBits);
        }

        // Core's window is 2015 blocks long: the period's first block to its last.
        int firstHeight = parentHeight - (interval - 1);
        return CalculateNextWorkRequired(p, parent, firstHeight);
    }

    private static uint CalculateNextWorkRequired<TAncestry>(ChainParams p, TAncestry parent, int firstHeight)
        where TAncestry : IHeaderAncestry
    {
        int lastHeight = parent.Height;
        uint lastBits = parent.BitsAt(lastHeight);
        if (p.PowNoRetargeting) return lastBits;

        long actualTimespan = (long)parent.TimeAt(lastHeight) - parent.TimeAt(firstHeight);
        // BIP94: the first block of a period cannot use the min-difficulty exception, so it holds the real difficulty.
        uint baseBits = p.EnforceBip94 ? parent.BitsAt(firstHeight) : lastBits;
        return Retarget(p, baseBits, actualTimespan);
    }

    /// <summary>
    /// The retarget arithmetic: scale the target of <paramref name="baseBits"/> by the actual timespan
    /// over the target timespan, the timespan clamped to a factor of 4 either way, capped at the pow limit.
    /// </summary>
    public static uint Retarget(ChainParams p, uint baseBits, long actualTimespan)
    {
        long target = p.PowTargetTimespan;
        actualTimespan = Math.Clamp(actualTimespan, target / ConsensusConstants.RetargetClamp, target * ConsensusConstants.RetargetClamp);

        var next = UInt256.FromCompact(baseBits, out _, out _);
        next *= (ulong)actualTimespan;
        next /= (ulong)target;
        if (next > p.PowLimit) next = p.PowLimit;
        return next.ToCompact();
    }
}
