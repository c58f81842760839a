namespace Node.Sync.Core;

/// <summary>Settings of a <see cref="SyncManager"/>. Defaults are Bitcoin Core's; tests shorten the timeouts.</summary>
public sealed record SyncOptions
{
    /// <summary>Core's MAX_BLOCKS_IN_TRANSIT_PER_PEER.</summary>
    public int MaxBlocksInFlightPerPeer { get; init; } = 16;

    /// <summary>Core's BLOCK_DOWNLOAD_WINDOW: no block is requested further than this past the last common block.</summary>
    public int BlockDownloadWindow { get; init; } = 1024;

    /// <summary>Core's BLOCK_STALLING_TIMEOUT_DEFAULT: the first stall timeout.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Core's BLOCK_STALLING_TIMEOUT_MAX: the stall timeout doubles per staller disconnected up to this.</summary>
    public TimeSpan MaxStallTimeout { get; init; } = TimeSpan.FromSeconds(64);

    /// <summary>Core's BLOCK_DOWNLOAD_TIMEOUT_BASE: a block in flight this long (scaled by other downloading peers) drops the peer.</summary>
    public TimeSpan BlockDownloadTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Core's HEADERS_DOWNLOAD_TIMEOUT_BASE: the initial headers sync must finish within this...</summary>
    public TimeSpan HeadersSyncTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>...plus this per header expected (Core's HEADERS_DOWNLOAD_TIMEOUT_PER_HEADER), from the best header's age.</summary>
    public TimeSpan HeadersSyncTimeoutPerHeader { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>How often the timer event checks stalls and timeouts.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Progress is logged at most this often.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>-blocksonly: transactions are neither requested nor accepted; a peer sending one is disconnected.</summary>
    public bool BlocksOnly { get; init; }

    /// <summary>Unrequested tx messages tolerated from a peer (we keep no mempool) before it is disconnected.</summary>
    public int UnrequestedTxAllowance { get; init; } = 100;

    /// <summary>Core's MAX_NUM_UNCONNECTING_HEADERS_MSGS: every this many non-connecting headers messages score misbehaviour.</summary>
    public int MaxUnconnectingHeaders { get; init; } = 10;

    /// <summary>Slots of the event ring (a power of two).</summary>
    public int EventCapacity { get; init; } = 4096;

    /// <summary>Peers remembered per connection as knowing a block (announcement suppression).</summary>
    public int KnownBlocksPerPeer { get; init; } = 1024;

    /// <summary>Timers of the sync core (stalls, timeouts, progress).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The clock the header ages are read against (the chain's clock).</summary>
    public TimeProvider ChainClock { get; init; } = TimeProvider.System;
}
