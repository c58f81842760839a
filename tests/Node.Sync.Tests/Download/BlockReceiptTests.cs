using Node.Sync.Download;

namespace Node.Sync.Tests.Download;

/// <summary>A block is accepted only from the peer it was requested from.</summary>
public class BlockReceiptTests
{
    [Fact]
    public void Blocks_are_reported_unrequested_unless_in_flight_from_the_sender()
    {
        using var h = new SchedulerHarness();
        h.AddPeer(1);
        h.AddPeer(2);
        h.Request(1);
        var index = h.Chain.Index;

        Assert.Equal(BlockReceipt.Unrequested, h.Scheduler.OnBlockReceived(2, index[1].Hash));
        Assert.Equal(BlockReceipt.Unrequested, h.Scheduler.OnBlockReceived(1, index[500].Hash));
        Assert.Equal(BlockReceipt.Unrequested, h.Scheduler.OnBlockReceived(1, MainnetHeaders.Header(5).MerkleRoot));
        Assert.Equal(BlockReceipt.UnknownPeer, h.Scheduler.OnBlockReceived(9, index[1].Hash));

        Assert.Equal(BlockReceipt.Requested, h.Scheduler.OnBlockReceived(1, index[1].Hash));
        Assert.Equal(BlockReceipt.Unrequested, h.Scheduler.OnBlockReceived(1, index[1].Hash));
        Assert.Equal(15, h.Scheduler.InFlightCount(1));
        Assert.Equal(BlockDownloadScheduler.NoPeer, h.Scheduler.InFlightFrom(1));
    }

    [Fact]
    public void Disconnecting_returns_every_block_at_once_and_forgets_the_peer()
    {
        using var h = new SchedulerHarness();
        h.AddPeer(1);
        h.AddPeer(2);
        var held = h.Request(1);
        Assert.Equal(SchedulerHarness.Range(17, 16), h.Request(2));
        h.Scheduler.OnPeerDisconnected(1);
        Assert.Equal(1, h.Scheduler.PeersDownloadingFrom);
        Assert.Equal(16, h.Scheduler.BlocksInFlight);
        h.Deliver(2, SchedulerHarness.Range(17, 16));
        Assert.Equal(held, h.Request(2));
        Assert.Equal(BlockReceipt.UnknownPeer, h.Scheduler.OnBlockReceived(1, h.Chain.Index[1].Hash));
        Assert.Throws<ArgumentException>(() => h.Request(1));
    }

    [Fact]
    public void A_peer_cannot_be_registered_twice()
    {
        using var h = new SchedulerHarness();
        h.AddPeer(1);
        Assert.Throws<ArgumentException>(() => h.Scheduler.AddPeer(1, servesWitness: true));
    }
}
