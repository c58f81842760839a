namespace Node.Sync.Download;

/// <summary>Bitcoin Core's block download limits (net_processing.cpp), under Core's names in the docs.</summary>
public sealed record BlockDownloadOptions
{
    /// <summary>MAX_BLOCKS_IN_TRANSIT_PER_PEER.</summary>
    public int MaxBlocksInTransitPerPeer { get; init; } = 16;

    /// <summary>BLOCK_DOWNLOAD_WINDOW: blocks are fetched at most this far past the last block held in common with the peer.</summary>
    public int DownloadWindow { get; init; } = 1024;

    /// <summary>BLOCK_STALLING_TIMEOUT_DEFAULT.</summary>
    public TimeSpan StallingTimeoutDefault { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>BLOCK_STALLING_TIMEOUT_MAX.</summary>
    public TimeSpan StallingTimeoutMax { get; init; } = TimeSpan.FromSeconds(64);

    /// <summary>BLOCK_DOWNLOAD_TIMEOUT_BASE, in block intervals (nPowTargetSpacing).</summary>
    public double DownloadTimeoutBase { get; init; } = 1;

    /// <summary>BLOCK_DOWNLOAD_TIMEOUT_PER_PEER, in block intervals per other peer we download from.</summary>
    public double DownloadTimeoutPerPeer { get; init; } = 0.5;

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
