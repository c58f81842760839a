using System.Buffers;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Sync.Events;

namespace Node.Sync.Core;

/// <summary>
/// A block taken out of a peer's receive buffer: copied into an array from <see cref="ArrayPool{T}.Shared"/> and
/// checked context-free on the peer's task, then handed to the core, which owns it until it releases the lease;
/// the release returns the array. The peer reads on meanwhile, so its next block is received and checked while the
/// core stores this one. A <see cref="PeerLink"/> keeps a few and reuses them.
/// </summary>
internal sealed class ReceivedBlock(PeerLink link) : IPayloadLender
{
    private byte[]? _buffer;
    private int _length;
    private short _token;
    private int _held;

    /// <summary>Not handed to the core (or released by it): the peer's task may fill it.</summary>
    public bool IsFree => Volatile.Read(ref _held) == 0;

    /// <summary>The block's bytes, valid until the lease is released.</summary>
    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, _length);

    public BlockValidationResult Check { get; private set; }
    public CheckedBlock Checked { get; private set; }

    /// <summary>Copies and checks the block on the peer's task; the returned lease hands it to the core.</summary>
    public PayloadLease Take(in ReadOnlySequence<byte> payload)
    {
        // The framing bounds a payload by ProtocolLimits.MaxPayloadLength.
        int length = (int)payload.Length;
        _buffer = ArrayPool<byte>.Shared.Rent(length);
        payload.CopyTo(_buffer);
        _length = length;
        var bytes = Bytes;
        if (bytes.Length < BlockHeader.Size)
        {
            Check = BlockValidationResult.Invalid(BlockRuleError.Malformed, default, BlockValidationResult.NoTx, BlockValidationResult.UnknownHeight);
            Checked = default;
        }
        else
        {
            Check = BlockValidator.CheckBlock(bytes, out var checkedBlock);
            Checked = checkedBlock;
        }
        Volatile.Write(ref _held, 1);
        return new PayloadLease(this, ++_token);
    }

    public ReadOnlySequence<byte> GetPayload(short token) =>
        token == _token && !IsFree ? new ReadOnlySequence<byte>(_buffer!, 0, _length) : throw new InvalidOperationException("stale lease");

    /// <summary>The core is done with the block: the array goes back to the pool and the slot to the peer.</summary>
    public void Release(short token)
    {
        if (token != _token || Volatile.Read(ref _held) == 0) return;
        var buffer = _buffer!;
        _buffer = null;
        _length = 0;
        Checked = default;
        ArrayPool<byte>.Shared.Return(buffer);
        Volatile.Write(ref _held, 0);
        link.OnBlockReleased();
    }
}
