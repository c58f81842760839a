using System.Net;
using Node.Chain.Index;
using Node.Chain.Validation;
using Node.Chain.View;
using Node.Net;
using Node.Primitives;
using Node.Sync.Events;
using Node.Sync.Headers;
using Node.Wire;

namespace Node.Sync.Core;

// Headers-first through the HeaderSyncState: one sync peer brings our headers to its tip, 2,000 at a time. Once
// its tip is reached every other peer is asked too (Core asks all peers once the best header is recent), so each
// peer's best known block is set and blocks come from all of them in parallel.
public sealed partial class SyncManager
{
    private readonly HeaderSyncState _headerSync;
    private readonly HeaderValidator _powCheck;

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
        // From the best header's parent, so the reply carries at least one header and sets the peer's best known block.
        int best = _chain.Index.BestHeader;
        int parent = _chain.Index.Parent(best);
        peer.HeadersSyncStarted = MaybeSendGetHeaders(peer, parent == BlockIndex.None ? best : parent);
    }

    /// <summary>Core's MaybeSendGetHeaders: not while a recent getheaders to the peer is unanswered.</summary>
    private bool MaybeSendGetHeaders(PeerSyncState peer, int fromId)
    {
        if (!_headerSync.MaySendGetHeaders(peer.Id)) return false;
        Span<Hash256> locator = stackalloc Hash256[ChainView.MaxLocatorSize];
        int n = _chain.Chain.GetLocator(fromId, locator);
        _headerSync.OnGetHeadersSent(peer.Id, locator[0]);
        Send(peer.Peer.SendAsync(new LocatorMessage(Command.GetHeaders, ProtocolVersions.Current, locator[..n], default)));
        return true;
    }

    /// <summary>
    /// Core v28's ProcessHeadersMessage order: every header's proof of work (checked on the peer's task), then the
    /// headers' continuity, then whether the first connects; only then are they validated and stored. A full
    /// message that connects asks for the next one before its headers are validated, so the peer's answer
    /// travels meanwhile (the locator starts at the message's last header, which the peer sent, so any server
    /// answers from there); should a header prove invalid, the peer is punished all the same.
    /// </summary>
    private void OnHeaders(PeerSyncState peer, PayloadLease lease)
    {
        var decoded = peer.Link.TakeHeaders();
        lease.Release(); // the peer reads and decodes its next message while these are validated
        int n = decoded.Count;
        Counters.HeadersReceivedAdd(n);
        if (!decoded.ProofOfWork.IsValid)
        {
            Punish(peer, "header with invalid proof of work: " + decoded.ProofOfWork);
            return;
        }
        var headers = decoded.Headers;
        var hashes = decoded.Hashes;
        var batch = _headerSync.OnHeaders(peer.Id, headers, hashes);
        if (batch.Action == HeaderSyncAction.DoesNotConnect)
        {
            OnUnconnectingHeaders(peer, hashes[n - 1]);
            return;
        }
        if (batch.Action == HeaderSyncAction.Disconnect)
        {
            Punish(peer, Describe(batch));
            return;
        }
        if (batch.Action == HeaderSyncAction.RequestMore && _chain.Index.TryGet(headers[0].PrevBlock, out int parent))
            RequestHeadersAfter(peer, batch.Last, parent);
        if (n > 0)
        {
            var accepted = _chain.AcceptHeaders(headers, hashes, out _);
            if (!accepted.IsValid)
            {
                Punish(peer, "invalid header received: " + accepted.Validation.CoreReason);
                return;
            }
            PeerHasBlock(peer, accepted.Id);
            peer.Known.Add(hashes[n - 1]);
        }
        switch (batch.Action)
        {
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
    /// The next getheaders after a full message whose headers are not stored yet: the locator is the message's
    /// last header, then the locator of the block the message builds on.
    /// </summary>
    private void RequestHeadersAfter(PeerSyncState peer, in Hash256 last, int parent)
    {
        if (!_headerSync.MaySendGetHeaders(peer.Id)) return;
        Span<Hash256> locator = stackalloc Hash256[ChainView.MaxLocatorSize];
        locator[0] = last;
        int n = 1 + _chain.Chain.GetLocator(parent, locator[1..]);
        _headerSync.OnGetHeadersSent(peer.Id, last);
        Send(peer.Peer.SendAsync(new LocatorMessage(Command.GetHeaders, ProtocolVersions.Current, locator[..n], default)));
    }

    /// <summary>Core's wording where it has one (CheckHeadersAreContinuous), else the error and height.</summary>
    private static string Describe(in HeaderBatchResult batch)
    {
        string at = batch.ErrorHeight >= 0 ? $" at height {batch.ErrorHeight}" : "";
        return batch.Error == HeaderSyncError.NotContinuous ? "non-continuous headers sequence" + at : $"headers: {batch.Error}{at}";
    }

    /// <summary>
    /// Core v28's HandleUnconnectingHeaders: a headers message that does not connect may announce a block whose
    /// parents we lack: ask for the gap from our best header (rate-limited as every getheaders) and remember the
    /// last header as the peer's unknown block. Never misbehaviour.
    /// </summary>
    private void OnUnconnectingHeaders(PeerSyncState peer, in Hash256 last)
    {
        peer.LastUnknownBlock = last;
        MaybeSendGetHeaders(peer, _chain.Index.BestHeader);
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
