namespace Node.Net;

/// <summary>The block sync's per-peer state, readable from any thread as a consistent snapshot.</summary>
public interface IPeerSyncStatsSource
{
    /// <summary>The snapshot for the peer with this <see cref="Peer.Id"/>, or false when the sync does not track it (yet).</summary>
    bool TryGetSyncStats(long peerId, out PeerSyncStats stats);
}
