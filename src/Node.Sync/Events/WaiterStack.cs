namespace Node.Sync.Events;

/// <summary>
/// A lock-free stack of producers waiting for space (a Treiber stack through <see cref="WaitSignal.Next"/>).
/// Any thread pushes; only the consumer pops, and it always takes the whole stack at once, so there is no ABA.
/// </summary>
internal struct WaiterStack
{
    private WaitSignal? _head;

    public bool IsEmpty => Volatile.Read(ref _head) is null;

    /// <summary>Links <paramref name="waiter"/> unless it is still linked from an earlier wait.</summary>
    public void Push(WaitSignal waiter)
    {
        if (Interlocked.CompareExchange(ref waiter.Linked, 1, 0) != 0) return;
        var head = Volatile.Read(ref _head);
        while (true)
        {
            waiter.Next = head;
            var seen = Interlocked.CompareExchange(ref _head, waiter, head);
            if (ReferenceEquals(seen, head)) return;
            head = seen;
        }
    }

    /// <summary>Unlinks every waiter and signals each.</summary>
    public void SignalAll()
    {
        var node = Interlocked.Exchange(ref _head, null);
        while (node is not null)
        {
            var next = node.Next;
            node.Next = null;
            // Unlink before signalling: a woken producer that must wait again links itself afresh.
            Volatile.Write(ref node.Linked, 0);
            node.Signal();
            node = next;
        }
    }
}
