using System.Collections.Concurrent;

namespace Node.Sync.Core;

/// <summary>
/// Received large blocks waiting for their context-free checks, taken in arrival order by at most one thread-pool
/// work item per core at a time: however many peers' blocks wait, the pool's queue holds a few checks, and the core's
/// and the sockets' continuations queued behind them are not held up for long. The core checks the block it needs
/// itself when nobody has started it (<see cref="ReceivedBlock.WhenChecked"/>), so a long queue never stalls it.
/// </summary>
internal sealed class BlockCheckQueue : IThreadPoolWorkItem
{
    private readonly ConcurrentQueue<ReceivedBlock> _blocks = new();
    private readonly int _maxWorkers;
    private int _workers;

    public BlockCheckQueue(int maxWorkers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWorkers, 1);
        _maxWorkers = maxWorkers;
    }

    /// <summary>One per core. (One fewer left a 2-core machine's second core idle: 319–330 MB/s against 354–379 in the IBD benchmark.)</summary>
    public static int DefaultWorkers => Environment.ProcessorCount;

    /// <summary>
    /// Queues <paramref name="block"/>'s checks. A slot may be in the queue twice (released unchecked and filled again):
    /// the first to come out checks whatever block it then holds, the second finds it checked.
    /// </summary>
    public void Add(ReceivedBlock block)
    {
        _blocks.Enqueue(block);
        StartWorker();
    }

    private void StartWorker()
    {
        while (true)
        {
            int workers = Volatile.Read(ref _workers);
            if (workers >= _maxWorkers || _blocks.IsEmpty) return;
            if (Interlocked.CompareExchange(ref _workers, workers + 1, workers) != workers) continue;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            return;
        }
    }

    // One block per run, then back to the end of the pool's queue: whatever was queued meanwhile (the core's and the
    // sockets' continuations) runs in between.
    void IThreadPoolWorkItem.Execute()
    {
        if (_blocks.TryDequeue(out var block)) block.TryCheck();
        Interlocked.Decrement(ref _workers);
        StartWorker();
    }
}
