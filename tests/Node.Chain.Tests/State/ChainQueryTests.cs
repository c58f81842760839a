using Node.Chain.State;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Storage;
using Node.Tests;

namespace Node.Chain.Tests.State;

/// <summary>Header acceptance on real headers, checkpoints, IBD latching, and recovery of lost blocks.</summary>
public sealed class ChainQueryTests : IDisposable
{
    private readonly ChainStateFixture _fixture = new();
    private readonly uint _t0 = (uint)RegtestBlocks.GenesisTime;

    private static Hash256 HashOf(byte[] block) => RegtestBlocks.HashOf(block);

    [Fact]
    public void Real_mainnet_headers_are_accepted_and_tracked_as_best_header_and_restored()
    {
        var raw = TestData.Bytes(TestChains.MainnetHeadersFile);
        var state = _fixture.Open(ChainParams.Main, new ChainStateOptions());
        var last = state.AcceptHeaders(raw.AsSpan(BlockHeader.Size), out int accepted);
        Assert.True(last.IsValid, last.Validation.ToString());
        Assert.Equal(TestChains.MainnetCount - 1, accepted);
        Assert.Equal(TestChains.MainnetCount - 1, state.BestHeaderHeight);
        Assert.Equal(TestChains.MainnetHash(TestChains.MainnetCount - 1), state.BestHeader);
        Assert.Equal(0, state.TipHeight);

        // Known headers come back with their ids; the index is restored from the committed rows.
        var again = state.AcceptHeader(TestChains.MainnetRecord(5000));
        Assert.True(again.IsValid);
        Assert.Equal(5000, state.Index[again.Id].Height);
        state = _fixture.Reopen(ChainParams.Main, new ChainStateOptions());
        Assert.Equal(TestChains.MainnetCount, state.Index.Count);
        Assert.Equal(TestChains.MainnetHash(TestChains.MainnetCount - 1), state.BestHeader);
        Assert.Equal(state.Index[state.Index.BestHeader].ChainWork, TestChains.Mainnet()[TestChains.MainnetCount - 1].ChainWork);
    }

    [Fact]
    public void Checkpoints_reject_other_blocks_at_their_height_and_forks_below_the_last_one_held()
    {
        var chain = RegtestBlocks.Chain(RegtestBlocks.Params.GenesisHash, 0, _t0, 3);
        var withCheckpoint = RegtestBlocks.Params with { Checkpoints = [new Checkpoint(2, HashOf(chain[1]))] };
        var clock = ManualClock.AtUnix(RegtestBlocks.GenesisTime + 86_400);
        var siblingOf2 = RegtestBlocks.Build(HashOf(chain[0]), 2, _t0 + 2, salt: 5);
        var siblingOf1 = RegtestBlocks.Build(withCheckpoint.GenesisHash, 1, _t0 + 1, salt: 5);

        var state = _fixture.Open(withCheckpoint, new ChainStateOptions { Clock = clock });
        state.ProcessBlock(chain[0]);
        Assert.Equal(RuleError.CheckpointMismatch, state.AcceptHeader(siblingOf2.AsSpan(0, BlockHeader.Size)).Validation.Error);
        Assert.True(state.AcceptHeader(siblingOf1.AsSpan(0, BlockHeader.Size)).IsValid); // no checkpoint held yet
        foreach (var block in chain) state.ProcessBlock(block);
        var fork = RegtestBlocks.Build(withCheckpoint.GenesisHash, 1, _t0 + 1, salt: 6);
        Assert.Equal(RuleError.ForkBelowCheckpoint, state.AcceptHeader(fork.AsSpan(0, BlockHeader.Size)).Validation.Error);

        // The checkpoint held is found again at start-up; with checkpoints off both headers pass.
        state = _fixture.Reopen(withCheckpoint, new ChainStateOptions { Clock = clock });
        Assert.Equal(RuleError.ForkBelowCheckpoint, state.AcceptHeader(fork.AsSpan(0, BlockHeader.Size)).Validation.Error);
        state = _fixture.Reopen(withCheckpoint, new ChainStateOptions { Clock = clock, CheckpointsEnabled = false });
        Assert.True(state.AcceptHeader(fork.AsSpan(0, BlockHeader.Size)).IsValid);
        Assert.True(state.AcceptHeader(siblingOf2.AsSpan(0, BlockHeader.Size)).IsValid);
    }

    [Fact]
    public void Initial_block_download_ends_with_a_recent_tip_and_stays_ended()
    {
        var clock = ManualClock.AtUnix(RegtestBlocks.GenesisTime + 30 * 86_400);
        var state = _fixture.Open(RegtestBlocks.Params, new ChainStateOptions { Clock = clock });
        var chain = RegtestBlocks.Chain(RegtestBlocks.Params.GenesisHash, 0, _t0, 2);
        foreach (var block in chain) state.ProcessBlock(block);
        Assert.True(state.IsInitialBlockDownload); // the tip is a month old

        clock.Now = DateTimeOffset.FromUnixTimeSeconds(RegtestBlocks.TimeOf(chain[1]) + 23 * 3600);
        Assert.False(state.IsInitialBlockDownload);
        clock.Advance(TimeSpan.FromDays(10));
        Assert.False(state.IsInitialBlockDownload);
    }

    [Fact]
    public void A_block_lost_below_an_intact_tip_brings_the_tip_down_until_it_is_stored_again()
    {
        // One block per flat file, so deleting a file loses exactly one block.
        var options = new ChainStateOptions
        {
            Clock = ManualClock.AtUnix(RegtestBlocks.GenesisTime + 86_400),
            Store = new BlockStoreOptions { MaxFileSize = 200, PreallocationChunk = 256 },
        };
        var chain = RegtestBlocks.Chain(RegtestBlocks.Params.GenesisHash, 0, _t0, 8);
        var state = _fixture.Open(RegtestBlocks.Params, options);
        foreach (var block in chain) state.ProcessBlock(block);
        Assert.Equal(8, state.TipHeight);
        var lost = state.Index[state.Chain.NodeByHeight(4)].Location.File;
        Assert.All(Enumerable.Range(0, 9), h => Assert.True(h == 4 || state.Index[state.Chain.NodeByHeight(h)].Location.File != lost));
        state.Dispose();

        File.Delete(Path.Combine(_fixture.DataDir, "blocks", $"blk{lost:D5}.dat"));
        state = _fixture.Open(RegtestBlocks.Params, options);
        Assert.Equal([HashOf(chain[3])], state.Recovery.DroppedBlocks.Select(d => d.Hash));
        Assert.Equal(3, state.TipHeight);
        Assert.False(state.HaveBlock(HashOf(chain[3])));
        Assert.True(state.HaveBlock(HashOf(chain[7])));

        Assert.Equal(BlockProcessStatus.Connected, state.ProcessBlock(chain[3]).Status);
        Assert.Equal(8, state.TipHeight);
        Assert.Equal(HashOf(chain[7]), state.Tip);
    }

    public void Dispose() => _fixture.Dispose();
}
