using System.Buffers;
using Node.Chain.Index;
using Node.Net;
using Node.Primitives;
using Node.Wire;

namespace Node.Sync.Core;

/// <summary>What the sync core knows about one peer (Core's CNodeState). Owned by the core thread.</summary>
internal sealed class PeerSyncState(PeerLink link, int knownCapacity)
{
    public PeerLink Link { get; } = link;
    public Peer Peer => Link.Peer;
    public int Id => Link.Id;

    public ulong Services => Peer.PeerVersion?.Services ?? 0;
    public bool HasWitness => ServiceFlags.HasAll(Services, ServiceFlags.Witness);

    /// <summary>The height the peer claimed in its version, raised by what it announced or sent since.</summary>
    public int Height { get; set; } = -1;

    /// <summary>Registered with the block download scheduler (a full node we may download from).</summary>
    public bool Downloads { get; set; }

    /// <summary>Core's pindexBestKnownBlock (also kept by the scheduler for peers we download from), or none.</summary>
    public int BestKnownId { get; set; } = BlockIndex.None;

    /// <summary>Core's m_last_block_time: unix seconds when the peer last sent a block we accepted as new, or 0.</summary>
    public long LastBlockTime { get; set; }

    /// <summary>Core's hashLastUnknownBlock: the last block it announced that we did not know yet.</summary>
    public Hash256? LastUnknownBlock { get; set; }

    /// <summary>We sent getheaders to this peer since its headers sync began (Core's fSyncStarted).</summary>
    public bool HeadersSyncStarted { get; set; }

    public bool PrefersHeaders { get; set; }

    /// <summary>Core's pindexBestHeaderSent: the last header we sent it (answering getheaders or announcing), or none.</summary>
    public int BestHeaderSentId { get; set; } = BlockIndex.None;

    /// <summary>Core's m_blocks_for_headers_relay: blocks connected since the last announcement round, oldest first.</summary>
    public List<int> BlocksToAnnounce { get; } = [];
    public long FeeFilter { get; set; }
    public int UnrequestedTxs { get; set; }

    /// <summary>getblocks continuation (Core's hashContinue): asking for this block triggers an inv of our tip.</summary>
    public Hash256? ContinueHash { get; set; }

    /// <summary>The lease of a getdata being served while the peer's send queue drains.</summary>
    public Events.PayloadLease PendingGetData { get; set; }
    public InventoryVector[] GetDataItems { get; set; } = [];
    public int GetDataCount { get; set; }
    public int GetDataNext { get; set; }
    public List<InventoryVector> NotFound { get; } = [];
    /// <summary>A block send of the getdata being served has not completed; serving waits for it.</summary>
    public bool SendInFlight => Volatile.Read(ref _sendInFlight) == 1;

    private ValueTask<bool> _send;
    private int _sendInFlight;
    private Action<PeerSyncState>? _onSendDone;
    private Action? _sendContinuation;

    /// <summary>
    /// Watches a send that did not complete at once: when it does (any thread), <see cref="SendInFlight"/> clears and
    /// <paramref name="onDone"/> runs. The task's result is taken there, once; the continuation is made once per peer,
    /// so watching allocates nothing.
    /// </summary>
    public void WatchSend(ValueTask<bool> send, Action<PeerSyncState> onDone)
    {
        _send = send;
        _onSendDone = onDone;
        Volatile.Write(ref _sendInFlight, 1);
        send.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_sendContinuation ??= SendCompleted);
    }

    private void SendCompleted()
    {
        try
        {
            _send.GetAwaiter().GetResult(); // false or a failure: the peer is going away, which ends serving on its own
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
        }
        _send = default;
        Volatile.Write(ref _sendInFlight, 0);
        _onSendDone!(this);
    }
    public bool Serving => !PendingGetData.IsEmpty;

    /// <summary>A stored block read for sending; reused once its send completed.</summary>
    public ArrayBufferWriter<byte> SendBuffer => _sendBuffer ??= new ArrayBufferWriter<byte>(1 << 16);

    /// <summary>The same block without witness data, for a peer that asked for MSG_BLOCK.</summary>
    public ArrayBufferWriter<byte> StripBuffer => _stripBuffer ??= new ArrayBufferWriter<byte>(1 << 16);

    private ArrayBufferWriter<byte>? _sendBuffer;
    private ArrayBufferWriter<byte>? _stripBuffer;

    public void ReturnBuffers()
    {
        if (GetDataItems.Length > 0) ArrayPool<InventoryVector>.Shared.Return(GetDataItems);
        GetDataItems = [];
        _sendBuffer = null;
        _stripBuffer = null;
    }

    /// <summary>Blocks the peer is known to have (announced, sent or announced to it), bounded, oldest forgotten first.</summary>
    public Inventory.KnownInventory Known { get; } = new(knownCapacity);
}
