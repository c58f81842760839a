using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Node.Chain.Index;
using Node.Chain.State;
using Node.Chain.Validation;
using Node.Net;
using Node.Sync.Download;
using Node.Sync.Events;
using Node.Sync.Headers;
using Node.Sync.Progress;
using Node.Wire;

namespace Node.Sync.Core;

/// <summary>
/// The sync core: one consumer loop that owns all sync state (peers, headers sync, blocks in flight,
/// serving queues) and drives the <see cref="ChainState"/>, fed through an <see cref="EventRing{T}"/> by
/// the peers' receive tasks. As the peers' <see cref="IPeerMessageSink"/> it does the stateless work on the
/// peer's task (headers decoded and hashed, a block's context-free checks, in parallel across peers); a block is
/// copied out of the receive buffer and owned by the core until processed, while the peer reads on (up to
/// <see cref="SyncOptions.BlocksPerPeer"/> of them); any other message holds that peer's reads until processed.
/// Partial files: sink (peer side), headers, block download, blocks received, serving, relay, timers.
/// </summary>
public sealed partial class SyncManager : IPeerMessageSink, IAsyncDisposable
{
    private readonly ChainState _chain;
    private readonly SyncOptions _options;
    private readonly ILogger _log;
    private readonly EventRing<SyncEvent> _ring;
    private readonly ConcurrentDictionary<long, PeerLink> _links = new();
    private readonly Dictionary<int, PeerSyncState> _peers = [];
    private readonly object _startLock = new();
    private readonly ProgressMeter _progress;
    private Task? _loop;
    private Task? _timer;
    private CancellationTokenSource? _timerStop;

    public SyncManager(ChainState chain, SyncOptions? options = null, ILogger? logger = null)
    {
        _chain = chain;
        _options = options ?? new SyncOptions();
        _log = logger ?? NullLogger.Instance;
        _ring = new EventRing<SyncEvent>(_options.EventCapacity);
        _download = new BlockDownloadScheduler(new ChainDownloadView(chain), _options.Download);
        _headerSync = new HeaderSyncState(chain.Params, chain.Index, chain.MinimumChainWork, _options.ChainClock);
        _powCheck = new HeaderValidator(chain.Params);
        _progress = new ProgressMeter(_log, _options.Download.Clock, logInterval: _options.ProgressInterval);
        _chain.BlockConnected += OnBlockConnected;
    }

    public ChainState Chain => _chain;
    public SyncOptions Options => _options;
    public SyncCounters Counters { get; } = new();

    /// <summary>
    /// Testing and maintenance switch: while true, getdata requests for blocks are neither answered nor
    /// refused (a stalling peer, as seen from the other side).
    /// </summary>
    public bool ServingPaused { get; set; }

    /// <summary>Raised on the core thread when the core disconnects a peer, with the peer id and the reason.</summary>
    public event Action<long, string>? PeerDropped;

    /// <summary>Raised on the core thread when a peer is found stalling the download window (before it is dropped).</summary>
    public event Action<long>? StallDetected;

    /// <summary>Raised on the core thread for every block that became the tip.</summary>
    public event Action<ChainBlock>? BlockConnected;

    /// <summary>Events posted and not yet handled (a snapshot, any thread).</summary>
    public int EventRingDepth => _ring.Count;

    /// <summary>Peers with a finished handshake known to the core (a snapshot, any thread).</summary>
    public int PeerCount => _links.Count;

    /// <summary>Starts the core loop and its timer. Idempotent.</summary>
    public void Start()
    {
        lock (_startLock)
        {
            if (_loop is not null) return;
            _timerStop = new CancellationTokenSource();
            _loop = Task.Run(RunAsync);
            var stop = _timerStop.Token;
            _timer = Task.Run(() => TickAsync(stop));
        }
    }

    /// <summary>
    /// Stops accepting events, processes those already posted (releasing every held message) and ends the loop.
    /// Disconnect the peers first (their last messages are drained here). Idempotent.
    /// </summary>
    public async Task StopAsync()
    {
        Task? loop, timer;
        lock (_startLock)
        {
            loop = _loop;
            timer = _timer;
            _timerStop?.Cancel();
        }
        _ring.Complete();
        if (timer is not null) await timer.ConfigureAwait(false);
        if (loop is not null) await loop.ConfigureAwait(false);
        else DrainWithoutLoop();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _chain.BlockConnected -= OnBlockConnected;
        _timerStop?.Dispose();
    }

    private async Task RunAsync()
    {
        while (await _ring.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_ring.TryRead(out var ev))
            {
                // A large block may still be being checked on its peer's task; the core checks one nobody started. A block
                // from a peer that is going away is dropped unjudged (Handle releases it), so it is not checked either.
                if (ev.Lease.Lender is ReceivedBlock block && !block.FromClosingPeer) await block.WhenChecked().ConfigureAwait(false);
                try
                {
                    lock (_options.ChainGate) Handle(ev);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    SyncLog.HandlerFailed(_log, e, ev.PeerId, ev.Kind, ev.Command);
                    if (_peers.TryGetValue(ev.PeerId, out var p)) Drop(p, DisconnectReason.Requested, "internal error: " + e.Message);
                    ev.Lease.Release();
                }
            }
        }
        foreach (var p in _peers.Values) ReleaseServing(p);
    }

    private void DrainWithoutLoop()
    {
        while (_ring.TryRead(out var ev)) ev.Lease.Release();
    }

    private async Task TickAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_options.TickInterval, _options.Download.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
                _ring.TryWrite(new SyncEvent(0, SyncEventKind.Tick, Command.Unknown, default));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Handle(in SyncEvent ev)
    {
        switch (ev.Kind)
        {
            case SyncEventKind.Tick:
                OnTick();
                return;
            case SyncEventKind.PeerConnected:
                if (_links.TryGetValue(ev.PeerId, out var link)) OnPeerAdded(link);
                return;
            case SyncEventKind.PeerDisconnected:
                if (_peers.Remove(ev.PeerId, out var gone)) OnPeerRemoved(gone);
                else _links.TryRemove(ev.PeerId, out _);
                return;
            case SyncEventKind.Announce:
                AnnounceBlocks();
                return;
            case SyncEventKind.ResumeServing:
                if (_peers.TryGetValue(ev.PeerId, out var serving)) ContinueServing(serving);
                return;
        }
        if (!_peers.TryGetValue(ev.PeerId, out var peer) || peer.Peer.IsClosing)
        {
            ev.Lease.Release();
            return;
        }
        HandleMessage(peer, ev);
    }

    private void HandleMessage(PeerSyncState peer, in SyncEvent ev)
    {
        bool hold = false;
        try
        {
            var payload = ev.Lease.Payload;
            switch (ev.Command)
            {
                case Command.Headers:
                    hold = true; // released as soon as the headers are taken
                    OnHeaders(peer, ev.Lease);
                    break;
                case Command.Block: OnBlock(peer, (ReceivedBlock)ev.Lease.Lender!); break;
                case Command.Inv: OnInv(peer, payload); break;
                case Command.NotFound: OnNotFound(peer, payload); break;
                case Command.GetHeaders: OnGetHeaders(peer, payload); break;
                case Command.GetBlocks: OnGetBlocks(peer, payload); break;
                case Command.GetData: hold = OnGetData(peer, payload, ev.Lease); break;
                case Command.Tx: OnTx(peer); break;
                case Command.SendHeaders: peer.PrefersHeaders = true; break;
                case Command.FeeFilter: peer.FeeFilter = FeeFilterMessage.Decode(payload).FeeRatePerKvB; break;
            }
        }
        catch (WireException e)
        {
            // A payload that does not decode: Core's ProcessMessages logs it; an over-long list is misbehaviour.
            SyncLog.BadPayload(_log, peer.Id, ev.Command, e.Message);
            if (e.Error == WireError.TooManyEntries) peer.Peer.Misbehaving($"{ev.Command}: {e.Message}");
        }
        finally
        {
            if (!hold) ev.Lease.Release();
        }
    }

    private void OnPeerAdded(PeerLink link)
    {
        var peer = new PeerSyncState(link, _options.KnownBlocksPerPeer) { Height = link.Peer.PeerVersion?.StartHeight ?? -1 };
        _peers[link.Id] = peer;
        SyncLog.PeerAdded(_log, peer.Id, peer.Peer.RemoteEndPoint, peer.Height, peer.Services);
        _headerSync.AddPeer(peer.Id, peer.Services, IsLocalhost(peer.Peer), peer.Height);
        if (Qualifies(peer))
        {
            _download.AddPeer(peer.Id, peer.HasWitness);
            peer.Downloads = true;
        }
        if (_headerSync.HeadersSynced)
        {
            if (Qualifies(peer)) StartHeaders(peer);
        }
        else
        {
            MaybeStartSync();
        }
    }

    private void OnPeerRemoved(PeerSyncState peer)
    {
        _links.TryRemove(peer.Id, out _);
        ReleaseServing(peer);
        peer.ReturnBuffers();
        _headerSync.RemovePeer(peer.Id);
        MaybeStartSync();
        // The disconnected peer's blocks go to the others at once.
        MoveBlocksOf(peer);
    }

    /// <summary>Disconnects a peer for a reason the sync core decided, and says so.</summary>
    private void Drop(PeerSyncState peer, DisconnectReason reason, string detail)
    {
        if (peer.Peer.IsClosing) return;
        Counters.PeerDisconnected();
        SyncLog.Dropping(_log, peer.Id, detail);
        peer.Peer.Disconnect(reason, detail);
        PeerDropped?.Invoke(peer.Peer.Id, detail);
    }

    /// <summary>Core's Misbehaving with the named reason: the connection manager disconnects and bans at once.</summary>
    private void Punish(PeerSyncState peer, string reason)
    {
        SyncLog.Misbehaving(_log, peer.Id, reason);
        peer.Peer.Misbehaving(reason);
        if (peer.Peer.IsClosing)
        {
            Counters.PeerDisconnected();
            PeerDropped?.Invoke(peer.Peer.Id, reason);
        }
    }

}
