using Node.Net;

namespace Node.Sync.Core;

public sealed partial class SyncManager
{
    private void OnTick()
    {
        CheckDownloadTimeouts();
        CheckHeadersTimeout();
        ResumeStuckServing();
        _progress.MaybeLog(_chain.TipHeight, _chain.BestHeaderHeight, _inFlight.Count, _peers.Count);
    }

    /// <summary>
    /// Core's initial-headers-sync stall: while the best header is over a day old, a sync peer past its deadline is
    /// dropped if another preferred peer can take over (a noban peer is kept but loses the sync role).
    /// </summary>
    private void CheckHeadersTimeout()
    {
        var peer = _syncPeer;
        if (peer is null || peer.HeadersSyncDeadline == 0 || NowMs <= peer.HeadersSyncDeadline) return;
        if (BestHeaderAgeSeconds() < 24 * 3600) return;
        if (!_peers.Values.Any(p => p != peer && p.PreferredDownload && IsSyncCandidate(p))) return;
        peer.HeadersSyncDeadline = 0;
        _syncPeer = null;
        if (!peer.Peer.Permissions.Has(PeerPermissions.NoBan)) Drop(peer, DisconnectReason.Requested, "timeout downloading headers");
        foreach (var candidate in _peers.Values)
            if (candidate != peer && MaybeStartHeadersSync(candidate)) break;
    }

    /// <summary>
    /// btcd's IsCurrent: the chain believes it is caught up (not in initial block download) and no sync peer
    /// claims a greater height than our tip.
    /// </summary>
    public bool IsCurrent => !_chain.IsInitialBlockDownload && (_syncPeer is null || _syncPeer.Height <= _chain.TipHeight);
}
