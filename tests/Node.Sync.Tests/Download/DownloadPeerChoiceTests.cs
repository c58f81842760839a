using Node.Primitives.Consensus;
using Node.Sync.Download;

namespace Node.Sync.Tests.Download;

/// <summary>Blocks come only from peers whose best header descends from them, and only when that chain is worth it.</summary>
public class DownloadPeerChoiceTests
{
    [Fact]
    public void A_peer_is_asked_only_for_ancestors_of_its_best_header()
    {
        using var h = new SchedulerHarness();
        h.AddPeer(1, bestHeight: 20);
        Assert.Equal(SchedulerHarness.Range(1, 16), h.Request(1));
        h.Deliver(1, SchedulerHarness.Range(1, 16));
        Assert.Equal([17, 18, 19, 20], h.Request(1));
        Assert.Empty(h.Request(1));

        // It announces more: the new blocks become available from it.
        h.Scheduler.OnPeerHasBlock(1, 25);
        Assert.Equal([21, 22, 23, 24, 25], h.Request(1));
    }

    [Fact]
    public void A_less_work_announcement_does_not_lower_the_best_known_header()
    {
        using var h = new SchedulerHarness();
        h.AddPeer(1, bestHeight: 500);
        h.Scheduler.OnPeerHasBlock(1, 100);
        Assert.Equal(500, h.Scheduler.BestKnown(1));
    }

    [Fact]
    public void A_peer_on_a_fork_is_asked_for_its_fork_blocks_not_ours()
    {
        using var h = new SchedulerHarness();
        h.Chain.ConnectTo(95);
        var fork = h.Chain.AddFork(forkHeight: 100, count: 20);
        h.Scheduler.AddPeer(7, servesWitness: true);
        h.Scheduler.OnPeerHasBlock(7, fork[^1]);
        h.AddPeer(8, bestHeight: 200);

        var fromFork = h.Drain(7);
        Assert.Equal(SchedulerHarness.Range(96, 5).Concat(fork), fromFork);
        Assert.All(h.Drain(8), id => Assert.True(h.Chain.Index[id].Height > 100 && id < fork[0]));
    }

    [Fact]
    public void A_peer_whose_best_header_has_less_work_than_our_tip_is_asked_for_nothing()
    {
        using var h = new SchedulerHarness();
        h.Chain.ConnectTo(300);
        h.AddPeer(1, bestHeight: 200);
        Assert.Empty(h.Request(1));
        h.Scheduler.OnPeerHasBlock(1, 301);
        Assert.Equal([301], h.Request(1));
    }

    [Fact]
    public void Below_minimum_chain_work_nothing_is_downloaded()
    {
        // The real mainnet minimum chain work: 10,236 blocks of 2009-10 are far below it.
        using var h = new SchedulerHarness(new DownloadChain(minimumChainWork: ChainParams.Main.MinimumChainWork));
        h.AddPeer(1);
        Assert.Empty(h.Request(1));
    }

    [Fact]
    public void A_peer_without_witness_support_is_not_asked_for_blocks_past_segwit_activation()
    {
        using var h = new SchedulerHarness(new DownloadChain(ChainParams.Main with { SegwitHeight = 40 }));
        h.AddPeer(1, witness: false);
        h.AddPeer(2, witness: true);
        Assert.Equal(SchedulerHarness.Range(1, 39), h.Drain(1));
        // The witness peer takes the rest; its window slides as it delivers.
        Assert.Equal(SchedulerHarness.Range(40, 10236 - 39), h.Drain(2));
    }

    [Fact]
    public void Blocks_on_a_failed_chain_are_not_requested()
    {
        using var h = new SchedulerHarness();
        h.Chain.Index.MarkFailed(10);
        h.AddPeer(1);
        Assert.Equal(SchedulerHarness.Range(1, 9), h.Request(1));
        Assert.Empty(h.Request(1));
    }
}
