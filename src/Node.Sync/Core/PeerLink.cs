using System.Buffers;
using System.Threading.Tasks.Sources;
using Node.Chain.Validation;
using Node.Net;
using Node.Primitives;
using Node.Primitives.Buffers;
using Node.Sync.Events;
using Node.Wire;

namespace Node.Sync.Core;

/// <summary>
/// The peer side of one connection's traffic into the sync core. On the peer's receive task it does the
/// stateless work (headers decoded, hashed and their proof of work checked, a block's context-free checks), then
/// lends the message to the core and holds the peer's reader until the core releases the lease. One loan
/// at a time per peer, so one reusable completion source serves every message without allocating.
/// </summary>
internal sealed class PeerLink : IPayloadLender, IValueTaskSource
{
    private const int NotLent = int.MinValue;
    private readonly HeaderValidator _pow;
    private ManualResetValueTaskSourceCore<bool> _released = new() { RunContinuationsAsynchronously = true };
    private ReadOnlySequence<byte> _payload;
    private SequenceLinearizer _linearBlock;
    private bool _hasLinearBlock;
    private short _token;
    private int _lentToken = NotLent; // the token of the loan out, so a late release of an earlier loan is a no-op
    private DecodedHeaders _decoding = new();
    private DecodedHeaders _taken = new();

    /// <param name="pow">Checks each received header's proof of work (context-free, so on the peer's task).</param>
    public PeerLink(Peer peer, EventRingWriter<SyncEvent> writer, HeaderValidator pow)
    {
        Peer = peer;
        Writer = writer;
        _pow = pow;
    }

    public Peer Peer { get; }
    public EventRingWriter<SyncEvent> Writer { get; }
    public int Id => (int)Peer.Id;

    /// <summary>A PeerConnected event that waited for ring space; messages wait for it to keep the order.</summary>
    public Task? PendingConnect { get; set; }

    // Checked on the peer's task, read by the core while the lease is held.
    public BlockValidationResult BlockCheck { get; private set; }
    public CheckedBlock CheckedBlock { get; private set; }
    /// <summary>The block message's verified checksum, stored with the block so serving it hashes nothing.</summary>
    public uint BlockWireChecksum { get; private set; }

    public ReadOnlySequence<byte> Payload => _payload;

    /// <summary>The block's bytes in one span (copied into a pooled buffer only when the payload was segmented).</summary>
    public ReadOnlySpan<byte> BlockBytes => _linearBlock.Span;

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

    public void CheckBlock(in ReadOnlySequence<byte> payload, uint wireChecksum)
    {
        BlockWireChecksum = wireChecksum;
        _linearBlock = new SequenceLinearizer(payload);
        _hasLinearBlock = true;
        var span = _linearBlock.Span;
        if (span.Length < BlockHeader.Size)
        {
            BlockCheck = BlockValidationResult.Invalid(BlockRuleError.Malformed, default, BlockValidationResult.NoTx, BlockValidationResult.UnknownHeight);
            CheckedBlock = default;
            return;
        }
        BlockCheck = BlockValidator.CheckBlock(span, out var checkedBlock);
        CheckedBlock = checkedBlock;
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
        if (_hasLinearBlock)
        {
            _hasLinearBlock = false;
            _linearBlock.Dispose();
            _linearBlock = default;
        }
        _released.SetResult(true);
    }

    void IValueTaskSource.GetResult(short token) => _released.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _released.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _released.OnCompleted(continuation, state, token, flags);
}
