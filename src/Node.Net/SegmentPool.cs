using System.Buffers;
using System.Collections.Concurrent;

namespace Node.Net;

/// <summary>
/// Fixed-size pipe segments recycled across all connections. The shared array pool keeps only a few dozen
/// arrays per size, fewer than the segments a pipe holds while whole blocks are in flight, so during a sync
/// most segments were freshly allocated; this pool keeps up to <c>maxRetained</c> of them, and the owner
/// objects with them, and each connection reserves (allocates up front) what its bounded input can hold, so
/// receiving allocates nothing, even when a reader falls behind for the first time.
/// </summary>
internal sealed class SegmentPool(int segmentSize, int maxRetained) : MemoryPool<byte>
{
    private readonly ConcurrentQueue<Segment> _free = new();
    private readonly object _reserveLock = new();
    private int _freeCount;
    private int _live; // segments that come back here when disposed: free or rented
    private int _reserved;

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
        Interlocked.Increment(ref _live);
        return NewSegment();
    }

    /// <summary>Segments that come back to the pool when disposed: free or rented (a snapshot).</summary>
    public int LiveCount => Volatile.Read(ref _live);

    /// <summary>
    /// A new user of up to <paramref name="segments"/> at a time (a connection's input, bounded by its pause
    /// threshold): segments are allocated now, up to the retention limit, so that receiving never has to, however
    /// far its reader falls behind. <see cref="Unreserve"/> when the user is gone; the segments stay for the next.
    /// </summary>
    public void Reserve(int segments)
    {
        lock (_reserveLock)
        {
            _reserved += segments;
            int target = Math.Min(_reserved, maxRetained);
            while (Volatile.Read(ref _live) < target)
            {
                Interlocked.Increment(ref _live);
                var segment = NewSegment();
                segment.Rented = false;
                Interlocked.Increment(ref _freeCount);
                _free.Enqueue(segment);
            }
        }
    }

    public void Unreserve(int segments)
    {
        lock (_reserveLock) _reserved -= segments;
    }

    private Segment NewSegment() => new(this, GC.AllocateUninitializedArray<byte>(segmentSize, pinned: true));

    protected override void Dispose(bool disposing)
    {
    }

    private void Return(Segment segment)
    {
        if (Interlocked.Increment(ref _freeCount) > maxRetained)
        {
            Interlocked.Decrement(ref _freeCount);
            Interlocked.Decrement(ref _live);
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
