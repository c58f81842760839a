using Node.Primitives.Consensus;

namespace Node.Sync.Headers;

/// <summary>Which peers headers-first sync may follow (btcd's isSyncCandidate).</summary>
public static class SyncCandidate
{
    /// <summary>NODE_NETWORK: serves the full block chain.</summary>
    public const ulong NodeNetwork = 1;

    /// <summary>NODE_WITNESS (BIP144): serves blocks with witness data.</summary>
    public const ulong NodeWitness = 1 << 3;

    /// <summary>
    /// A full node (NODE_NETWORK), witness-enabled once segwit is active at our next block; on regtest
    /// only a peer on this machine.
    /// </summary>
    public static bool Qualifies(ChainParams chainParams, ulong services, bool isLocalhost, int ourHeight)
    {
        if (chainParams.Type == ChainType.Regtest) return isLocalhost;
        if ((services & NodeNetwork) == 0) return false;
        bool segwitActive = ourHeight + 1 >= chainParams.SegwitHeight;
        return !segwitActive || (services & NodeWitness) != 0;
    }
}
