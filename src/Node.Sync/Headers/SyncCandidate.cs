using Node.Net;
using Node.Primitives.Consensus;

namespace Node.Sync.Headers;

/// <summary>Which peers headers-first sync may follow (btcd's isSyncCandidate).</summary>
public static class SyncCandidate
{
    /// <summary>
    /// A full node (NODE_NETWORK), witness-enabled (NODE_WITNESS) once segwit is active at our next block;
    /// on regtest only a peer on this machine.
    /// </summary>
    public static bool Qualifies(ChainParams chainParams, ulong services, bool isLocalhost, int ourHeight)
    {
        if (chainParams.Type == ChainType.Regtest) return isLocalhost;
        if (!ServiceFlags.HasAll(services, ServiceFlags.Network)) return false;
        bool segwitActive = ourHeight + 1 >= chainParams.SegwitHeight;
        return !segwitActive || ServiceFlags.HasAll(services, ServiceFlags.Witness);
    }
}
