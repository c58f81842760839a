using Node.Sync.Download;

namespace Node.Sync.Tests.Download;

/// <summary>Core's staller detection: the peer holding the window's first block while another peer starves.</summary>
public class StallingTests
{
    /// <summary>Peer <paramref name="slow"/> takes the window's first blocks; peer 100 fetches the rest and then starves.</summary>
    private static int[] StallBehind(SchedulerHarness h, int slow)
    {
        h.AddPeer(slow);
        var held = h.Request(slow);
        h.Drain(100);
        Assert.Empty(h.Request(100));
        return held;
    }

    [Fact]
    public void The_peer_holding_the_window_is_condemned_after_two_seconds()
    {
        using var h = new SchedulerHarness();
        h.AddPeer(100);
        var held = StallBehind(h, slow: 1);
        Assert.Equal(SchedulerHarness.Range(1, 16), held);

        h.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(DownloadVerdict.None, h.Scheduler.CheckPeer(1));
        Assert.Equal(DownloadVerdict.None, h.Scheduler.CheckPeer(100));
        h.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(DownloadVerdict.Stalling, h.Scheduler.CheckPeer(1));
        Assert.Equal(TimeSpan.FromSeconds(4), h.Scheduler.StallingTimeout);

        // One verdict per peer, and nothing more is scheduled for it.
        Assert.Equal(DownloadVerdict.None, h.Scheduler.CheckPeer(1));
        Assert.Equal(DownloadVerdict.None, h.Scheduler.CheckPeer(100));
    }

    [Fact]
    public void The_stallers_blocks_go_to_another_peer_as_soon_as_it_disconnects()
    {
        using var h = new SchedulerHarness();
        h.AddPeer(100);
        var held = StallBehind(h, slow: 1);
        h.Scheduler.OnPeerDisconnected(1);
        Assert.Equal(0, h.Scheduler.InFlightCount(1));
        Assert.Equal(held, h.Request(100));
        Assert.All(held, id => Assert.Equal(100, h.Scheduler.InFlightFrom(id)));
    }

    [Fact]
    public void A_block_from_the_staller_clears_its_stall()
    {
        using var h = new SchedulerHarness();
        h.AddPeer(100);
        StallBehind(h, slow: 1);
        h.Clock.Advance(TimeSpan.FromSeconds(1.5));
        h.Deliver(1, [1]);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(DownloadVerdict.None, h.Scheduler.CheckPeer(1));
    }

    [Fact]
    public void No_staller_while_the_starving_peer_still_has_blocks_in_flight()
    {
        using var h = new SchedulerHarness();
        h.AddPeer(1);
        h.AddPeer(100);
        h.Request(1);
        // Peer 100 fetches to the window's end but delivers none of its last batch.
        while (h.Request(100) is { Length: > 0 } got)
        {
            if (got[^1] == 1024) break;
            h.Deliver(100, got);
        }
        Assert.Empty(h.Request(100));
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(DownloadVerdict.None, h.Scheduler.CheckPeer(1));
    }

    [Fact]
    public void The_timeout_doubles_per_stall_up_to_64_seconds_and_decays_by_15_percent_per_connected_block()
    {
        using var h = new SchedulerHarness();
        h.AddPeer(100);
        var seen = new List<double>();
        for (int slow = 1; slow <= 7; slow++)
        {
            StallBehind(h, slow);
            var timeout = h.Scheduler.StallingTimeout;
            h.Clock.Advance(timeout);
            Assert.Equal(DownloadVerdict.None, h.Scheduler.CheckPeer(slow));
            h.Clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(DownloadVerdict.Stalling, h.Scheduler.CheckPeer(slow));
            seen.Add(h.Scheduler.StallingTimeout.TotalSeconds);
            h.Scheduler.OnPeerDisconnected(slow);
        }
        Assert.Equal([4, 8, 16, 32, 64, 64, 64], seen);

        var decay = new List<double>();
        for (int i = 0; i < 17; i++)
        {
            h.Scheduler.OnBlockConnected();
            decay.Add(h.Scheduler.StallingTimeout.TotalSeconds);
        }
        // Core: max(duration_cast<seconds>(timeout * 0.85), 2 s).
        Assert.Equal([54, 45, 38, 32, 27, 22, 18, 15, 12, 10, 8, 6, 5, 4, 3, 2, 2], decay);
    }
}
