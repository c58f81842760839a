using Microsoft.Extensions.Logging;

namespace Node.Sync.Progress;

internal static partial class ProgressLog
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Processed {Blocks} blocks in the last {Elapsed} ({Transactions} transactions, height {Height}, {BlockTime:u}); " +
                  "{BlocksPerSecond:F1} blocks/s, {TransactionsPerSecond:F0} tx/s, {MegabytesPerSecond:F2} MB/s, ETA {Eta}")]
    public static partial void Processed(ILogger logger, long blocks, TimeSpan elapsed, long transactions, int height,
        DateTimeOffset blockTime, double blocksPerSecond, double transactionsPerSecond, double megabytesPerSecond, string eta);
}
