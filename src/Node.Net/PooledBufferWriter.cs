using System.Buffers;

namespace Node.Net;

/// <summary>An <see cref="IBufferWriter{T}"/> over one rented array, sized up front for a framed message.</summary>
internal sealed class PooledBufferWriter(int capacity) : IBufferWriter<byte>, IDisposable
{
    private byte[]? _array = ArrayPool<byte>.Shared.Rent(capacity);
    private int _written;

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _written);

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => Grow(sizeHint).AsMemory(_written);

    public Span<byte> GetSpan(int sizeHint = 0) => Grow(sizeHint).AsSpan(_written);

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null) ArrayPool<byte>.Shared.Return(array);
    }

    private byte[] Grow(int sizeHint)
    {
        var array = _array ?? throw new ObjectDisposedException(nameof(PooledBufferWriter));
        if (array.Length - _written >= Math.Max(sizeHint, 1)) return array;
        var larger = ArrayPool<byte>.Shared.Rent(_written + Math.Max(sizeHint, 256));
        array.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(array);
        return _array = larger;
    }
}
