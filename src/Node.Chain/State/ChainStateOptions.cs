using Microsoft.Extensions.Logging;
using Node.Primitives;
using Node.Storage;

namespace Node.Chain.State;

/// <summary>Settings of a <see cref="ChainState"/>. Defaults follow Bitcoin Core (and btcd for the orphan pool).</summary>
public sealed record ChainStateOptions
{
    /// <summary>
    /// Core's -minimumchainwork: blocks are connected only once the best header chain has at least
    /// this much work, and the node stays in initial block download until its tip has it. Null
    /// takes the network's default; zero disables the gate.
    /// </summary>
    public UInt256? MinimumChainWork { get; init; }

    /// <summary>Core's -checkpoints: enforce the network's checkpoints on headers.</summary>
    public bool CheckpointsEnabled { get; init; } = true;

    /// <summary>The node's clock, for the future-time header rule, orphan expiry and the tip-age test.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Core's DEFAULT_MAX_TIP_AGE.</summary>
    public const long DefaultMaxTipAgeSeconds = 24 * 60 * 60;

    /// <summary>Core's max tip age (-maxtipage): a tip older than this keeps the node in initial block download.</summary>
    public TimeSpan MaxTipAge { get; init; } = TimeSpan.FromSeconds(DefaultMaxTipAgeSeconds);

    /// <summary>The index is committed after this many newly stored blocks...</summary>
    public int CommitEveryBlocks { get; init; } = 2000;

    /// <summary>...or when this much time passed since the last commit, whichever comes first (and at Flush and Dispose).</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Orphan blocks held at most (btcd: 100).</summary>
    public int MaxOrphans { get; init; } = 100;

    /// <summary>Bytes of orphan blocks held at most.</summary>
    public long MaxOrphanBytes { get; init; } = 64L << 20;

    /// <summary>An orphan is dropped when its parent has not arrived within this time (btcd: one hour).</summary>
    public TimeSpan OrphanExpiry { get; init; } = TimeSpan.FromHours(1);

    public BlockStoreOptions Store { get; init; } = new();

    public ILogger? Logger { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(CommitEveryBlocks);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxOrphans);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxOrphanBytes);
        ArgumentNullException.ThrowIfNull(Clock);
    }
}
