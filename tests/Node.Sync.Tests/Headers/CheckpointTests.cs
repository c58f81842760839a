using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Headers;

namespace Node.Sync.Tests.Headers;

/// <summary>Checkpoints constrain headers but do not stop header sync; real testnet3 and mainnet headers.</summary>
public class CheckpointTests
{
    [Fact]
    public void Testnet3_headers_pass_the_real_checkpoint_at_546()
    {
        var h = new HeaderSyncHarness(ChainParams.Testnet3, Testnet3Headers.GenesisIndex());
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 546);
        h.State.StartSync(0);
        var result = h.Exchange(1, Testnet3Headers.Main);
        Assert.Equal((HeaderSyncAction.TipReached, 546), (result.Action, result.LastHeight));
        Assert.Equal(ChainParams.Testnet3.Checkpoints[0].Hash, result.Last);
    }

    [Fact]
    public void A_header_at_the_checkpoint_height_with_another_hash_disconnects()
    {
        var h = new HeaderSyncHarness(ChainParams.Testnet3, Testnet3Headers.GenesisIndex());
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 546);
        var headers = (BlockHeader[])Testnet3Headers.Main.Clone();
        headers[^1] = headers[^1] with { Nonce = headers[^1].Nonce + 1 };
        var result = h.Exchange(1, headers);
        Assert.Equal((HeaderSyncAction.Disconnect, HeaderSyncError.CheckpointMismatch, 546), (result.Action, result.Error, result.ErrorHeight));
        Assert.Equal(1, h.Index.Count);
    }

    [Fact]
    public void A_fork_below_a_passed_checkpoint_disconnects_but_is_allowed_before_it()
    {
        var early = new HeaderSyncHarness(ChainParams.Testnet3, Testnet3Headers.GenesisIndex());
        early.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 2);
        Assert.Equal(HeaderSyncAction.None, early.Exchange(1, Testnet3Headers.Fork, requested: false).Action);

        var h = new HeaderSyncHarness(ChainParams.Testnet3, Testnet3Headers.GenesisIndex());
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 546);
        h.State.AddPeer(2, HeaderSyncHarness.FullNode, false, 2);
        h.Exchange(1, Testnet3Headers.Main);
        var result = h.Exchange(2, Testnet3Headers.Fork, requested: false);
        Assert.Equal((HeaderSyncAction.Disconnect, HeaderSyncError.ForkBeforeCheckpoint, 1), (result.Action, result.Error, result.ErrorHeight));

        // Headers of the checkpointed chain itself still pass (a peer resending what we have).
        Assert.Equal(HeaderSyncAction.None, h.Exchange(2, Testnet3Headers.Main.AsSpan(0, 8), requested: false).Action);
    }

    [Fact]
    public void Sync_continues_past_a_checkpoint_to_the_peers_tip()
    {
        var checkpointed = ChainParams.Main with { Checkpoints = [new Checkpoint(2000, MainnetHeaders.Hash(2000)), new Checkpoint(6001, MainnetHeaders.Hash(6001))] };
        var h = HeaderSyncHarness.MainnetFromGenesis(chainParams: checkpointed);
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 10236);
        h.State.StartSync(0);
        HeaderBatchResult result = default;
        for (int from = 1; from <= 10236; from += 2000)
        {
            result = h.Exchange(1, HeaderSyncHarness.Mainnet(from, Math.Min(2000, 10237 - from)));
            Assert.NotEqual(HeaderSyncAction.Disconnect, result.Action);
        }
        Assert.Equal((HeaderSyncAction.TipReached, 10236), (result.Action, result.LastHeight));
    }

    [Fact]
    public void A_mainnet_checkpoint_that_the_real_header_does_not_match_stops_the_batch_at_its_height()
    {
        var wrong = ChainParams.Main with { Checkpoints = [new Checkpoint(1500, MainnetHeaders.Hash(1501))] };
        var h = HeaderSyncHarness.MainnetFromGenesis(chainParams: wrong);
        h.State.AddPeer(1, HeaderSyncHarness.FullNode, false, 10236);
        var result = h.Exchange(1, HeaderSyncHarness.Mainnet(1, 2000));
        Assert.Equal((HeaderSyncError.CheckpointMismatch, 1500), (result.Error, result.ErrorHeight));
    }
}
