namespace Node.Sync.Core;

/// <summary>
/// What the sync core did, for tests, metrics and logs. Written by the core, read from any thread.
/// </summary>
public sealed class SyncCounters
{
    private long _blocksConnected;
    private long _blocksReceived;
    private long _blocksRequested;
    private long _blocksReRequested;
    private long _stallsDetected;
    private long _downloadTimeouts;
    private long _headersReceived;
    private long _unrequestedBlocks;
    private long _blocksServed;
    private long _headersServed;
    private long _notFoundSent;
    private long _peersDisconnected;
    private long _blocksPending;

    public long BlocksConnected => Volatile.Read(ref _blocksConnected);
    public long BlocksReceived => Volatile.Read(ref _blocksReceived);
    public long BlocksRequested => Volatile.Read(ref _blocksRequested);

    /// <summary>Blocks requested again because their peer stalled, timed out or left.</summary>
    public long BlocksReRequested => Volatile.Read(ref _blocksReRequested);

    /// <summary>Peers disconnected for stalling the download window.</summary>
    public long StallsDetected => Volatile.Read(ref _stallsDetected);

    public long DownloadTimeouts => Volatile.Read(ref _downloadTimeouts);
    public long HeadersReceived => Volatile.Read(ref _headersReceived);
    public long UnrequestedBlocks => Volatile.Read(ref _unrequestedBlocks);
    public long BlocksServed => Volatile.Read(ref _blocksServed);
    public long HeadersServed => Volatile.Read(ref _headersServed);
    public long NotFoundSent => Volatile.Read(ref _notFoundSent);

    /// <summary>Peers the sync core disconnected (any reason).</summary>
    public long PeersDisconnected => Volatile.Read(ref _peersDisconnected);

    /// <summary>
    /// Blocks copied out of the peers' receive buffers and checked, handed to the core and not yet released by it
    /// (each holds a pooled buffer). Written by the peers' tasks and the core.
    /// </summary>
    public long BlocksPending => Volatile.Read(ref _blocksPending);

    internal void BlockConnected() => Interlocked.Increment(ref _blocksConnected);
    internal void BlockReceived() => Interlocked.Increment(ref _blocksReceived);
    internal void BlocksRequestedAdd(int n) => Interlocked.Add(ref _blocksRequested, n);
    internal void BlocksReRequestedAdd(int n) => Interlocked.Add(ref _blocksReRequested, n);
    internal void StallDetected() => Interlocked.Increment(ref _stallsDetected);
    internal void DownloadTimedOut() => Interlocked.Increment(ref _downloadTimeouts);
    internal void HeadersReceivedAdd(int n) => Interlocked.Add(ref _headersReceived, n);
    internal void UnrequestedBlock() => Interlocked.Increment(ref _unrequestedBlocks);
    internal void BlockServed() => Interlocked.Increment(ref _blocksServed);
    internal void HeadersServedAdd(int n) => Interlocked.Add(ref _headersServed, n);
    internal void NotFound(int n) => Interlocked.Add(ref _notFoundSent, n);
    internal void PeerDisconnected() => Interlocked.Increment(ref _peersDisconnected);
    internal void BlockPassed() => Interlocked.Increment(ref _blocksPending);
    internal void BlockReleased() => Interlocked.Decrement(ref _blocksPending);
}
