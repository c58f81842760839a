using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Headers;
using Node.Wire;

namespace Node.Sync.Tests.Headers;

/// <summary>Syncing the real mainnet headers 0..10236 in batches of 2,000, and the checks on every batch.</summary>
public class HeadersFirstTests
{
    [Fact]
    public void Full_batches_ask_for_more_and_the_short_batch_reaches_the_peers_tip()
    {
        var h = HeaderSyncHarness.MainnetFromGenesis();
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, isLocalhost: false, startHeight: 10236);
        Assert.Equal(1, h.State.StartSync(ourHeight: 0));

        var actions = new List<(HeaderSyncAction, int)>();
        for (int from = 1; from <= 10236; from += 2000)
        {
            var batch = HeaderSyncHarness.Mainnet(from, Math.Min(2000, 10237 - from));
            var result = h.Exchange(1, batch);
            Assert.Equal(MainnetHeaders.Hash(result.LastHeight), result.Last);
            actions.Add((result.Action, result.LastHeight));
        }
        Assert.Equal(
            [(HeaderSyncAction.RequestMore, 2000), (HeaderSyncAction.RequestMore, 4000), (HeaderSyncAction.RequestMore, 6000),
             (HeaderSyncAction.RequestMore, 8000), (HeaderSyncAction.RequestMore, 10000), (HeaderSyncAction.TipReached, 10236)],
            actions);
        Assert.True(h.State.HeadersSynced);
        Assert.Equal(10236, h.Index[h.Index.BestHeader].Height);
        Assert.Null(h.State.HeadersSyncDeadline);
    }

    [Fact]
    public void An_empty_answer_from_the_sync_peer_means_its_tip_is_ours()
    {
        var h = HeaderSyncHarness.MainnetFromGenesis();
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 0);
        h.State.StartSync(0);
        var result = h.Exchange(1, []);
        Assert.Equal(HeaderSyncAction.TipReached, result.Action);
        Assert.Equal(-1, result.LastHeight);
    }

    [Fact]
    public void A_header_that_does_not_build_on_the_previous_one_disconnects()
    {
        var h = HeaderSyncHarness.MainnetFromGenesis();
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 10236);
        h.State.StartSync(0);
        var batch = HeaderSyncHarness.Mainnet(1, 100);
        (batch[40], batch[41]) = (batch[41], batch[40]);
        var result = h.Exchange(1, batch);
        Assert.Equal((HeaderSyncAction.Disconnect, HeaderSyncError.NotContinuous, 41), (result.Action, result.Error, result.ErrorHeight));
        Assert.Equal(1, h.Index.Count);
    }

    [Fact]
    public void A_batch_whose_first_parent_is_unknown_asks_for_the_gap_and_is_not_an_error()
    {
        var h = HeaderSyncHarness.MainnetFromGenesis();
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 10236);
        for (int i = 0; i < 20; i++)
        {
            var result = h.Exchange(1, HeaderSyncHarness.Mainnet(5, 10));
            Assert.Equal((HeaderSyncAction.DoesNotConnect, HeaderSyncError.None), (result.Action, result.Error));
        }
        Assert.Equal(1, h.Index.Count);
    }

    [Fact]
    public void Headers_that_neither_connect_nor_link_to_each_other_are_NotContinuous_as_Core_checks_that_first()
    {
        var h = HeaderSyncHarness.MainnetFromGenesis();
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 10236);
        var batch = HeaderSyncHarness.Mainnet(5, 10);
        (batch[3], batch[4]) = (batch[4], batch[3]);
        var result = h.Exchange(1, batch);
        Assert.Equal((HeaderSyncAction.Disconnect, HeaderSyncError.NotContinuous, -1), (result.Action, result.Error, result.ErrorHeight));
    }

    [Fact]
    public void A_getheaders_is_held_back_while_one_sent_less_than_2_minutes_ago_is_unanswered()
    {
        var h = HeaderSyncHarness.MainnetFromGenesis();
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 10236);
        Assert.True(h.State.MaySendGetHeaders(1));
        h.State.OnGetHeadersSent(1, MainnetHeaders.Hash(0));
        Assert.False(h.State.MaySendGetHeaders(1));
        h.Clock.Advance(HeaderSyncState.HeadersResponseTime);
        Assert.False(h.State.MaySendGetHeaders(1));
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(h.State.MaySendGetHeaders(1));

        // Any headers message is taken as the answer, even one that does not connect (Core clears the timestamp).
        h.State.OnGetHeadersSent(1, MainnetHeaders.Hash(0));
        Assert.Equal(HeaderSyncAction.DoesNotConnect, h.Exchange(1, HeaderSyncHarness.Mainnet(5, 1), requested: false).Action);
        Assert.True(h.State.MaySendGetHeaders(1));
        Assert.False(h.State.MaySendGetHeaders(2));
    }

    [Fact]
    public void More_than_2000_headers_disconnect()
    {
        var h = HeaderSyncHarness.MainnetFromGenesis();
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 10236);
        var result = h.Exchange(1, HeaderSyncHarness.Mainnet(1, 2001));
        Assert.Equal((HeaderSyncAction.Disconnect, HeaderSyncError.TooManyHeaders), (result.Action, result.Error));
    }

    [Fact]
    public void Unrequested_headers_that_connect_are_accepted_whatever_their_number_and_a_full_batch_asks_for_more()
    {
        var h = HeaderSyncHarness.MainnetFromGenesis();
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 10236);
        var announced = h.Exchange(1, HeaderSyncHarness.Mainnet(1, 8), requested: false);
        Assert.Equal((HeaderSyncAction.None, 8), (announced.Action, announced.LastHeight));
        var more = h.Exchange(1, HeaderSyncHarness.Mainnet(9, 9), requested: false);
        Assert.Equal((HeaderSyncAction.None, HeaderSyncError.None, 17), (more.Action, more.Error, more.LastHeight));
        var full = h.Exchange(1, HeaderSyncHarness.Mainnet(18, ProtocolLimits.MaxHeaders), requested: false);
        Assert.Equal((HeaderSyncAction.RequestMore, 2017), (full.Action, full.LastHeight));
        Assert.Equal(2018, h.Index.Count);
    }

    [Fact]
    public void A_peer_other_than_the_sync_peer_may_answer_and_is_asked_for_more_only_after_a_full_batch()
    {
        var h = HeaderSyncHarness.MainnetFromGenesis();
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 10236);
        h.State.AddPeer(2, HeaderSyncHarness.FullNode, false, 100);
        Assert.Equal(1, h.State.StartSync(0));
        Assert.Equal(HeaderSyncAction.RequestMore, h.Exchange(2, HeaderSyncHarness.Mainnet(1, 2000)).Action);
        Assert.Equal(HeaderSyncAction.None, h.Exchange(2, HeaderSyncHarness.Mainnet(2001, 10)).Action);
        Assert.False(h.State.HeadersSynced);
    }

    [Fact]
    public void The_chain_below_minimum_work_is_not_followed_once_its_peer_stops()
    {
        var h = HeaderSyncHarness.MainnetFromGenesis(ChainParams.Main.MinimumChainWork);
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 10236);
        h.State.AddPeer(2, HeaderSyncHarness.FullNode, false, 9000);
        Assert.Equal(1, h.State.StartSync(0));
        for (int from = 1; from <= 8001; from += 2000)
            Assert.Equal(HeaderSyncAction.RequestMore, h.Exchange(1, HeaderSyncHarness.Mainnet(from, 2000)).Action);
        Assert.Equal(HeaderSyncAction.LowWorkChain, h.Exchange(1, HeaderSyncHarness.Mainnet(10001, 236)).Action);

        Assert.Equal(HeaderSyncState.NoPeer, h.State.SyncPeer);
        Assert.False(h.State.HeadersSynced);
        Assert.False(h.State.IsCandidate(1, 0));
        Assert.Equal(2, h.State.StartSync(0));
    }

    [Fact]
    public void A_chain_ending_exactly_at_minimum_work_is_followed()
    {
        var full = MainnetHeaders.Index();
        var work = full[10236].ChainWork;
        var h = HeaderSyncHarness.MainnetFromGenesis(work);
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 10236);
        h.State.StartSync(0);
        for (int from = 1; from <= 8001; from += 2000) h.Exchange(1, HeaderSyncHarness.Mainnet(from, 2000));
        Assert.Equal(HeaderSyncAction.TipReached, h.Exchange(1, HeaderSyncHarness.Mainnet(10001, 236)).Action);

        var above = HeaderSyncHarness.MainnetFromGenesis(work + UInt256.One);
        above.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 10236);
        above.State.StartSync(0);
        for (int from = 1; from <= 8001; from += 2000) above.Exchange(1, HeaderSyncHarness.Mainnet(from, 2000));
        Assert.Equal(HeaderSyncAction.LowWorkChain, above.Exchange(1, HeaderSyncHarness.Mainnet(10001, 236)).Action);
    }
}

/// <summary>Checking a full batch of 2,000 headers allocates nothing.</summary>
public class HeaderBatchAllocationTests
{
    [Fact]
    public void Checking_a_batch_allocates_nothing()
    {
        var h = HeaderSyncHarness.MainnetFromGenesis();
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 10236);
        h.State.StartSync(0);
        var batch = HeaderSyncHarness.Mainnet(1, 2000);
        var hashes = new Hash256[2000];
        for (int i = 0; i < hashes.Length; i++) hashes[i] = batch[i].GetHash();
        h.State.OnGetHeadersSent(1, MainnetHeaders.Hash(0));
        h.State.OnHeaders(1, batch, hashes);

        long before = GC.GetAllocatedBytesForCurrentThread();
        h.State.OnGetHeadersSent(1, MainnetHeaders.Hash(0));
        var result = h.State.OnHeaders(1, batch, hashes);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(HeaderSyncAction.RequestMore, result.Action);
        Assert.Equal(MainnetHeaders.Hash(2000), result.Last);
    }
}
