namespace Node.Sync.Core;

/// <summary>Settings of a <see cref="SyncManager"/>. Defaults are Bitcoin Core's; tests shorten the timeouts.</summary>
public sealed record SyncOptions
{
    /// <summary>Block download limits and timeouts (Core's), for the <see cref="Download.BlockDownloadScheduler"/>.</summary>
    public Download.BlockDownloadOptions Download { get; init; } = new();

    /// <summary>How often the timer event checks stalls and timeouts.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Progress is logged at most this often.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>-blocksonly: transactions are neither requested nor accepted; a peer sending one is disconnected.</summary>
    public bool BlocksOnly { get; init; }

    /// <summary>Unrequested tx messages tolerated from a peer (we keep no mempool) before it is disconnected.</summary>
    public int UnrequestedTxAllowance { get; init; } = 100;

    /// <summary>Slots of the event ring (a power of two).</summary>
    public int EventCapacity { get; init; } = 4096;

    /// <summary>
    /// Blocks a peer may have handed to the core and not yet seen processed: the peer receives and checks the next
    /// ones meanwhile, and stops reading at this many (back-pressure to its socket). The peer keeps a buffer for each,
    /// as large as the largest block it sent (3 MB with 1 MB blocks), for the connection's life.
    /// </summary>
    public int BlocksPerPeer { get; init; } = 3;

    /// <summary>Peers remembered per connection as knowing a block (announcement suppression).</summary>
    public int KnownBlocksPerPeer { get; init; } = 1024;

    /// <summary>The clock the header ages are read against (the chain's clock).</summary>
    public TimeProvider ChainClock { get; init; } = TimeProvider.System;

    /// <summary>Held by the core while it handles an event: others (RPC) take it to use the chain state between events.</summary>
    public object ChainGate { get; init; } = new();
}
