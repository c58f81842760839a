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
/// stateless work (headers decoded and hashed into pooled arrays, a block's context-free checks), then
/// lends the message to the core and holds the peer's reader until the core releases the lease. One loan
/// at a time per peer, so one reusable completion source serves every message without allocating.
/// </summary>
internal sealed class PeerLink : IPayloadLender, IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _released = new() { RunContinuationsAsynchronously = true };
    private ReadOnlySequence<byte> _payload;
    private SequenceLinearizer _linearBlock;
    private bool _hasLinearBlock;
    private short _token;
    private int _lent;

    private readonly HeaderValidator _pow;

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

    // Decoded on the peer's task, read by the core while the lease is held.
    public BlockHeader[] Headers { get; private set; } = [];
    public Hash256[] HeaderHashes { get; private set; } = [];
    public int HeaderCount { get; private set; }

    /// <summary>The first decoded header whose hash does not meet its own nBits target, or a valid result when none.</summary>
    public HeaderValidationResult HeadersProofOfWork { get; private set; }
    public BlockValidationResult BlockCheck { get; private set; }
    public CheckedBlock CheckedBlock { get; private set; }

    public ReadOnlySequence<byte> Payload => _payload;

    /// <summary>The block's bytes in one span (copied into a pooled buffer only when the payload was segmented).</summary>
    public ReadOnlySpan<byte> BlockBytes => _linearBlock.Span;

    public void DecodeHeaders(in ReadOnlySequence<byte> payload)
    {
        int count = HeadersMessage.ReadCount(payload);
        if (Headers.Length < count)
        {
            ReturnHeaderArrays();
            Headers = ArrayPool<BlockHeader>.Shared.Rent(Math.Max(count, 16));
            HeaderHashes = ArrayPool<Hash256>.Shared.Rent(Headers.Length);
        }
        HeaderCount = HeadersMessage.Decode(payload, Headers);
        var pow = default(HeaderValidationResult);
        for (int i = 0; i < HeaderCount; i++)
        {
            HeaderHashes[i] = Headers[i].GetHash();
            if (pow.IsValid) pow = _pow.CheckProofOfWork(Headers[i], HeaderHashes[i]);
        }
        HeadersProofOfWork = pow;
    }

    public void CheckBlock(in ReadOnlySequence<byte> payload)
    {
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
        Volatile.Write(ref _lent, 1);
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
        if (token != _token || Interlocked.Exchange(ref _lent, 0) == 0) return;
        _payload = default;
        if (_hasLinearBlock)
        {
            _hasLinearBlock = false;
            _linearBlock.Dispose();
            _linearBlock = default;
        }
        _released.SetResult(true);
    }

    /// <summary>Returns the pooled arrays; the peer is gone and sends nothing more.</summary>
    public void Dispose() => ReturnHeaderArrays();

    private void ReturnHeaderArrays()
    {
        if (Headers.Length == 0) return;
        ArrayPool<BlockHeader>.Shared.Return(Headers);
        ArrayPool<Hash256>.Shared.Return(HeaderHashes);
        Headers = [];
        HeaderHashes = [];
        HeaderCount = 0;
    }

    void IValueTaskSource.GetResult(short token) => _released.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _released.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _released.OnCompleted(continuation, state, token, flags);
}
