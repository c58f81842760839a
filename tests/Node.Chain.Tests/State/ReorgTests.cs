using Node.Chain.State;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Tests;

namespace Node.Chain.Tests.State;

/// <summary>Best-chain switches: btcd's real fork fixture on mainnet parameters, and mined regtest branches both ways.</summary>
public sealed class ReorgTests : IDisposable
{
    private readonly ChainStateFixture _fixture = new();

    private static Hash256 HashOf(byte[] block) => BlockHeader.HashOf(block.AsSpan(0, BlockHeader.Size));

    [Fact]
    public void The_btcd_fork_fixture_reorganizes_to_the_longer_branch()
    {
        var main = TestData.BlkRecords("blocks/btcd-blk_0_to_4.blk");
        var b3A = TestData.BlkRecords("blocks/btcd-blk_3A.blk")[0];
        var b4A = TestData.BlkRecords("blocks/btcd-blk_4A.blk")[0];
        var b5A = TestData.BlkRecords("blocks/btcd-blk_5A.blk")[0];
        Assert.Equal(ChainParams.Main.GenesisHash, HashOf(main[0]));

        // The private chain's timestamps are January 2009; the clock is set an hour after block 5A.
        var clock = ManualClock.AtUnix(BlockHeader.Read(b5A).Time + 3600);
        var state = _fixture.Open(ChainParams.Main, new ChainStateOptions { MinimumChainWork = UInt256.Zero, Clock = clock });
        for (int h = 1; h <= 4; h++) Assert.Equal(BlockProcessStatus.Connected, state.ProcessBlock(main[h]).Status);
        Assert.Equal(HashOf(main[4]), state.Tip);

        Assert.Equal(BlockProcessStatus.Accepted, state.ProcessBlock(b3A).Status);
        Assert.Equal(BlockProcessStatus.Accepted, state.ProcessBlock(b4A).Status); // equal work: the first seen stays
        Assert.Equal(HashOf(main[4]), state.Tip);
        _fixture.Events.Clear();

        Assert.Equal(BlockProcessStatus.Connected, state.ProcessBlock(b5A).Status);
        Assert.Equal(HashOf(b5A), state.Tip);
        Assert.Equal(5, state.TipHeight);
        Assert.Equal(
        [
            $"accepted 5 {HashOf(b5A)}",
            $"disconnected 4 {HashOf(main[4])}",
            $"disconnected 3 {HashOf(main[3])}",
            $"connected 3 {HashOf(b3A)}",
            $"connected 4 {HashOf(b4A)}",
            $"connected 5 {HashOf(b5A)}",
        ], _fixture.Events);

        state = _fixture.Reopen(ChainParams.Main, new ChainStateOptions { MinimumChainWork = UInt256.Zero, Clock = clock });
        Assert.Equal(HashOf(b5A), state.Tip);
        Assert.True(state.GetHeaderByHeight(3, out _, out var atThree));
        Assert.Equal(HashOf(b3A), atThree);
    }

    [Fact]
    public void Regtest_branches_reorganize_and_back_when_the_first_is_extended()
    {
        var p = RegtestBlocks.Params;
        var clock = ManualClock.AtUnix(RegtestBlocks.GenesisTime + 86_400);
        var state = _fixture.Open(p, new ChainStateOptions { Clock = clock });
        uint t0 = (uint)RegtestBlocks.GenesisTime;

        // A: genesis-1-2-3; B: 1-2b-3b-4b; then A grows 4a-5a.
        var a = RegtestBlocks.Chain(p.GenesisHash, 0, t0, 3, salt: 1);
        var b = RegtestBlocks.Chain(HashOf(a[0]), 1, t0 + 1, 3, salt: 2);
        var aMore = RegtestBlocks.Chain(HashOf(a[2]), 3, t0 + 3, 2, salt: 1);

        foreach (var block in a) Assert.Equal(BlockProcessStatus.Connected, state.ProcessBlock(block).Status);
        Assert.Equal(BlockProcessStatus.Accepted, state.ProcessBlock(b[0]).Status);
        Assert.Equal(BlockProcessStatus.Accepted, state.ProcessBlock(b[1]).Status);
        _fixture.Events.Clear();
        Assert.Equal(BlockProcessStatus.Connected, state.ProcessBlock(b[2]).Status);
        Assert.Equal(
        [
            $"accepted 4 {HashOf(b[2])}",
            $"disconnected 3 {HashOf(a[2])}",
            $"disconnected 2 {HashOf(a[1])}",
            $"connected 2 {HashOf(b[0])}",
            $"connected 3 {HashOf(b[1])}",
            $"connected 4 {HashOf(b[2])}",
        ], _fixture.Events);

        Assert.Equal(BlockProcessStatus.Accepted, state.ProcessBlock(aMore[0]).Status); // 4a ties 4b: no switch
        Assert.Equal(HashOf(b[2]), state.Tip);
        _fixture.Events.Clear();
        Assert.Equal(BlockProcessStatus.Connected, state.ProcessBlock(aMore[1]).Status);
        Assert.Equal(HashOf(aMore[1]), state.Tip);
        Assert.Equal(5, state.TipHeight);
        Assert.Equal(
        [
            $"accepted 5 {HashOf(aMore[1])}",
            $"disconnected 4 {HashOf(b[2])}",
            $"disconnected 3 {HashOf(b[1])}",
            $"disconnected 2 {HashOf(b[0])}",
            $"connected 2 {HashOf(a[1])}",
            $"connected 3 {HashOf(a[2])}",
            $"connected 4 {HashOf(aMore[0])}",
            $"connected 5 {HashOf(aMore[1])}",
        ], _fixture.Events);
    }

    [Fact]
    public void A_branch_whose_headers_came_first_switches_once_its_blocks_are_all_stored()
    {
        var p = RegtestBlocks.Params;
        var clock = ManualClock.AtUnix(RegtestBlocks.GenesisTime + 86_400);
        var state = _fixture.Open(p, new ChainStateOptions { Clock = clock });
        uint t0 = (uint)RegtestBlocks.GenesisTime;
        var a = RegtestBlocks.Chain(p.GenesisHash, 0, t0, 2, salt: 1);
        var b = RegtestBlocks.Chain(p.GenesisHash, 0, t0, 4, salt: 2);
        foreach (var block in a) state.ProcessBlock(block);

        foreach (var block in b) Assert.True(state.AcceptHeader(block.AsSpan(0, BlockHeader.Size)).IsValid);
        Assert.Equal(HashOf(b[3]), state.BestHeader);
        Assert.Equal(HashOf(a[1]), state.Tip);

        // Blocks of B arrive out of order: none is a candidate until the branch below it is complete.
        Assert.Equal(BlockProcessStatus.Accepted, state.ProcessBlock(b[3]).Status);
        Assert.Equal(BlockProcessStatus.Accepted, state.ProcessBlock(b[2]).Status);
        Assert.Equal(BlockProcessStatus.Accepted, state.ProcessBlock(b[0]).Status);
        Assert.Equal(HashOf(a[1]), state.Tip);
        Assert.Equal(BlockProcessStatus.Connected, state.ProcessBlock(b[1]).Status);
        Assert.Equal(HashOf(b[3]), state.Tip);
        Assert.Equal(4, state.TipHeight);
    }

    [Fact]
    public void Invalidating_a_block_of_the_best_chain_falls_back_to_the_best_remaining_branch()
    {
        var p = RegtestBlocks.Params;
        var state = _fixture.Open(p, new ChainStateOptions { Clock = ManualClock.AtUnix(RegtestBlocks.GenesisTime + 86_400) });
        uint t0 = (uint)RegtestBlocks.GenesisTime;
        var a = RegtestBlocks.Chain(p.GenesisHash, 0, t0, 3, salt: 1);
        var b = RegtestBlocks.Chain(p.GenesisHash, 0, t0, 2, salt: 2);
        foreach (var block in a.Concat(b)) state.ProcessBlock(block);
        Assert.Equal(HashOf(a[2]), state.Tip);
        _fixture.Events.Clear();

        Assert.True(state.InvalidateBlock(HashOf(a[1])));
        Assert.Equal(HashOf(b[1]), state.Tip);
        Assert.Equal(
        [
            $"disconnected 3 {HashOf(a[2])}",
            $"disconnected 2 {HashOf(a[1])}",
            $"disconnected 1 {HashOf(a[0])}",
            $"connected 1 {HashOf(b[0])}",
            $"connected 2 {HashOf(b[1])}",
        ], _fixture.Events);
        Assert.True(state.IsKnownInvalid(HashOf(a[2])));
        Assert.False(state.IsKnownInvalid(HashOf(a[0])));
        Assert.Equal(HashOf(b[1]), state.BestHeader);
        Assert.False(state.InvalidateBlock(default));
    }

    public void Dispose() => _fixture.Dispose();
}
