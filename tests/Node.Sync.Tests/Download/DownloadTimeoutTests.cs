using Node.Sync.Download;

namespace Node.Sync.Tests.Download;

/// <summary>Core's block download timeout: 10 minutes × (1 + 0.5 × other peers we download from).</summary>
public class DownloadTimeoutTests
{
    [Fact]
    public void A_lone_peer_times_out_ten_minutes_after_its_oldest_request()
    {
        using var h = new SchedulerHarness();
        h.AddPeer(1);
        h.Request(1);
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(DownloadVerdict.None, h.Scheduler.CheckPeer(1));
        h.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(DownloadVerdict.BlockDownloadTimeout, h.Scheduler.CheckPeer(1));
    }

    [Fact]
    public void Each_other_downloading_peer_adds_half_an_interval()
    {
        using var h = new SchedulerHarness();
        for (int peer = 1; peer <= 3; peer++)
        {
            h.AddPeer(peer);
            h.Request(peer);
        }
        Assert.Equal(3, h.Scheduler.PeersDownloadingFrom);
        h.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(DownloadVerdict.None, h.Scheduler.CheckPeer(1));
        h.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(DownloadVerdict.BlockDownloadTimeout, h.Scheduler.CheckPeer(1));
    }

    [Fact]
    public void Receiving_the_oldest_block_restarts_the_clock_for_the_next()
    {
        using var h = new SchedulerHarness();
        h.AddPeer(1);
        h.Request(1);
        h.Clock.Advance(TimeSpan.FromMinutes(9));
        h.Deliver(1, [1]);
        h.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(DownloadVerdict.None, h.Scheduler.CheckPeer(1));
        h.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromTicks(1));
        Assert.Equal(DownloadVerdict.BlockDownloadTimeout, h.Scheduler.CheckPeer(1));
    }

    [Fact]
    public void A_peer_with_nothing_in_flight_never_times_out()
    {
        using var h = new SchedulerHarness();
        h.AddPeer(1);
        h.Deliver(1, h.Request(1));
        Assert.Equal(0, h.Scheduler.PeersDownloadingFrom);
        h.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(DownloadVerdict.None, h.Scheduler.CheckPeer(1));
    }
}
