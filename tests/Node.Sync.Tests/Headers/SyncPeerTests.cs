using Node.Net;
using Node.Primitives.Consensus;
using Node.Sync.Headers;

namespace Node.Sync.Tests.Headers;

/// <summary>Who may be the sync peer, which one is chosen, and the headers sync timeout.</summary>
public class SyncPeerTests
{
    [Theory]
    [InlineData(ServiceFlags.Network, false, 0, true)]
    [InlineData(ServiceFlags.Witness, false, 0, false)]
    [InlineData(0ul, true, 0, false)]
    // Segwit activates at 481824: from our height 481823 on, witness is required.
    [InlineData(ServiceFlags.Network, false, 481822, true)]
    [InlineData(ServiceFlags.Network, false, 481823, false)]
    [InlineData(ServiceFlags.Network | ServiceFlags.Witness, false, 481823, true)]
    public void Mainnet_candidates_are_full_nodes_and_witness_nodes_once_segwit_is_active(ulong services, bool localhost, int ourHeight, bool expected) =>
        Assert.Equal(expected, SyncCandidate.Qualifies(ChainParams.Main, services, localhost, ourHeight));

    [Fact]
    public void On_regtest_only_localhost_peers_are_candidates()
    {
        Assert.True(SyncCandidate.Qualifies(ChainParams.Regtest, 0, isLocalhost: true, 0));
        Assert.False(SyncCandidate.Qualifies(ChainParams.Regtest, HeaderSyncHarness.FullNode, isLocalhost: false, 0));
    }

    [Fact]
    public void The_highest_candidate_at_or_above_our_height_is_chosen_and_laggards_are_dropped()
    {
        var h = HeaderSyncHarness.MainnetFromGenesis();
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 400);
        h.State.AddPeer(2, HeaderSyncHarness.FullNode, false, 900);
        h.State.AddPeer(3, ServiceFlags.Witness, false, 5000);
        h.State.AddPeer(4, HeaderSyncHarness.FullNode, false, 900);
        Assert.Equal(2, h.State.StartSync(ourHeight: 500));
        Assert.False(h.State.IsCandidate(1, 0));

        h.State.RemovePeer(2);
        Assert.Equal(HeaderSyncState.NoPeer, h.State.SyncPeer);
        Assert.Equal(4, h.State.StartSync(500));
        h.State.RemovePeer(4);
        Assert.Equal(HeaderSyncState.NoPeer, h.State.StartSync(500));
        Assert.Null(h.State.HeadersSyncDeadline);
    }

    [Fact]
    public void A_height_update_makes_a_peer_eligible()
    {
        var h = HeaderSyncHarness.MainnetFromGenesis();
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 10);
        Assert.False(h.State.IsCandidate(1, 50));
        h.State.OnPeerHeight(1, 60);
        Assert.True(h.State.IsCandidate(1, 50));
    }

    [Fact]
    public void The_timeout_is_15_minutes_plus_1_ms_per_header_expected_since_our_best_header()
    {
        var h = HeaderSyncHarness.MainnetFromGenesis();
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 10236);
        h.State.AddPeer(2, HeaderSyncHarness.FullNode, false, 10236);
        var now = h.Clock.GetUtcNow();
        h.State.StartSync(0);

        long seconds = (long)(now - DateTimeOffset.FromUnixTimeSeconds(MainnetHeaders.Header(0).Time)).TotalSeconds;
        var expected = now + TimeSpan.FromMinutes(15) + TimeSpan.FromMicroseconds(1000 * seconds / 600);
        Assert.Equal(expected, h.State.HeadersSyncDeadline);
        Assert.True(TimeSpan.FromMinutes(28) < expected - now); // ~890,000 headers expected: ~15 minutes more

        h.Clock.Advance(expected - now);
        Assert.False(h.State.SyncPeerTimedOut(0));
        h.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(h.State.SyncPeerTimedOut(0));

        // Without another candidate to turn to, the sync peer is kept.
        h.State.RemovePeer(2);
        Assert.False(h.State.SyncPeerTimedOut(0));
    }

    [Fact]
    public void A_recent_best_header_drops_the_timeout_for_good()
    {
        var index = MainnetHeaders.Index();
        var bestTime = DateTimeOffset.FromUnixTimeSeconds(index[index.BestHeader].Time);
        var h = new HeaderSyncHarness(ChainParams.Main, index);
        h.Clock.Advance(bestTime + TimeSpan.FromHours(23) - h.Clock.GetUtcNow());
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 20000);
        h.State.AddPeer(2, HeaderSyncHarness.FullNode, false, 20000);
        h.State.StartSync(10236);
        Assert.NotNull(h.State.HeadersSyncDeadline);
        Assert.False(h.State.SyncPeerTimedOut(10236));
        Assert.Null(h.State.HeadersSyncDeadline);
        h.Clock.Advance(TimeSpan.FromDays(30));
        Assert.False(h.State.SyncPeerTimedOut(10236));
    }
}
