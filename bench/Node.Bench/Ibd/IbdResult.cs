namespace Node.Bench.Ibd;

/// <summary>The figures of one measured sync; all managed/GC/RSS figures are the syncing process's alone.</summary>
public sealed record IbdResult
{
    public required IbdSettings Settings { get; init; }
    public required long ChainBytes { get; init; }
    public required TimeSpan Wall { get; init; }
    public required TimeSpan HeadersPhase { get; init; }

    /// <summary>CPU time (all threads) of the syncing process: on a loaded machine a steadier figure than the wall time.</summary>
    public required TimeSpan SyncerCpu { get; init; }
    /// <summary>From the first headers message to the last header: the headers phase without connecting and handshaking.</summary>
    public required TimeSpan HeadersTransfer { get; init; }
    public required int SteadyBlocks { get; init; }
    public required TimeSpan SteadyTime { get; init; }
    public required long SteadyAllocatedBytes { get; init; }
    /// <summary>The last half of the blocks alone: the receive segment pool has reached its high-water mark by then.</summary>
    public required int SecondHalfBlocks { get; init; }
    public required long SecondHalfAllocatedBytes { get; init; }
    public required long TotalAllocatedBytes { get; init; }
    public required int Gen0 { get; init; }
    public required int Gen1 { get; init; }
    public required int Gen2 { get; init; }
    public required long PeakWorkingSet { get; init; }
    public required IReadOnlyList<long> BlocksServedByPeer { get; init; }
    public required string LoadAverage { get; init; }

    public double MegabytesPerSecond => ChainBytes / 1e6 / Wall.TotalSeconds;
    public double MegabytesPerCpuSecond => ChainBytes / 1e6 / SyncerCpu.TotalSeconds;
    public double BlocksPerCpuSecond => Settings.Blocks / SyncerCpu.TotalSeconds;
    public double BlocksPerSecond => Settings.Blocks / Wall.TotalSeconds;
    public double HeadersPerSecond => Settings.Blocks / HeadersPhase.TotalSeconds;
    public double HeadersTransferPerSecond => Settings.Blocks / HeadersTransfer.TotalSeconds;
    public double SecondHalfAllocatedPerBlock => SecondHalfBlocks == 0 ? double.NaN : (double)SecondHalfAllocatedBytes / SecondHalfBlocks;
    public double AllocatedPerBlock => SteadyBlocks == 0 ? double.NaN : (double)SteadyAllocatedBytes / SteadyBlocks;
}
