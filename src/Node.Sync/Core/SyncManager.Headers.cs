using System.Net;
using Node.Chain.Index;
using Node.Chain.View;
using Node.Net;
using Node.Primitives;
using Node.Sync.Headers;
using Node.Wire;

namespace Node.Sync.Core;

// Headers-first through the HeaderSyncState: one sync peer brings our headers to its tip, 2,000 at a time. Once
// its tip is reached every other peer is asked too (Core asks all peers once the best header is recent), so each
// peer's best known block is set and blocks come from all of them in parallel.
public sealed partial class SyncManager
{
    private readonly HeaderSyncState _headerSync;

    /// <summary>The peer we sync headers from, or none.</summary>
    public long? SyncPeerId => _peers.TryGetValue(_headerSync.SyncPeer, out var p) ? p.Peer.Id : null;

    private PeerSyncState? SyncPeer => _peers.GetValueOrDefault(_headerSync.SyncPeer);

    private static bool IsLocalhost(Peer peer) => IPAddress.IsLoopback(peer.RemoteEndPoint.Address);

    /// <summary>btcd's isSyncCandidate: a full node, witness-enabled once segwit is active; on regtest localhost only.</summary>
    private bool Qualifies(PeerSyncState peer) =>
        SyncCandidate.Qualifies(_chain.Params, peer.Services, IsLocalhost(peer.Peer), _chain.BestHeaderHeight);

    /// <summary>Chooses a sync peer when there is none and header sync is not done, and asks it for headers.</summary>
    private void MaybeStartSync()
    {
        if (_headerSync.HeadersSynced || _headerSync.SyncPeer != HeaderSyncState.NoPeer) return;
        int chosen = _headerSync.StartSync(_chain.TipHeight);
        if (!_peers.TryGetValue(chosen, out var peer)) return;
        SyncLog.SyncPeer(_log, peer.Id, peer.Height);
        StartHeaders(peer);
    }

    /// <summary>After the sync peer's tip: every other full node is asked once, from our best header's parent.</summary>
    private void StartHeaders(PeerSyncState peer)
    {
        if (peer.HeadersSyncStarted) return;
        peer.HeadersSyncStarted = true;
        // From the best header's parent, so the reply carries at least one header and sets the peer's best known block.
        int best = _chain.Index.BestHeader;
        int parent = _chain.Index.Parent(best);
        SendGetHeaders(peer, parent == BlockIndex.None ? best : parent);
    }

    private void SendGetHeaders(PeerSyncState peer, int fromId)
    {
        Span<Hash256> locator = stackalloc Hash256[ChainView.MaxLocatorSize];
        int n = _chain.Chain.GetLocator(fromId, locator);
        _headerSync.OnGetHeadersSent(peer.Id, locator[0]);
        Send(peer.Peer.SendAsync(new LocatorMessage(Command.GetHeaders, ProtocolVersions.Current, locator[..n], default)));
    }

    private void OnHeaders(PeerSyncState peer)
    {
        var link = peer.Link;
        int n = link.HeaderCount;
        Counters.HeadersReceivedAdd(n);
        var headers = link.Headers.AsSpan(0, n);
        var hashes = link.HeaderHashes.AsSpan(0, n);
        var batch = _headerSync.OnHeaders(peer.Id, headers, hashes);
        if (batch.Action == HeaderSyncAction.Disconnect)
        {
            if (batch.Error == HeaderSyncError.DoesNotConnect)
            {
                OnUnconnectingHeaders(peer, hashes[n - 1]);
                return;
            }
            Punish(peer, 100, $"headers: {batch.Error} at height {batch.ErrorHeight}");
            return;
        }
        if (n > 0)
        {
            peer.UnconnectingHeaders = 0;
            int last = BlockIndex.None;
            for (int i = 0; i < n; i++)
            {
                var accepted = _chain.AcceptHeader(headers[i], hashes[i]);
                if (!accepted.IsValid)
                {
                    Punish(peer, 100, "invalid header received: " + accepted.Validation.CoreReason);
                    return;
                }
                last = accepted.Id;
            }
            PeerHasBlock(peer, last);
            peer.Known.Add(hashes[n - 1]);
        }
        switch (batch.Action)
        {
            case HeaderSyncAction.RequestMore:
                SendGetHeaders(peer, _chain.Index.TryGet(batch.Last, out int lastId) ? lastId : _chain.Index.BestHeader);
                break;
            case HeaderSyncAction.TipReached:
                SyncLog.HeadersSynced(_log, _chain.BestHeaderHeight, _chain.BestHeader);
                foreach (var other in _peers.Values)
                    if (Qualifies(other)) StartHeaders(other);
                break;
            case HeaderSyncAction.LowWorkChain:
                SyncLog.LowWork(_log, peer.Id);
                MaybeStartSync();
                break;
        }
        RequestBlocksFromAll();
    }

    /// <summary>
    /// Core: a headers message that does not connect may announce a block whose parents we lack: ask for the gap
    /// and count such messages; every MAX_NUM_UNCONNECTING_HEADERS_MSGS of them is misbehaviour.
    /// </summary>
    private void OnUnconnectingHeaders(PeerSyncState peer, in Hash256 last)
    {
        peer.UnconnectingHeaders++;
        peer.LastUnknownBlock = last;
        SendGetHeaders(peer, _chain.Index.BestHeader);
        if (peer.UnconnectingHeaders % _options.MaxUnconnectingHeaders == 0)
            Punish(peer, 20, $"{peer.UnconnectingHeaders} non-connecting headers messages");
    }

    /// <summary>Core's UpdateBlockAvailability for a known block: the peer's best known block moves up to it.</summary>
    private void PeerHasBlock(PeerSyncState peer, int id)
    {
        ref readonly var e = ref _chain.Index[id];
        if (peer.BestKnownId == BlockIndex.None || e.ChainWork >= _chain.Index[peer.BestKnownId].ChainWork) peer.BestKnownId = id;
        if (peer.Downloads) _download.OnPeerHasBlock(peer.Id, id);
        RaiseHeight(peer, e.Height);
    }

    private void RaiseHeight(PeerSyncState peer, int height)
    {
        if (height <= peer.Height) return;
        peer.Height = height;
        _headerSync.OnPeerHeight(peer.Id, height);
    }

    /// <summary>Core's ProcessBlockAvailability: an announced block that became known sets the best known block.</summary>
    private void ProcessBlockAvailability(PeerSyncState peer)
    {
        if (peer.LastUnknownBlock is not { } hash || !_chain.Index.TryGet(hash, out int id)) return;
        PeerHasBlock(peer, id);
        peer.LastUnknownBlock = null;
    }

    private static void Send(ValueTask<bool> pending)
    {
        if (!pending.IsCompleted) _ = pending.AsTask();
        else _ = pending.Result;
    }
}
