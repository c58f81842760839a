using Node.Net;
using Node.Sync.Download;
using Node.Wire;

namespace Node.Sync.Core;

// Parallel block download through the BlockDownloadScheduler (Core's FindNextBlocksToDownload, stalling and
// download timeouts): every good peer gets up to 16 blocks in flight within the 1,024-block window. A dropped
// staller's blocks are requested from the others at once, before its disconnect completes.
public sealed partial class SyncManager
{
    private readonly BlockDownloadScheduler _download;

    /// <summary>Blocks requested and not yet received, over all peers (a snapshot of core state).</summary>
    public int BlocksInFlight => _download.BlocksInFlight;

    /// <summary>The current stalling timeout (doubles per staller dropped, decays as blocks connect).</summary>
    public TimeSpan StallTimeout => _download.StallingTimeout;

    private void RequestBlocksFromAll()
    {
        foreach (var peer in _peers.Values) RequestBlocks(peer);
    }

    private void RequestBlocks(PeerSyncState peer)
    {
        if (!peer.Downloads || peer.Peer.IsClosing) return;
        Span<int> ids = stackalloc int[_options.Download.MaxBlocksInTransitPerPeer];
        int count = _download.NextBlocksToRequest(peer.Id, ids);
        if (count == 0) return;
        Span<InventoryVector> request = stackalloc InventoryVector[count];
        var type = peer.HasWitness ? InventoryType.WitnessBlock : InventoryType.Block;
        for (int i = 0; i < count; i++) request[i] = new InventoryVector(type, _chain.Index[ids[i]].Hash);
        Counters.BlocksRequestedAdd(count);
        peer.Link.OnBlocksAsked();
        Send(peer.Peer.SendAsync(new InventoryMessage(Command.GetData, request)));
    }

    /// <summary>Stalls and download timeouts (Core's SendMessages checks).</summary>
    private void CheckDownloadTimeouts()
    {
        foreach (var peer in _peers.Values)
        {
            if (!peer.Downloads || peer.Peer.IsClosing) continue;
            var verdict = _download.CheckPeer(peer.Id);
            if (verdict == DownloadVerdict.None) continue;
            if (verdict == DownloadVerdict.Stalling)
            {
                Counters.StallDetected();
                StallDetected?.Invoke(peer.Peer.Id);
                Drop(peer, DisconnectReason.Requested, $"peer is stalling block download (timeout now {_download.StallingTimeout.TotalSeconds:0} s)");
            }
            else
            {
                Counters.DownloadTimedOut();
                Drop(peer, DisconnectReason.Requested, "timeout downloading block");
            }
            MoveBlocksOf(peer);
        }
    }

    /// <summary>A dropped peer's blocks are requested from the others now, not when its disconnect arrives.</summary>
    private void MoveBlocksOf(PeerSyncState peer)
    {
        if (!peer.Downloads) return;
        int moved = _download.InFlightCount(peer.Id);
        _download.OnPeerDisconnected(peer.Id);
        peer.Downloads = false;
        if (moved == 0) return;
        Counters.BlocksReRequestedAdd(moved);
        RequestBlocksFromAll();
    }
}
