using Microsoft.Extensions.Logging;

namespace Node.Sync.Progress;

/// <summary>
/// Block processing progress (btcd's blockProgressLogger, with rates): counts blocks, transactions and
/// bytes into time buckets covering a sliding window, and logs at most once per <see cref="LogInterval"/>
/// what was processed since the last line, the window's rates and the ETA to the target height.
/// <see cref="OnBlockProcessed"/> allocates nothing unless it logs. One thread (the sync core).
/// </summary>
public sealed class ProgressMeter
{
    private const int BucketCount = 30;

    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly long _bucketTicks;
    private readonly long _logIntervalTicks;
    private readonly long _start;
    private readonly long[] _bucketIndex = new long[BucketCount];
    private readonly long[] _blocks = new long[BucketCount];
    private readonly long[] _transactions = new long[BucketCount];
    private readonly long[] _bytes = new long[BucketCount];
    private long _lastLog;
    private long _blocksSinceLog;
    private long _transactionsSinceLog;
    private int _height = -1;
    private uint _blockTime;
    private long _totalBlocks;
    private long _totalTransactions;

    /// <param name="window">The span rates are measured over (default 60 s).</param>
    /// <param name="logInterval">The least time between two log lines (default btcd's 10 s).</param>
    public ProgressMeter(ILogger logger, TimeProvider? clock = null, TimeSpan? window = null, TimeSpan? logInterval = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        Window = window ?? TimeSpan.FromSeconds(60);
        LogInterval = logInterval ?? TimeSpan.FromSeconds(10);
        if (Window < TimeSpan.FromMilliseconds(BucketCount)) throw new ArgumentOutOfRangeException(nameof(window), Window, "the window is too short");
        _bucketTicks = ToTimestamp(Window) / BucketCount;
        _logIntervalTicks = ToTimestamp(LogInterval);
        _start = _lastLog = _clock.GetTimestamp();
        Array.Fill(_bucketIndex, -1);
    }

    public TimeSpan Window { get; }

    public TimeSpan LogInterval { get; }

    /// <summary>The height sync is heading for (the best header's), for the ETA; -1 when unknown.</summary>
    public int TargetHeight { get; set; } = -1;

    /// <summary>Records a processed block; logs if the log interval has passed since the last line.</summary>
    /// <param name="blockTime">The block header's time (Unix seconds).</param>
    public void OnBlockProcessed(int height, int transactions, int bytes, uint blockTime)
    {
        long now = _clock.GetTimestamp();
        long bucket = (now - _start) / _bucketTicks;
        int slot = (int)(bucket % BucketCount);
        if (_bucketIndex[slot] != bucket)
        {
            _bucketIndex[slot] = bucket;
            _blocks[slot] = _transactions[slot] = _bytes[slot] = 0;
        }
        _blocks[slot]++;
        _transactions[slot] += transactions;
        _bytes[slot] += bytes;

        _height = height;
        _blockTime = blockTime;
        _totalBlocks++;
        _totalTransactions += transactions;
        _blocksSinceLog++;
        _transactionsSinceLog += transactions;

        if (now - _lastLog >= _logIntervalTicks) Log(now);
    }

    /// <summary>The current progress and rates.</summary>
    public ProgressSnapshot Snapshot() => Snapshot(_clock.GetTimestamp());

    private ProgressSnapshot Snapshot(long now)
    {
        long current = (now - _start) / _bucketTicks;
        long oldest = current - (BucketCount - 1);
        long blocks = 0, transactions = 0, bytes = 0;
        for (int i = 0; i < BucketCount; i++)
        {
            if (_bucketIndex[i] < oldest || _bucketIndex[i] > current) continue;
            blocks += _blocks[i];
            transactions += _transactions[i];
            bytes += _bytes[i];
        }
        long from = Math.Max(_start, _start + oldest * _bucketTicks);
        double seconds = _clock.GetElapsedTime(from, now).TotalSeconds;
        double blockRate = seconds > 0 ? blocks / seconds : 0;
        TimeSpan? eta = null;
        if (TargetHeight >= 0 && _height >= 0 && blockRate > 0)
            eta = TimeSpan.FromSeconds(Math.Max(0, TargetHeight - _height) / blockRate);
        return new ProgressSnapshot(
            _height,
            DateTimeOffset.FromUnixTimeSeconds(_blockTime),
            _totalBlocks,
            _totalTransactions,
            blockRate,
            seconds > 0 ? transactions / seconds : 0,
            seconds > 0 ? bytes / 1e6 / seconds : 0,
            eta);
    }

    private void Log(long now)
    {
        var elapsed = _clock.GetElapsedTime(_lastLog, now);
        // btcd truncates the span to tens of milliseconds.
        elapsed = TimeSpan.FromTicks(elapsed.Ticks - elapsed.Ticks % (10 * TimeSpan.TicksPerMillisecond));
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var s = Snapshot(now);
            ProgressLog.Processed(_logger, _blocksSinceLog, elapsed, _transactionsSinceLog, s.Height, s.BlockTime,
                s.BlocksPerSecond, s.TransactionsPerSecond, s.MegabytesPerSecond, s.Eta is { } eta ? eta.ToString(@"d\.hh\:mm\:ss") : "unknown");
        }
        _blocksSinceLog = 0;
        _transactionsSinceLog = 0;
        _lastLog = now;
    }

    private long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * _clock.TimestampFrequency);
}
