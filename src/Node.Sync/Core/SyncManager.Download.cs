using Node.Chain.Index;
using Node.Net;
using Node.Primitives;
using Node.Wire;

namespace Node.Sync.Core;

// Parallel block download (Core's FindNextBlocksToDownload): every good peer gets up to 16 blocks in flight from
// the part of its best known chain within the 1,024-block window past our last common block. A peer that finds
// the window full of blocks another peer holds marks that peer as the staller; a staller that does not deliver
// within the stall timeout is dropped and its blocks go to the others at once.
public sealed partial class SyncManager
{
    private readonly Dictionary<Hash256, int> _inFlight = [];
    private int[] _walk = [];
    private TimeSpan _stallTimeout;

    /// <summary>Blocks requested and not yet received, over all peers (a snapshot of core state).</summary>
    public int BlocksInFlight => _inFlight.Count;

    /// <summary>The current stall timeout (doubles per staller dropped, decays as blocks connect).</summary>
    public TimeSpan StallTimeout => _stallTimeout;

    private bool CanDownloadFrom(PeerSyncState peer) => IsSyncCandidate(peer);

    private void RequestBlocksFromAll()
    {
        foreach (var peer in _peers.Values) RequestBlocks(peer);
    }

    private void RequestBlocks(PeerSyncState peer)
    {
        int free = _options.MaxBlocksInFlightPerPeer - peer.InFlight.Count;
        if (free <= 0 || !CanDownloadFrom(peer)) return;
        ProcessBlockAvailability(peer);
        int best = peer.BestKnownId;
        if (best == BlockIndex.None) return;
        var index = _chain.Index;
        ref readonly var bestEntry = ref index[best];
        ref readonly var tip = ref index[_chain.TipId];
        if (bestEntry.ChainWork < tip.ChainWork || bestEntry.ChainWork < _chain.MinimumChainWork) return;

        if (peer.LastCommonId == BlockIndex.None) peer.LastCommonId = _chain.Chain.NodeByHeight(Math.Min(bestEntry.Height, tip.Height));
        peer.LastCommonId = index.LastCommonAncestor(peer.LastCommonId, best);
        if (peer.LastCommonId == best) return;

        int from = index[peer.LastCommonId].Height + 1;
        int windowEnd = from - 1 + _options.BlockDownloadWindow;
        int to = Math.Min(bestEntry.Height, windowEnd + 1);
        int span = to - from + 1;
        if (_walk.Length < span) _walk = new int[Math.Max(span, _options.BlockDownloadWindow + 1)];
        for (int id = index.GetAncestor(best, to), i = span - 1; i >= 0; i--, id = index.Parent(id)) _walk[i] = id;

        Span<InventoryVector> request = stackalloc InventoryVector[Math.Min(free, 64)];
        int count = 0;
        PeerSyncState? waitingFor = null;
        bool contiguous = true;
        var type = peer.HasWitness ? InventoryType.WitnessBlock : InventoryType.Block;
        for (int i = 0; i < span && count < request.Length; i++)
        {
            int id = _walk[i];
            ref readonly var e = ref index[id];
            if (e.IsFailedOrDescendsFromFailed) break;
            if ((e.Status & BlockStatus.DataStored) != 0 || _chain.Chain.Contains(id))
            {
                if (contiguous) peer.LastCommonId = id;
                continue;
            }
            contiguous = false;
            if (_inFlight.TryGetValue(e.Hash, out int owner))
            {
                if (waitingFor is null && owner != peer.Id) _peers.TryGetValue(owner, out waitingFor);
                continue;
            }
            if (e.Height > windowEnd)
            {
                // The window is full of blocks others hold: the one holding its first block stalls us.
                if (count == 0 && peer.InFlight.Count == 0 && waitingFor is not null && waitingFor.StallingSince == 0)
                {
                    waitingFor.StallingSince = NowMs;
                    SyncLog.Stalling(_log, waitingFor.Id, e.Height - _options.BlockDownloadWindow);
                }
                break;
            }
            request[count++] = new InventoryVector(type, e.Hash);
            _inFlight[e.Hash] = peer.Id;
            peer.InFlight.Add(e.Hash);
            Counters.BlockRequested();
        }
        if (count == 0) return;
        if (peer.InFlight.Count == count) peer.DownloadingSince = NowMs;
        Send(peer.Peer.SendAsync(new InventoryMessage(Command.GetData, request[..count])));
    }

    /// <summary>Core's RemoveBlockRequest for a block that arrived from <paramref name="peer"/>.</summary>
    private bool RemoveInFlight(in Hash256 hash, PeerSyncState peer)
    {
        if (!_inFlight.TryGetValue(hash, out int owner) || owner != peer.Id) return false;
        _inFlight.Remove(hash);
        int at = peer.InFlight.IndexOf(hash);
        if (at == 0) peer.DownloadingSince = Math.Max(peer.DownloadingSince, NowMs);
        if (at >= 0) peer.InFlight.RemoveAt(at);
        peer.StallingSince = 0;
        return true;
    }

    /// <summary>Forgets every block in flight from the peer; returns how many, to be requested from others.</summary>
    private int ForgetInFlight(PeerSyncState peer)
    {
        int n = 0;
        foreach (var hash in peer.InFlight)
        {
            if (_inFlight.TryGetValue(hash, out int owner) && owner == peer.Id)
            {
                _inFlight.Remove(hash);
                n++;
            }
        }
        peer.InFlight.Clear();
        peer.StallingSince = 0;
        return n;
    }

    /// <summary>Stalls and download timeouts (Core's SendMessages checks).</summary>
    private void CheckDownloadTimeouts()
    {
        long now = NowMs;
        int downloading = 0;
        foreach (var peer in _peers.Values)
            if (peer.InFlight.Count > 0) downloading++;
        foreach (var peer in _peers.Values)
        {
            if (peer.Peer.IsClosing) continue;
            if (peer.StallingSince != 0 && now - peer.StallingSince > (long)_stallTimeout.TotalMilliseconds)
            {
                Counters.StallDetected();
                StallDetected?.Invoke(peer.Peer.Id);
                Drop(peer, DisconnectReason.Requested, $"peer is stalling block download, timeout {_stallTimeout.TotalSeconds:0.#} s");
                var doubled = _stallTimeout * 2;
                _stallTimeout = doubled > _options.MaxStallTimeout ? _options.MaxStallTimeout : doubled;
                MoveBlocksOf(peer);
                continue;
            }
            if (peer.InFlight.Count > 0)
            {
                var timeout = _options.BlockDownloadTimeout * (1 + 0.5 * (downloading - 1));
                if (now - peer.DownloadingSince > (long)timeout.TotalMilliseconds)
                {
                    Counters.DownloadTimedOut();
                    Drop(peer, DisconnectReason.Requested, $"timeout downloading block {peer.InFlight[0]}");
                    MoveBlocksOf(peer);
                }
            }
        }
    }

    /// <summary>A dropped peer's blocks are requested from the others now, not when its disconnect arrives.</summary>
    private void MoveBlocksOf(PeerSyncState peer)
    {
        int moved = ForgetInFlight(peer);
        if (moved == 0) return;
        Counters.BlocksReRequestedAdd(moved);
        RequestBlocksFromAll();
    }

    private void DecayStallTimeout()
    {
        if (_stallTimeout <= _options.StallTimeout) return;
        var decayed = _stallTimeout * 0.85;
        _stallTimeout = decayed < _options.StallTimeout ? _options.StallTimeout : decayed;
    }
}
