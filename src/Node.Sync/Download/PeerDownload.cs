using Node.Chain.Index;

namespace Node.Sync.Download;

/// <summary>One peer's block download state (Core's CNodeState download fields).</summary>
internal sealed class PeerDownload(int maxInFlight, bool servesWitness)
{
    public const long NotSet = long.MinValue;

    public readonly bool ServesWitness = servesWitness;

    /// <summary>The most-work header this peer is known to have (pindexBestKnownBlock).</summary>
    public int BestKnown = BlockIndex.None;

    /// <summary>The last block we and the peer both have, all its ancestors stored (pindexLastCommonBlock).</summary>
    public int LastCommon = BlockIndex.None;

    /// <summary>Block ids requested, oldest first (vBlocksInFlight).</summary>
    public readonly List<int> InFlight = new(maxInFlight);

    /// <summary>When the oldest in-flight request started counting (m_downloading_since), in clock ticks.</summary>
    public long DownloadingSince = NotSet;

    /// <summary>When this peer was first seen holding the download window still (m_stalling_since).</summary>
    public long StallingSince = NotSet;

    /// <summary>A verdict was given; nothing more is scheduled for it until it is removed.</summary>
    public bool Condemned;
}
