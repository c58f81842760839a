using System.Buffers;
using System.Collections.Concurrent;

namespace Node.Net;

/// <summary>
/// Fixed-size pipe segments recycled across all connections. The shared array pool keeps only a few dozen
/// arrays per size, fewer than the segments a pipe holds while whole blocks are in flight, so during a sync
/// most segments were freshly allocated; this pool keeps up to <c>maxRetained</c> of them, and the owner
/// objects with them, so steady-state receiving allocates nothing.
/// </summary>
internal sealed class SegmentPool(int segmentSize, int maxRetained) : MemoryPool<byte>
{
    private readonly ConcurrentQueue<Segment> _free = new();
    private int _freeCount;

    public override int MaxBufferSize => segmentSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > segmentSize) throw new ArgumentOutOfRangeException(nameof(minBufferSize), minBufferSize, $"segments are {segmentSize} bytes");
        if (_free.TryDequeue(out var segment))
        {
            Interlocked.Decrement(ref _freeCount);
            segment.Rented = true;
            return segment;
        }
        return new Segment(this, GC.AllocateUninitializedArray<byte>(segmentSize, pinned: true));
    }

    protected override void Dispose(bool disposing)
    {
    }

    private void Return(Segment segment)
    {
        if (Interlocked.Increment(ref _freeCount) > maxRetained)
        {
            Interlocked.Decrement(ref _freeCount);
            return;
        }
        _free.Enqueue(segment);
    }

    private sealed class Segment(SegmentPool pool, byte[] array) : IMemoryOwner<byte>
    {
        public bool Rented = true;

        public Memory<byte> Memory => array;

        public void Dispose()
        {
            if (!Rented) return;
            Rented = false;
            pool.Return(this);
        }
    }
}
