using Node.Net;

namespace Node.Sync.Core;

public sealed partial class SyncManager
{
    private void OnTick()
    {
        CheckDownloadTimeouts();
        CheckHeadersTimeout();
        ResumeStuckServing();
        if (!_announcePending) AnnounceBlocks(); // a round the full ring could not take
    }

    /// <summary>Core's headers sync timeout: a slow sync peer is dropped when another candidate can take over.</summary>
    private void CheckHeadersTimeout()
    {
        if (!_headerSync.SyncPeerTimedOut(_chain.TipHeight) || SyncPeer is not { } peer) return;
        if (peer.Peer.Permissions.Has(PeerPermissions.NoBan)) return; // Core keeps a noban sync peer
        Drop(peer, DisconnectReason.Requested, "timeout downloading headers");
    }

    /// <summary>
    /// btcd's IsCurrent: the chain believes it is caught up (not in initial block download) and no sync peer
    /// claims a greater height than our tip. Read it on the core thread (in an event handler); elsewhere it is a snapshot.
    /// </summary>
    public bool IsCurrent => !_chain.IsInitialBlockDownload && (SyncPeer is not { } p || p.Height <= _chain.TipHeight);
}
