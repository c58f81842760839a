using System.Runtime.CompilerServices;

namespace Node.Sync.Events;

/// <summary>
/// A bounded, lock-free, multi-producer single-consumer ring of small event structs (Vyukov's bounded
/// queue: each slot carries a sequence number saying whose turn it is; producers claim positions with
/// one compare-exchange on the enqueue cursor). Producers that find it full wait asynchronously for
/// space (back-pressure through an <see cref="EventRingWriter{T}"/>); the one consumer waits
/// asynchronously for events. No lock, no busy spinning, no allocation per event.
/// <para>
/// <see cref="Complete"/> stops new writes; the consumer still receives every event claimed before it,
/// then <see cref="WaitToReadAsync"/> returns false.
/// </para>
/// </summary>
public sealed class EventRing<T>
{
    private struct Slot
    {
        public long Sequence;
        public T Item;
    }

    private readonly Slot[] _slots;
    private readonly long _mask;
    private RingPositions _pos;
    private readonly WaitSignal _reader = new();
    private WaiterStack _writers;

    /// <param name="capacity">Slots; a power of two, at least 2.</param>
    public EventRing(int capacity)
    {
        if (capacity < 2 || !int.IsPow2(capacity))
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "the capacity must be a power of two, at least 2");
        _slots = new Slot[capacity];
        for (int i = 0; i < capacity; i++) _slots[i].Sequence = i;
        _mask = capacity - 1;
    }

    public int Capacity => _slots.Length;

    /// <summary>Events written and not yet read (a snapshot while producers run).</summary>
    public int Count => (int)((Volatile.Read(ref _pos.Enqueue) & ~RingPositions.ClosedBit) - Volatile.Read(ref _pos.Dequeue));

    public bool IsCompleted => (Volatile.Read(ref _pos.Enqueue) & RingPositions.ClosedBit) != 0;

    /// <summary>A producer's handle: cheap to create once per producer, not per write.</summary>
    public EventRingWriter<T> CreateWriter() => new(this);

    /// <summary>Writes unless the ring is full or completed. Any thread.</summary>
    public bool TryWrite(in T item) => TryWriteCore(item) == WriteStatus.Written;

    internal WriteStatus TryWriteCore(in T item)
    {
        long pos = Volatile.Read(ref _pos.Enqueue);
        while (true)
        {
            if ((pos & RingPositions.ClosedBit) != 0) return WriteStatus.Closed;
            ref var slot = ref _slots[pos & _mask];
            long lag = Volatile.Read(ref slot.Sequence) - pos;
            if (lag == 0)
            {
                long seen = Interlocked.CompareExchange(ref _pos.Enqueue, pos + 1, pos);
                if (seen == pos)
                {
                    slot.Item = item;
                    // A full fence: the consumer arms and then re-checks this sequence; one of us sees the other.
                    Interlocked.Exchange(ref slot.Sequence, pos + 1);
                    if (_reader.IsArmed) _reader.Signal();
                    return WriteStatus.Written;
                }
                pos = seen;
            }
            else if (lag < 0)
            {
                // The slot still holds the event from one lap ago: full.
                return WriteStatus.Full;
            }
            else
            {
                pos = Volatile.Read(ref _pos.Enqueue);
            }
        }
    }

    /// <summary>Takes the next event. Consumer only.</summary>
    public bool TryRead(out T item)
    {
        long pos = _pos.Dequeue;
        ref var slot = ref _slots[pos & _mask];
        if (Volatile.Read(ref slot.Sequence) != pos + 1)
        {
            item = default!;
            return false;
        }
        item = slot.Item;
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) slot.Item = default!;
        Volatile.Write(ref _pos.Dequeue, pos + 1);
        // A full fence before looking for waiting producers, who push themselves and then re-check this slot.
        Interlocked.Exchange(ref slot.Sequence, pos + _slots.Length);
        if (!_writers.IsEmpty) _writers.SignalAll();
        return true;
    }

    /// <summary>
    /// Completes when an event can be read (true) or the ring is completed and drained (false).
    /// Consumer only; not concurrently with itself.
    /// </summary>
    public ValueTask<bool> WaitToReadAsync()
    {
        if (HasEvent()) return new(true);
        if (IsDrained()) return new(false);
        _reader.Arm();
        if ((HasEvent() || IsDrained()) && _reader.TryDisarm()) return new(true);
        return _reader.WaitAsync();
    }

    /// <summary>Stops further writes and wakes the consumer and every waiting producer. Idempotent.</summary>
    public void Complete()
    {
        Interlocked.Or(ref _pos.Enqueue, RingPositions.ClosedBit);
        _reader.Signal();
        _writers.SignalAll();
    }

    internal void AddWaitingWriter(WaitSignal writer) => _writers.Push(writer);

    private bool HasEvent()
    {
        long pos = _pos.Dequeue;
        return Volatile.Read(ref _slots[pos & _mask].Sequence) == pos + 1;
    }

    private bool IsDrained()
    {
        long enqueue = Volatile.Read(ref _pos.Enqueue);
        return (enqueue & RingPositions.ClosedBit) != 0 && (enqueue & ~RingPositions.ClosedBit) == _pos.Dequeue;
    }
}

internal enum WriteStatus : byte
{
    Written,
    Full,
    Closed,
}
