using Node.Sync.Download;

namespace Node.Sync.Tests.Download;

/// <summary>The 1,024-block window, the 16-per-peer cap, and one request per block, on the real mainnet headers.</summary>
public class DownloadWindowTests
{
    [Fact]
    public void A_peer_gets_at_most_16_blocks_in_flight_in_chain_order()
    {
        using var h = new SchedulerHarness();
        h.AddPeer(1);
        Assert.Equal(SchedulerHarness.Range(1, 16), h.Request(1, room: 100));
        Assert.Empty(h.Request(1));
        Assert.Equal(16, h.Scheduler.InFlightCount(1));

        h.Deliver(1, [1, 2]);
        Assert.Equal([17, 18], h.Request(1));
        Assert.Empty(h.Request(1));
    }

    [Fact]
    public void A_small_destination_limits_the_request()
    {
        using var h = new SchedulerHarness();
        h.AddPeer(1);
        Assert.Equal([1, 2, 3], h.Request(1, room: 3));
        Assert.Equal(SchedulerHarness.Range(4, 13), h.Request(1, room: 100));
    }

    [Fact]
    public void Many_peers_share_the_window_without_requesting_any_block_twice()
    {
        using var h = new SchedulerHarness();
        var requested = new List<int>();
        for (int peer = 0; peer < 70; peer++)
        {
            h.AddPeer(peer);
            requested.AddRange(h.Request(peer));
        }
        // 64 peers fill the window exactly; the rest find nothing inside it.
        Assert.Equal(SchedulerHarness.Range(1, 1024), requested.Order());
        Assert.Equal(1024, h.Scheduler.BlocksInFlight);
        for (int peer = 64; peer < 70; peer++) Assert.Equal(0, h.Scheduler.InFlightCount(peer));
        foreach (int id in requested) Assert.NotEqual(BlockDownloadScheduler.NoPeer, h.Scheduler.InFlightFrom(id));
    }

    [Fact]
    public void The_window_ends_1024_blocks_past_the_last_block_held_in_common()
    {
        using var h = new SchedulerHarness();
        h.AddPeer(1);
        h.AddPeer(2);
        var first = h.Request(1);
        var rest = h.Drain(2);
        Assert.Equal(17, rest.Min());
        Assert.Equal(1024, rest.Max());

        // Blocks 1..16 arrive: the window slides at once, by exactly that much.
        h.Deliver(1, first);
        Assert.Equal(SchedulerHarness.Range(1025, 16), h.Request(2));
    }

    [Fact]
    public void Connected_blocks_move_the_window_with_our_tip()
    {
        using var h = new SchedulerHarness();
        h.Chain.ConnectTo(5000);
        h.AddPeer(1);
        var all = h.Drain(1);
        Assert.Equal(SchedulerHarness.Range(5001, 10236 - 5000), all);
        Assert.Equal(0, h.Scheduler.BlocksInFlight);
    }

    [Fact]
    public void Blocks_already_stored_ahead_of_the_tip_are_not_requested()
    {
        using var h = new SchedulerHarness();
        foreach (int id in new[] { 3, 4, 10 }) h.Chain.Store(id);
        h.AddPeer(1);
        Assert.Equal([1, 2, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19], h.Request(1));
    }
}
