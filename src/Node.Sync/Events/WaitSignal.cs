using System.Threading.Tasks.Sources;

namespace Node.Sync.Events;

/// <summary>
/// A reusable one-waiter signal: <see cref="Arm"/> before waiting, then either <see cref="TryDisarm"/>
/// (the waiter found what it waited for itself) or await <see cref="WaitAsync"/>; a signaller calls
/// <see cref="Signal"/>, and exactly one of disarm or signal wins each arming. The awaited ValueTask is
/// backed by this object, so waiting allocates nothing. Continuations run on the thread pool so a
/// producer's signal never runs the consumer's loop on the producer's thread.
/// </summary>
internal sealed class WaitSignal : IValueTaskSource<bool>
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private int _armed;

    /// <summary>Intrusive link for <see cref="WaiterStack"/>.</summary>
    internal WaitSignal? Next;

    /// <summary>1 while this signal is linked into a <see cref="WaiterStack"/>.</summary>
    internal int Linked;

    public bool IsArmed => Volatile.Read(ref _armed) == 1;

    public void Arm()
    {
        _core.Reset();
        Interlocked.Exchange(ref _armed, 1);
    }

    /// <summary>True if the waiter cancelled its own arming (no signal will come for it).</summary>
    public bool TryDisarm() => Interlocked.Exchange(ref _armed, 0) == 1;

    public void Signal()
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1) _core.SetResult(true);
    }

    public ValueTask<bool> WaitAsync() => new(this, _core.Version);

    bool IValueTaskSource<bool>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token,
        ValueTaskSourceOnCompletedFlags flags) => _core.OnCompleted(continuation, state, token, flags);
}
