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

    /// <summary>A sync peer that leaves our getheaders unanswered is dropped and another candidate takes over.</summary>
    private void CheckHeadersTimeout()
    {
        var peer = _syncPeer;
        if (peer is null || peer.HeadersRequestedAt == 0) return;
        if (NowMs - peer.HeadersRequestedAt <= (long)_options.HeadersResponseTimeout.TotalMilliseconds) return;
        Drop(peer, Net.DisconnectReason.Requested, "headers sync timeout");
    }

    /// <summary>
    /// btcd's IsCurrent: the chain believes it is caught up (not in initial block download) and no sync peer
    /// claims a greater height than our tip.
    /// </summary>
    public bool IsCurrent => !_chain.IsInitialBlockDownload && (_syncPeer is null || _syncPeer.Height <= _chain.TipHeight);
}
