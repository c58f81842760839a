using Node.Chain.Index;
using Node.Net;

namespace Node.Sync.Core;

/// <summary>Per-peer snapshots for getpeerinfo, taken under the chain gate the core holds while it handles an event.</summary>
public sealed partial class SyncManager : IPeerSyncStatsSource
{
    public bool TryGetSyncStats(long peerId, out PeerSyncStats stats)
    {
        stats = default;
        if (peerId is < 0 or > int.MaxValue) return false;
        lock (_options.ChainGate)
        {
            if (!_peers.TryGetValue((int)peerId, out var peer)) return false;
            var index = _chain.Index;
            var inFlight = _download.InFlightBlocks(peer.Id);
            var heights = inFlight.Count == 0 ? [] : new int[inFlight.Count];
            for (int i = 0; i < heights.Length; i++) heights[i] = index[inFlight[i]].Height;
            stats = new PeerSyncStats(HeightOf(index, peer.BestKnownId), HeightOf(index, _download.LastCommon(peer.Id)), heights, peer.LastBlockTime);
            return true;
        }
    }

    private static int HeightOf(BlockIndex index, int id) => id == BlockIndex.None ? -1 : index[id].Height;
}
