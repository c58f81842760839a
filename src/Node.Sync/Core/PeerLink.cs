using System.Buffers;
using System.Threading.Tasks.Sources;
using Node.Chain.Validation;
using Node.Net;
using Node.Primitives;
using Node.Sync.Events;
using Node.Wire;

namespace Node.Sync.Core;

/// <summary>
/// The peer side of one connection's traffic into the sync core. On the peer's receive task it does the
/// stateless work (headers decoded, hashed and their proof of work checked, a block's context-free checks). A block is
/// copied out of the receive buffer and handed to the core (<see cref="ReceivedBlock"/>), and the peer reads on
/// while fewer than a few of its blocks wait for the core; any other message is lent to the core and the peer's
/// reader is held until the core releases the lease. The peer waits for one thing at a time, so one reusable
/// completion source serves every wait without allocating.
/// </summary>
internal sealed class PeerLink : IPayloadLender, IValueTaskSource
{
    private const int NotLent = int.MinValue;
    private readonly HeaderValidator _pow;
    private ManualResetValueTaskSourceCore<bool> _released = new() { RunContinuationsAsynchronously = true };
    private readonly ReceivedBlock[] _blocks;
    private readonly SyncCounters _counters;
    private ReadOnlySequence<byte> _payload;
    private short _token;
    private int _lentToken = NotLent; // the token of the loan out, so a late release of an earlier loan is a no-op
    private DecodedHeaders _decoding = new();
    private DecodedHeaders _taken = new();
    private int _blocksHeld;
    private int _nextBlock;
    private int _waitingForBlock;
    private bool _blocksAsked;

    /// <param name="pow">Checks each received header's proof of work (context-free, so on the peer's task).</param>
    /// <param name="blocksPerPeer">Blocks handed to the core and not yet released before the peer stops reading.</param>
    /// <param name="checks">Where the peer's large blocks wait for their checks.</param>
    public PeerLink(Peer peer, EventRingWriter<SyncEvent> writer, HeaderValidator pow, int blocksPerPeer, BlockCheckQueue checks, SyncCounters counters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blocksPerPeer, 1);
        Peer = peer;
        Writer = writer;
        _pow = pow;
        _counters = counters;
        _blocks = new ReceivedBlock[blocksPerPeer];
        for (int i = 0; i < _blocks.Length; i++) _blocks[i] = new ReceivedBlock(this, checks);
    }

    public Peer Peer { get; }
    public EventRingWriter<SyncEvent> Writer { get; }
    public int Id => (int)Peer.Id;

    /// <summary>A PeerConnected event that waited for ring space; messages wait for it to keep the order.</summary>
    public Task? PendingConnect { get; set; }

    public ReadOnlySequence<byte> Payload => _payload;

    /// <summary>Blocks handed to the core and not yet released (a snapshot, any thread).</summary>
    public int BlocksHeld => Volatile.Read(ref _blocksHeld);

    public void DecodeHeaders(in ReadOnlySequence<byte> payload) => _decoding.Decode(payload, _pow);

    /// <summary>
    /// The core, holding the lease of a headers message: its decoded headers become the core's, and the set the
    /// core took before (done with, as the core handles one message at a time) receives the peer's next decode,
    /// so the lease can be released before the core is done with these.
    /// </summary>
    public DecodedHeaders TakeHeaders()
    {
        (_decoding, _taken) = (_taken, _decoding);
        return _taken;
    }

    /// <summary>
    /// Copies the block, hands it to the core (see <see cref="ReceivedBlock"/> for who checks it) and returns a task that completes as soon as the peer may
    /// read on: at once while fewer than the limit of its blocks are held by the core, else when the core released
    /// one. Once the core no longer accepts events the block is dropped.
    /// </summary>
    public ValueTask PassBlock(in ReadOnlySequence<byte> payload, uint wireChecksum, bool checksumDeferred)
    {
        var block = FreeBlock(checked((int)payload.Length));
        var ev = new SyncEvent(Id, SyncEventKind.Message, Command.Block, block.Take(payload, wireChecksum, checksumDeferred));
        Interlocked.Increment(ref _blocksHeld);
        _counters.BlockPassed();
        if (!Writer.TryWrite(ev)) return WriteBlockAndWaitAsync(ev);
        return WaitForFreeBlock();
    }

    private ReceivedBlock FreeBlock(int length)
    {
        if (!Volatile.Read(ref _blocksAsked))
        {
            // A peer never asked for blocks has one slot, so an unrequested block costs one buffer, as in Core.
            _blocks[0].EnsureCapacity(length);
            return _blocks[0];
        }
        // The first block of a new size grows every free slot's buffer at once (the others as they come back): the
        // peer's next blocks are likely as large, and receiving them then allocates nothing.
        foreach (var slot in _blocks)
            if (slot.IsFree) slot.EnsureCapacity(length);
        // The peer reads on only while a slot is free, so one is; taken in turn, as the core releases them in order.
        for (int i = 0; i < _blocks.Length; i++)
        {
            var block = _blocks[_nextBlock];
            _nextBlock = (_nextBlock + 1) % _blocks.Length;
            if (block.IsFree) return block;
        }
        throw new InvalidOperationException("no free block slot");
    }

    /// <summary>The core asked this peer for blocks (core thread): from now on all its slots are used.</summary>
    public void OnBlocksAsked()
    {
        if (!_blocksAsked) Volatile.Write(ref _blocksAsked, true);
    }

    private int SlotLimit => Volatile.Read(ref _blocksAsked) ? _blocks.Length : 1;

    private async ValueTask WriteBlockAndWaitAsync(SyncEvent ev)
    {
        if (!await Writer.WriteAsync(ev).ConfigureAwait(false))
        {
            ev.Lease.Release(); // the core stopped: drop the block
            return;
        }
        await WaitForFreeBlock().ConfigureAwait(false);
    }

    private ValueTask WaitForFreeBlock()
    {
        if (Volatile.Read(ref _blocksHeld) < SlotLimit) return default;
        _released.Reset();
        // Dekker with OnBlockReleased: each side's interlocked write comes before its read of the other's flag.
        Interlocked.Exchange(ref _waitingForBlock, 1);
        if (Volatile.Read(ref _blocksHeld) < SlotLimit && Interlocked.Exchange(ref _waitingForBlock, 0) == 1) return default;
        return new ValueTask(this, _released.Version);
    }

    /// <summary>The core released one of this peer's blocks (core thread).</summary>
    internal void OnBlockReleased()
    {
        _counters.BlockReleased();
        Interlocked.Decrement(ref _blocksHeld);
        if (Volatile.Read(ref _waitingForBlock) == 1 && Interlocked.Exchange(ref _waitingForBlock, 0) == 1) _released.SetResult(true);
    }

    /// <summary>
    /// Posts the message to the core and returns a task that completes when the core released it; the peer
    /// reads nothing further until then. Completes at once when the core no longer accepts events.
    /// </summary>
    public ValueTask Lend(Command command, in ReadOnlySequence<byte> payload)
    {
        _payload = payload;
        _released.Reset();
        short token = ++_token;
        Volatile.Write(ref _lentToken, token);
        var ev = new SyncEvent(Id, SyncEventKind.Message, command, new PayloadLease(this, token));
        if (Writer.TryWrite(ev)) return new ValueTask(this, _released.Version);
        return WriteAndWaitAsync(ev);
    }

    private async ValueTask WriteAndWaitAsync(SyncEvent ev)
    {
        if (await Writer.WriteAsync(ev).ConfigureAwait(false))
        {
            await new ValueTask(this, _released.Version).ConfigureAwait(false);
            return;
        }
        Release(ev.Lease.Token); // the core stopped: drop the message
    }

    public ReadOnlySequence<byte> GetPayload(short token) => token == _token ? _payload : throw new InvalidOperationException("stale lease");

    public void Release(short token)
    {
        if (Interlocked.CompareExchange(ref _lentToken, NotLent, token) != token) return;
        _payload = default;
        _released.SetResult(true);
    }

    void IValueTaskSource.GetResult(short token) => _released.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _released.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _released.OnCompleted(continuation, state, token, flags);
}
