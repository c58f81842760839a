namespace Node.Sync.Progress;

/// <summary>Block processing progress: rates over the meter's sliding window, totals since start.</summary>
/// <param name="Height">Height of the last block processed.</param>
/// <param name="BlockTime">Header time of that block.</param>
/// <param name="TotalBlocks">Blocks processed since the meter started.</param>
/// <param name="TotalTransactions">Transactions in them.</param>
/// <param name="BlocksPerSecond">Over the sliding window.</param>
/// <param name="TransactionsPerSecond">Over the sliding window.</param>
/// <param name="MegabytesPerSecond">Block bytes (10^6 a megabyte) over the sliding window.</param>
/// <param name="Eta">Time to reach the target height at the window's block rate; null without a target or a rate.</param>
public readonly record struct ProgressSnapshot(
    int Height,
    DateTimeOffset BlockTime,
    long TotalBlocks,
    long TotalTransactions,
    double BlocksPerSecond,
    double TransactionsPerSecond,
    double MegabytesPerSecond,
    TimeSpan? Eta);
