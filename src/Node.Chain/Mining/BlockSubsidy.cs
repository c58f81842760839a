using Node.Primitives.Consensus;

namespace Node.Chain.Mining;

/// <summary>The new coins a block may create (Core's GetBlockSubsidy).</summary>
public static class BlockSubsidy
{
    /// <summary>50 BTC halved every <see cref="ChainParams.SubsidyHalvingInterval"/> blocks; zero after 64 halvings.</summary>
    public static long At(int height, ChainParams chainParams)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        int halvings = height / chainParams.SubsidyHalvingInterval;
        return halvings >= 64 ? 0 : ConsensusConstants.InitialSubsidy >> halvings;
    }
}
