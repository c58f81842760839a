using Node.Primitives;

namespace Node.Chain.Validation;

/// <summary>
/// The chain a new header would extend, as contextual header validation sees it: the tip is the
/// new header's parent. Heights are absolute; an implementation answers for heights up to
/// <see cref="Height"/> along the tip's own ancestry (not the active chain, when the tip is on a
/// fork). Validation asks for at most the tip's period (2016 blocks back) and, on testnets, the
/// walk back over min-difficulty blocks.
/// </summary>
public interface IHeaderAncestry
{
    /// <summary>Height of the tip (the parent of the header being validated).</summary>
    int Height { get; }

    Hash256 TipHash { get; }

    /// <summary>nTime of the tip's ancestor at <paramref name="height"/>.</summary>
    uint TimeAt(int height);

    /// <summary>nBits of the tip's ancestor at <paramref name="height"/>.</summary>
    uint BitsAt(int height);

    /// <summary>
    /// Core's GetMedianTimePast of the tip: the median of the timestamps of the tip and up to 10 of
    /// its ancestors (fewer near genesis or the trusted base); <see cref="MedianTime.Of"/> computes it.
    /// </summary>
    uint MedianTimePast();

    /// <summary>
    /// Core's walk back over min-difficulty blocks (testnets): the nBits of the nearest ancestor, from
    /// <paramref name="height"/> down, that starts a retarget period, is the genesis block, or does not carry
    /// <paramref name="powLimitBits"/>. Implementations holding parent links walk them instead of looking each height up.
    /// </summary>
    uint LastNonMinDifficultyBits(int height, int interval, uint powLimitBits)
    {
        uint bits = BitsAt(height);
        while (height > 0 && height % interval != 0 && bits == powLimitBits) bits = BitsAt(--height);
        return bits;
    }
}
