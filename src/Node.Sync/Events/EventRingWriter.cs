using System.Runtime.CompilerServices;

namespace Node.Sync.Events;

/// <summary>
/// One producer's way into an <see cref="EventRing{T}"/>, holding the reusable signal it waits on when
/// the ring is full. A writer is used by one producer at a time (a peer's receive loop); different
/// writers write concurrently.
/// </summary>
public sealed class EventRingWriter<T>
{
    private readonly EventRing<T> _ring;
    private readonly WaitSignal _space = new();

    internal EventRingWriter(EventRing<T> ring) => _ring = ring;

    public bool TryWrite(in T item) => _ring.TryWriteCore(item) == WriteStatus.Written;

    /// <summary>Writes, waiting while the ring is full. False if the ring was completed first.</summary>
    public ValueTask<bool> WriteAsync(T item) => _ring.TryWriteCore(item) switch
    {
        WriteStatus.Written => new(true),
        WriteStatus.Closed => new(false),
        _ => WriteWhenSpaceAsync(item),
    };

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> WriteWhenSpaceAsync(T item)
    {
        while (true)
        {
            _space.Arm();
            _ring.AddWaitingWriter(_space);
            var status = _ring.TryWriteCore(item);
            // A signal that won the arming must be awaited before the next Arm resets the signal.
            if (status == WriteStatus.Full || !_space.TryDisarm()) await _space.WaitAsync().ConfigureAwait(false);
            if (status != WriteStatus.Full) return status == WriteStatus.Written;
        }
    }
}
