using System.Net;
using Node.Chain.Index;
using Node.Chain.View;
using Node.Net;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Wire;

namespace Node.Sync.Core;

// Headers-first: one sync peer brings our headers to its tip, 2,000 at a time; once it is done every other
// candidate is asked too (Core asks all peers once the best header is recent), so each peer's best known block
// is set and blocks come from all of them in parallel.
public sealed partial class SyncManager
{
    private PeerSyncState? _syncPeer;
    private bool _initialHeadersDone;

    /// <summary>The peer we sync headers from, or none.</summary>
    public long? SyncPeerId => _syncPeer?.Peer.Id;

    /// <summary>
    /// A full node (NODE_NETWORK, and NODE_WITNESS once segwit is active at our best header) with a finished
    /// handshake; on regtest only a localhost peer qualifies (btcd's rule).
    /// </summary>
    private bool IsSyncCandidate(PeerSyncState peer)
    {
        if (peer.Peer.IsClosing) return false;
        if (_chain.Params.Type == ChainType.Regtest && !IPAddress.IsLoopback(peer.Peer.RemoteEndPoint.Address)) return false;
        ulong required = ServiceFlags.Network;
        if (_chain.BestHeaderHeight + 1 >= _chain.Params.SegwitHeight) required |= ServiceFlags.Witness;
        return ServiceFlags.HasAll(peer.Services, required);
    }

    /// <returns>True when a getheaders was sent.</returns>
    private bool MaybeStartHeadersSync(PeerSyncState peer)
    {
        if (peer.HeadersSyncStarted || !IsSyncCandidate(peer)) return false;
        if (!_initialHeadersDone)
        {
            // One sync peer at a time (Core's nSyncStarted): preferably outbound, and (btcd) not behind our best header.
            if (_syncPeer is not null || peer.Height < _chain.BestHeaderHeight) return false;
            if (!peer.PreferredDownload && _peers.Values.Any(p => p.PreferredDownload && IsSyncCandidate(p))) return false;
            _syncPeer = peer;
            peer.HeadersSyncDeadline = NowMs + (long)(_options.HeadersSyncTimeout + ExpectedHeaders() * _options.HeadersSyncTimeoutPerHeader).TotalMilliseconds;
        }
        peer.HeadersSyncStarted = true;
        // From the best header's parent, so the reply carries at least one header and sets the peer's best known block.
        int best = _chain.Index.BestHeader;
        int parent = _chain.Index.Parent(best);
        SendGetHeaders(peer, parent == BlockIndex.None ? best : parent);
        if (peer == _syncPeer) SyncLog.SyncPeer(_log, peer.Id, peer.Height);
        return true;
    }

    private void SendGetHeaders(PeerSyncState peer, int fromId)
    {
        Span<Hash256> locator = stackalloc Hash256[ChainView.MaxLocatorSize];
        int n = _chain.Chain.GetLocator(fromId, locator);
        Send(peer.Peer.SendAsync(new LocatorMessage(Command.GetHeaders, ProtocolVersions.Current, locator[..n], default)));
    }

    private void OnHeaders(PeerSyncState peer)
    {
        var link = peer.Link;
        int n = link.HeaderCount;
        Counters.HeadersReceivedAdd(n);
        if (n == 0)
        {
            if (peer == _syncPeer) InitialHeadersDone();
            return;
        }
        var headers = link.Headers.AsSpan(0, n);
        var hashes = link.HeaderHashes.AsSpan(0, n);
        for (int i = 1; i < n; i++)
        {
            if (headers[i].PrevBlock != hashes[i - 1])
            {
                Punish(peer, 100, "non-continuous headers sequence");
                return;
            }
        }
        if (!_chain.Index.Contains(headers[0].PrevBlock))
        {
            // Core: a headers message that does not connect may announce a block whose parents we lack: ask for
            // the gap, and count such messages; every MAX_NUM_UNCONNECTING_HEADERS_MSGS of them is misbehaviour.
            peer.UnconnectingHeaders++;
            peer.LastUnknownBlock = hashes[n - 1];
            SendGetHeaders(peer, _chain.Index.BestHeader);
            if (peer.UnconnectingHeaders % _options.MaxUnconnectingHeaders == 0)
                Punish(peer, 20, $"{peer.UnconnectingHeaders} non-connecting headers messages");
            return;
        }
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
        UpdateBestKnown(peer, last);
        peer.Known.Add(hashes[n - 1]);
        if (n == ChainView.MaxHeadersResults)
        {
            SendGetHeaders(peer, last);
        }
        else
        {
            if (peer == _syncPeer) InitialHeadersDone();
            if (!HasMinimumWork(peer) && _chain.IsInitialBlockDownload && !peer.Peer.Permissions.Has(PeerPermissions.NoBan)
                && peer.Peer.Direction == PeerDirection.Outbound && !peer.Peer.IsManual)
            {
                // Core (before headers presync) drops an outbound peer whose whole chain is below the minimum chain work.
                Drop(peer, DisconnectReason.Requested, "headers chain has insufficient work");
                return;
            }
        }
        RequestBlocksFromAll();
    }

    private void InitialHeadersDone()
    {
        if (_initialHeadersDone) return;
        _initialHeadersDone = true;
        if (_syncPeer is not null) _syncPeer.HeadersSyncDeadline = 0;
        SyncLog.HeadersSynced(_log, _chain.BestHeaderHeight, _chain.BestHeader);
        foreach (var other in _peers.Values) MaybeStartHeadersSync(other);
    }

    /// <summary>Headers still to come, guessed from the best header's age and the target spacing.</summary>
    private long ExpectedHeaders()
    {
        long age = _chain.Params.Type == ChainType.Regtest ? 0 : BestHeaderAgeSeconds();
        return Math.Max(0, age / _chain.Params.PowTargetSpacing);
    }

    private long BestHeaderAgeSeconds() =>
        _options.ChainClock.GetUtcNow().ToUnixTimeSeconds() - _chain.Index[_chain.Index.BestHeader].Time;

    private bool HasMinimumWork(PeerSyncState peer) =>
        peer.BestKnownId != BlockIndex.None && _chain.Index[peer.BestKnownId].ChainWork >= _chain.MinimumChainWork;

    /// <summary>Core's UpdateBlockAvailability for a known block: the peer's best known block moves up to it.</summary>
    private void UpdateBestKnown(PeerSyncState peer, int id)
    {
        ref readonly var e = ref _chain.Index[id];
        if (peer.BestKnownId == BlockIndex.None || e.ChainWork > _chain.Index[peer.BestKnownId].ChainWork)
            peer.BestKnownId = id;
        if (e.Height > peer.Height) peer.Height = e.Height;
    }

    /// <summary>Core's ProcessBlockAvailability: an announced block that became known sets the best known block.</summary>
    private void ProcessBlockAvailability(PeerSyncState peer)
    {
        if (peer.LastUnknownBlock is not { } hash || !_chain.Index.TryGet(hash, out int id)) return;
        if (_chain.Index[id].ChainWork > UInt256.Zero) UpdateBestKnown(peer, id);
        peer.LastUnknownBlock = null;
    }

    private static void Send(ValueTask<bool> pending)
    {
        if (!pending.IsCompleted) _ = pending.AsTask();
        else _ = pending.Result;
    }
}
