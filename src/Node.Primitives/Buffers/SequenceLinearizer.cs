using System.Buffers;

namespace Node.Primitives.Buffers;

/// <summary>
/// Presents a <see cref="ReadOnlySequence{T}"/> as one span: a single segment is used in place, a
/// multi-segment sequence is copied into a buffer rented from <see cref="ArrayPool{T}.Shared"/>.
/// Dispose returns the buffer. No managed allocation either way.
/// </summary>
public struct SequenceLinearizer : IDisposable
{
    private byte[]? _rented;
    private ReadOnlyMemory<byte> _memory;

    public SequenceLinearizer(in ReadOnlySequence<byte> sequence)
    {
        if (sequence.IsSingleSegment)
        {
            _memory = sequence.First;
            return;
        }
        if (sequence.Length > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(sequence), "too long to linearise");
        int length = (int)sequence.Length;
        _rented = ArrayPool<byte>.Shared.Rent(length);
        sequence.CopyTo(_rented);
        _memory = _rented.AsMemory(0, length);
    }

    public readonly ReadOnlySpan<byte> Span => _memory.Span;

    /// <summary>True when the data had to be copied into a pooled buffer.</summary>
    public readonly bool IsCopied => _rented != null;

    public void Dispose()
    {
        if (_rented == null) return;
        ArrayPool<byte>.Shared.Return(_rented);
        _rented = null;
        _memory = default;
    }
}
