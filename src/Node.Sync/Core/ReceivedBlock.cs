using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Tasks.Sources;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Buffers;
using Node.Sync.Events;
using Node.Wire;

namespace Node.Sync.Core;

/// <summary>
/// A block taken out of a peer's receive buffer: copied into this slot's buffer and handed to the core, which owns it
/// until it releases the lease; the release gives the slot back to the peer, which reads on meanwhile. The buffer is
/// kept and reused (grown to the largest block the peer sent), and so is the slot's <see cref="BlockCheckScratch"/>, the
/// working memory of the block's checks: both grow on the slot's first large block, so receiving and checking
/// allocate nothing once each of the peer's slots has seen one, however many slots are checked at the same time.
/// <para>
/// The context-free checks of a large block are queued (<see cref="BlockCheckQueue"/>) as soon as it is copied, and run
/// on whichever side gets to them first: a pool thread, or the core when it reaches a block nobody has started (it
/// otherwise awaits <see cref="WhenChecked"/>). The peer's task never checks a large block itself, so it goes straight
/// back to receiving: with a single peer, receiving, checking and storing then overlap on every core.
/// </para>
/// </summary>
internal sealed class ReceivedBlock(PeerLink link, BlockCheckQueue checks) : IPayloadLender, IValueTaskSource
{
    /// <summary>Blocks below this size are checked at once on the peer's task: handing the check over would cost more.</summary>
    internal const int InlineCheckBytes = FrameReader.MinDeferredChecksumBytes;

    private const int MinBufferBytes = 4096;

    private const int Free = 0;
    private const int Queued = 1;
    private const int Checking = 2;
    private const int CheckDone = 3;

    private ManualResetValueTaskSourceCore<bool> _checked = new() { RunContinuationsAsynchronously = true };
    private readonly BlockCheckScratch _scratch = new();
    private byte[]? _buffer;
    private int _length;
    private short _token;
    private int _state;
    private int _coreWaiting;

    /// <summary>The peer that sent it is disconnecting: the core drops its messages unhandled.</summary>
    public bool FromClosingPeer => link.Peer.IsClosing;

    /// <summary>Not handed to the core (or released by it): the peer's task may fill it.</summary>
    public bool IsFree => Volatile.Read(ref _state) == Free;

    /// <summary>The block's bytes, valid until the lease is released.</summary>
    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, _length);

    /// <summary>The context-free checks' verdict; read after <see cref="WhenChecked"/> completed.</summary>
    public BlockValidationResult Check { get; private set; }
    public CheckedBlock Checked { get; private set; }

    /// <summary>
    /// The block message's checksum, stored with the block so serving it hashes nothing; verified once
    /// <see cref="ChecksumMatches"/> (a large block's is verified with its checks, see <see cref="Frame.ChecksumDeferred"/>).
    /// </summary>
    public uint WireChecksum { get; private set; }

    /// <summary>False when the message's checksum did not match its bytes: the core drops it unjudged. Read with <see cref="Check"/>.</summary>
    public bool ChecksumMatches { get; private set; }

    private bool _checksumDeferred;

    /// <summary>Copies the block on the peer's task (and checks a small one); the returned lease hands it to the core.</summary>
    /// <param name="checksumDeferred">The frame reader left <paramref name="wireChecksum"/> to be verified with the block's checks.</param>
    public PayloadLease Take(in ReadOnlySequence<byte> payload, uint wireChecksum, bool checksumDeferred)
    {
        WireChecksum = wireChecksum;
        _checksumDeferred = checksumDeferred;
        // The framing bounds a payload by ProtocolLimits.MaxPayloadLength.
        int length = (int)payload.Length;
        EnsureCapacity(length);
        payload.CopyTo(_buffer);
        _length = length;
        _checked.Reset(); // the core waited on the previous block, if at all, before releasing it
        if (length < InlineCheckBytes)
        {
            RunCheck();
        }
        else
        {
            Volatile.Write(ref _state, Queued);
            checks.Add(this);
        }
        return new PayloadLease(this, ++_token);
    }

    /// <summary>Grows the buffer to hold a block of <paramref name="length"/> bytes (peer's task, while free).</summary>
    [MemberNotNull(nameof(_buffer))]
    public void EnsureCapacity(int length)
    {
        ScratchArray.Ensure(ref _buffer, Math.Max(length, MinBufferBytes));
    }

    /// <summary>Runs the checks here unless they ran or are running elsewhere (any thread).</summary>
    public void TryCheck()
    {
        if (Interlocked.CompareExchange(ref _state, Checking, Queued) == Queued) RunCheck();
    }

    /// <summary>Completes once the block is checked (core thread); checks it here when nobody has started.</summary>
    public ValueTask WhenChecked()
    {
        TryCheck();
        if (Volatile.Read(ref _state) == CheckDone) return default;
        // Dekker with RunCheck: each side's interlocked write comes before its read of the other's.
        Interlocked.Exchange(ref _coreWaiting, 1);
        if (Volatile.Read(ref _state) == CheckDone && Interlocked.Exchange(ref _coreWaiting, 0) == 1) return default;
        return new ValueTask(this, _checked.Version);
    }

    private void RunCheck()
    {
        Span<byte> messageHash = _checksumDeferred ? stackalloc byte[Hash256.Size] : default;
        // CheckBlock names a block too short for its header malformed (and still hashes it) like any other.
        Check = BlockValidator.CheckBlock(Bytes, messageHash, _scratch, out var checkedBlock);
        Checked = checkedBlock;
        ChecksumMatches = !_checksumDeferred || BinaryPrimitives.ReadUInt32LittleEndian(messageHash) == WireChecksum;
        Interlocked.Exchange(ref _state, CheckDone);
        if (Volatile.Read(ref _coreWaiting) == 1 && Interlocked.Exchange(ref _coreWaiting, 0) == 1) _checked.SetResult(true);
    }

    public ReadOnlySequence<byte> GetPayload(short token) =>
        token == _token && !IsFree ? new ReadOnlySequence<byte>(_buffer!, 0, _length) : throw new InvalidOperationException("stale lease");

    /// <summary>The core is done with the block: the slot and its buffer go back to the peer.</summary>
    public void Release(short token)
    {
        if (token != _token || IsFree) return;
        // The core awaits the check before handling a block; a block dropped unhandled (shutdown) may still have one
        // pending, cancelled here, or running on a pool thread, waited for: the buffer must stay until it is done.
        if (Interlocked.CompareExchange(ref _state, CheckDone, Queued) != Queued)
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _state) == Checking) spin.SpinOnce();
        }
        _length = 0;
        Checked = default;
        Volatile.Write(ref _state, Free);
        link.OnBlockReleased();
    }

    void IValueTaskSource.GetResult(short token) => _checked.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _checked.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _checked.OnCompleted(continuation, state, token, flags);
}
