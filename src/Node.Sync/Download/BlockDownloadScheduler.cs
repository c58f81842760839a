using Node.Chain.Index;
using Node.Primitives;

namespace Node.Sync.Download;

/// <summary>
/// Parallel block download over the header tree, with Bitcoin Core's semantics (net_processing.cpp:
/// FindNextBlocksToDownload, BlockRequested, RemoveBlockRequest and the stalling and download timeouts of
/// SendMessages): up to <see cref="BlockDownloadOptions.MaxBlocksInTransitPerPeer"/> blocks in flight per
/// peer, each block in flight from one peer, only blocks that are ancestors of the peer's best known
/// header and within <see cref="BlockDownloadOptions.DownloadWindow"/> blocks of the last block we share
/// with it. When the window cannot move because its first missing block is in flight from one peer while
/// another has room and nothing to fetch, that peer is the staller, and it is condemned once the stalling
/// timeout passes. Owned by the sync core: one thread, no locks, no allocation per request in steady state.
/// </summary>
public sealed class BlockDownloadScheduler
{
    /// <summary>No peer (a block not in flight, no staller).</summary>
    public const int NoPeer = -1;

    // Core reads successors in batches of 128 by walking parents: one skip-list search per batch.
    private const int WalkBatch = 128;

    private readonly IBlockDownloadChain _chain;
    private readonly BlockDownloadOptions _options;
    private readonly TimeProvider _clock;
    private readonly Dictionary<int, PeerDownload> _peers = [];
    private readonly Dictionary<int, int> _inFlight = [];
    private TimeSpan _stallingTimeout;
    private int _peersDownloadingFrom;

    public BlockDownloadScheduler(IBlockDownloadChain chain, BlockDownloadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        _chain = chain;
        _options = options ?? new BlockDownloadOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxBlocksInTransitPerPeer, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.DownloadWindow, 1, nameof(options));
        _clock = _options.Clock;
        _stallingTimeout = _options.StallingTimeoutDefault;
    }

    /// <summary>The current stalling timeout (Core's m_block_stalling_timeout).</summary>
    public TimeSpan StallingTimeout => _stallingTimeout;

    /// <summary>Peers with at least one block in flight (m_peers_downloading_from).</summary>
    public int PeersDownloadingFrom => _peersDownloadingFrom;

    public int BlocksInFlight => _inFlight.Count;

    public int PeerCount => _peers.Count;

    public int InFlightCount(int peer) => _peers.TryGetValue(peer, out var p) ? p.InFlight.Count : 0;

    /// <summary>The peer a block is in flight from, or <see cref="NoPeer"/>.</summary>
    public int InFlightFrom(int blockId) => _inFlight.TryGetValue(blockId, out int peer) ? peer : NoPeer;

    /// <summary>The peer's best known header id, or <see cref="BlockIndex.None"/>.</summary>
    public int BestKnown(int peer) => _peers.TryGetValue(peer, out var p) ? p.BestKnown : BlockIndex.None;

    /// <summary>The last block id we and the peer both have (pindexLastCommonBlock), or <see cref="BlockIndex.None"/>.</summary>
    public int LastCommon(int peer) => _peers.TryGetValue(peer, out var p) ? p.LastCommon : BlockIndex.None;

    /// <summary>The block ids in flight from the peer, oldest request first (empty for an unregistered peer).</summary>
    public IReadOnlyList<int> InFlightBlocks(int peer) => _peers.TryGetValue(peer, out var p) ? p.InFlight : [];

    /// <summary>Registers a connected peer that serves blocks; <paramref name="servesWitness"/> is NODE_WITNESS.</summary>
    public void AddPeer(int peer, bool servesWitness)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(peer);
        if (!_peers.TryAdd(peer, new PeerDownload(_options.MaxBlocksInTransitPerPeer, servesWitness)))
            throw new ArgumentException($"peer {peer} is already registered", nameof(peer));
    }

    /// <summary>
    /// The peer has this header and its ancestors (it sent the header or announced the block): it becomes the
    /// peer's best known block unless that already has more work (Core's UpdateBlockAvailability).
    /// </summary>
    public void OnPeerHasBlock(int peer, int blockId)
    {
        var p = Peer(peer);
        var index = _chain.Index;
        if (p.BestKnown == BlockIndex.None || index[blockId].ChainWork >= index[p.BestKnown].ChainWork)
            p.BestKnown = blockId;
    }

    /// <summary>
    /// Chooses the blocks to request from <paramref name="peer"/> now, at most its free in-flight slots and
    /// <paramref name="destination"/>'s length, marks them in flight from it and writes their ids in chain
    /// order. Returns the count. May start the stalling clock of the peer holding the window still.
    /// </summary>
    public int NextBlocksToRequest(int peer, Span<int> destination)
    {
        var p = Peer(peer);
        if (p.Condemned) return 0;
        int budget = Math.Min(destination.Length, _options.MaxBlocksInTransitPerPeer - p.InFlight.Count);
        if (budget <= 0) return 0;

        int count = FindNextBlocks(peer, p, destination[..budget], out int staller);
        if (count > 0)
        {
            long now = _clock.GetTimestamp();
            for (int i = 0; i < count; i++) MarkRequested(peer, p, destination[i], now);
        }
        if (p.InFlight.Count == 0 && staller != NoPeer && _peers.TryGetValue(staller, out var s) && s.StallingSince == PeerDownload.NotSet)
            s.StallingSince = _clock.GetTimestamp();
        return count;
    }

    /// <summary>A block arrived from <paramref name="peer"/>. Closes its request if this peer was asked for it.</summary>
    public BlockReceipt OnBlockReceived(int peer, in Hash256 hash)
    {
        if (!_peers.TryGetValue(peer, out var p)) return BlockReceipt.UnknownPeer;
        if (!_chain.Index.TryGet(hash, out int id) || !_inFlight.TryGetValue(id, out int holder) || holder != peer)
            return BlockReceipt.Unrequested;

        int position = p.InFlight.IndexOf(id);
        if (position == 0) p.DownloadingSince = Math.Max(p.DownloadingSince, _clock.GetTimestamp());
        p.InFlight.RemoveAt(position);
        if (p.InFlight.Count == 0) _peersDownloadingFrom--;
        p.StallingSince = PeerDownload.NotSet;
        _inFlight.Remove(id);
        return BlockReceipt.Requested;
    }

    /// <summary>The peer is gone: everything in flight from it can be requested from others at once.</summary>
    public void OnPeerDisconnected(int peer)
    {
        if (!_peers.Remove(peer, out var p)) return;
        foreach (int id in p.InFlight) _inFlight.Remove(id);
        if (p.InFlight.Count > 0) _peersDownloadingFrom--;
    }

    /// <summary>A block was connected: a raised stalling timeout decays by 15% toward its default (Core's BlockConnected).</summary>
    public void OnBlockConnected()
    {
        if (_stallingTimeout == _options.StallingTimeoutDefault) return;
        // Core casts the product to whole seconds.
        var decayed = TimeSpan.FromSeconds(Math.Floor(_stallingTimeout.TotalSeconds * 0.85));
        _stallingTimeout = decayed > _options.StallingTimeoutDefault ? decayed : _options.StallingTimeoutDefault;
    }

    /// <summary>
    /// Whether the peer must be disconnected now for stalling the window or for a block download timeout
    /// (block interval × (1 + 0.5 × other peers we download from)). A verdict is given once; a stalling
    /// verdict doubles the stalling timeout for the next peer, up to its maximum.
    /// </summary>
    public DownloadVerdict CheckPeer(int peer)
    {
        if (!_peers.TryGetValue(peer, out var p) || p.Condemned) return DownloadVerdict.None;
        long now = _clock.GetTimestamp();
        if (p.StallingSince != PeerDownload.NotSet && _clock.GetElapsedTime(p.StallingSince, now) > _stallingTimeout)
        {
            p.Condemned = true;
            var doubled = _stallingTimeout * 2;
            _stallingTimeout = doubled < _options.StallingTimeoutMax ? doubled : _options.StallingTimeoutMax;
            return DownloadVerdict.Stalling;
        }
        if (p.InFlight.Count > 0)
        {
            double intervals = _options.DownloadTimeoutBase + _options.DownloadTimeoutPerPeer * (_peersDownloadingFrom - 1);
            var limit = TimeSpan.FromSeconds(_chain.Params.PowTargetSpacing * intervals);
            if (_clock.GetElapsedTime(p.DownloadingSince, now) > limit)
            {
                p.Condemned = true;
                return DownloadVerdict.BlockDownloadTimeout;
            }
        }
        return DownloadVerdict.None;
    }

    private int FindNextBlocks(int peer, PeerDownload p, Span<int> destination, out int staller)
    {
        staller = NoPeer;
        var index = _chain.Index;
        var chain = _chain.Chain;
        if (p.BestKnown == BlockIndex.None || chain.Tip == BlockIndex.None) return 0;
        ref readonly var best = ref index[p.BestKnown];
        if (best.ChainWork < index[chain.Tip].ChainWork || best.ChainWork < _chain.MinimumChainWork) return 0;

        // Guess the fork point from our chain, then correct it: the peer may have reorganized.
        if (p.LastCommon == BlockIndex.None) p.LastCommon = chain.NodeByHeight(Math.Min(best.Height, chain.Height));
        p.LastCommon = index.LastCommonAncestor(p.LastCommon, p.BestKnown);
        if (p.LastCommon == p.BestKnown) return 0;

        // One block past the window is walked so a peer that could fetch it if the window were larger
        // learns who holds the window still. Unlike Core, the window end follows the last common block as
        // the walk advances it, so blocks stored since the last call open the window in this call already.
        int window = _options.DownloadWindow;
        int segwitHeight = _chain.Params.SegwitHeight;
        int waitingFor = NoPeer;
        int count = 0;
        bool linked = true;
        Span<int> batch = stackalloc int[WalkBatch];
        int walkHeight = index[p.LastCommon].Height;
        while (true)
        {
            int maxHeight = Math.Min(best.Height, index[p.LastCommon].Height + window + 1);
            if (walkHeight >= maxHeight) return count;
            int take = Math.Min(maxHeight - walkHeight, WalkBatch);
            walkHeight += take;
            batch[take - 1] = index.GetAncestor(p.BestKnown, walkHeight);
            for (int i = take - 1; i > 0; i--) batch[i - 1] = index.Parent(batch[i]);

            foreach (int id in batch[..take])
            {
                ref readonly var e = ref index[id];
                if (e.IsFailedOrDescendsFromFailed) return count; // the peer's chain is invalid
                if (!p.ServesWitness && e.Height >= segwitHeight) return count;
                if (_chain.HasBlockData(id) || chain.Contains(id))
                {
                    if (linked) p.LastCommon = id;
                    continue;
                }
                linked = false;
                if (_inFlight.TryGetValue(id, out int holder))
                {
                    if (waitingFor == NoPeer) waitingFor = holder;
                    continue;
                }
                if (e.Height > index[p.LastCommon].Height + window)
                {
                    if (count == 0 && waitingFor != peer) staller = waitingFor;
                    return count;
                }
                destination[count++] = id;
                if (count == destination.Length) return count;
            }
        }
    }

    private void MarkRequested(int peer, PeerDownload p, int id, long now)
    {
        p.InFlight.Add(id);
        _inFlight.Add(id, peer);
        if (p.InFlight.Count == 1)
        {
            p.DownloadingSince = now;
            _peersDownloadingFrom++;
        }
    }

    private PeerDownload Peer(int peer) =>
        _peers.TryGetValue(peer, out var p) ? p : throw new ArgumentException($"peer {peer} is not registered", nameof(peer));
}
