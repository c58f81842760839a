using Node.Sync.Progress;

namespace Node.Sync.Tests.Progress;

/// <summary>Rates over the sliding window, one log line per interval at most, and no allocation per block.</summary>
public class ProgressMeterTests
{
    private const uint BlockTime = 1_231_006_505;

    [Fact]
    public void Steady_processing_gives_exact_rates_and_eta()
    {
        var clock = new ManualClock();
        var meter = new ProgressMeter(new ListLogger(), clock) { TargetHeight = 2200 };
        // 10 blocks a second, 5 transactions and 250 kB each, for two minutes.
        for (int height = 1; height <= 1200; height++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            meter.OnBlockProcessed(height, 5, 250_000, BlockTime + (uint)height * 600);
        }
        var s = meter.Snapshot();
        Assert.Equal(1200, s.Height);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(BlockTime + 1200 * 600), s.BlockTime);
        Assert.Equal((1200, 6000), (s.TotalBlocks, s.TotalTransactions));
        Assert.InRange(s.BlocksPerSecond, 9.9, 10.1);
        Assert.InRange(s.TransactionsPerSecond, 49.5, 50.5);
        Assert.InRange(s.MegabytesPerSecond, 2.47, 2.53);
        Assert.InRange(s.Eta!.Value.TotalSeconds, 99, 101);
    }

    [Fact]
    public void The_rate_follows_the_window_not_the_whole_run()
    {
        var clock = new ManualClock();
        var meter = new ProgressMeter(new ListLogger(), clock, window: TimeSpan.FromSeconds(30));
        for (int i = 0; i < 600; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            meter.OnBlockProcessed(i, 1, 1000, BlockTime);
        }
        // Slow down to 1 block a second for a full window.
        for (int i = 600; i < 640; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            meter.OnBlockProcessed(i, 1, 1000, BlockTime);
        }
        Assert.InRange(meter.Snapshot().BlocksPerSecond, 0.9, 1.1);

        clock.Advance(TimeSpan.FromMinutes(5));
        var idle = meter.Snapshot();
        Assert.Equal(0, idle.BlocksPerSecond);
        Assert.Null(idle.Eta);
    }

    [Fact]
    public void At_most_one_line_per_ten_seconds_reporting_what_was_done_since_the_last()
    {
        var clock = new ManualClock();
        var logger = new ListLogger();
        var meter = new ProgressMeter(logger, clock) { TargetHeight = 5000 };
        for (int height = 1; height <= 1200; height++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            meter.OnBlockProcessed(height, 3, 1000, BlockTime);
        }
        Assert.Equal(12, logger.Lines.Count);
        Assert.All(logger.Lines, line => Assert.StartsWith("Processed 100 blocks in the last 00:00:10 (300 transactions, height ", line));
        // 581 blocks in the 58 s the window covers at 120 s; 3,800 blocks to go at that rate.
        Assert.Equal("Processed 100 blocks in the last 00:00:10 (300 transactions, height 1200, 2009-01-03 18:15:05Z); " +
                     "10.0 blocks/s, 30 tx/s, 0.01 MB/s, ETA 0.00:06:19", logger.Lines[^1]);
    }

    [Fact]
    public void Recording_a_block_allocates_nothing()
    {
        var clock = new ManualClock();
        var meter = new ProgressMeter(new ListLogger(), clock, logInterval: TimeSpan.FromDays(1)) { TargetHeight = 1_000_000 };
        for (int i = 0; i < 100; i++) meter.OnBlockProcessed(i, 2, 500, BlockTime);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 100; i < 100_000; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(7));
            meter.OnBlockProcessed(i, 2, 500, BlockTime);
        }
        _ = meter.Snapshot();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
