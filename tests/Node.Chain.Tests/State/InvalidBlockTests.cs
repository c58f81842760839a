using Node.Chain.State;
using Node.Chain.Validation;
using Node.Primitives;

namespace Node.Chain.Tests.State;

/// <summary>Blocks that break a rule are rejected with their reason; real failures mark the branch, mutations do not.</summary>
public sealed class InvalidBlockTests : IDisposable
{
    private readonly ChainStateFixture _fixture = new();
    private readonly ChainState _state;
    private readonly List<byte[]> _chain;
    private readonly uint _t0 = (uint)RegtestBlocks.GenesisTime;

    public InvalidBlockTests()
    {
        _state = _fixture.Open(RegtestBlocks.Params, new ChainStateOptions { Clock = ManualClock.AtUnix(RegtestBlocks.GenesisTime + 86_400) });
        _chain = RegtestBlocks.Chain(RegtestBlocks.Params.GenesisHash, 0, _t0, 2);
        foreach (var block in _chain) _state.ProcessBlock(block);
    }

    private static Hash256 HashOf(byte[] block) => RegtestBlocks.HashOf(block);

    [Fact]
    public void A_wrong_coinbase_height_fails_the_block_and_its_descendants()
    {
        var bad = RegtestBlocks.Build(HashOf(_chain[1]), 3, _t0 + 3, claimedHeight: 4);
        var child = RegtestBlocks.Build(HashOf(bad), 4, _t0 + 4);
        var grandchild = RegtestBlocks.Build(HashOf(child), 5, _t0 + 5);
        foreach (var block in new[] { bad, child, grandchild })
            Assert.True(_state.AcceptHeader(block.AsSpan(0, BlockHeader.Size)).IsValid);
        Assert.Equal(BlockProcessStatus.Accepted, _state.ProcessBlock(grandchild).Status);
        Assert.Equal(BlockProcessStatus.Accepted, _state.ProcessBlock(child).Status);

        var result = _state.ProcessBlock(bad);
        Assert.Equal(BlockProcessStatus.Invalid, result.Status);
        Assert.Equal(BlockRuleError.BadCoinbaseHeight, result.BlockError);
        Assert.Equal("bad-cb-height", result.RejectReason);
        Assert.True(_state.IsKnownInvalid(HashOf(bad)));
        Assert.True(_state.IsKnownInvalid(HashOf(child)));
        Assert.True(_state.IsKnownInvalid(HashOf(grandchild)));
        Assert.Equal(HashOf(_chain[1]), _state.Tip);
        Assert.Equal(HashOf(_chain[1]), _state.BestHeader);

        var again = _state.ProcessBlock(child);
        Assert.Equal(RuleError.KnownInvalid, again.HeaderError);
        Assert.Equal("duplicate", again.RejectReason);
        var onTop = RegtestBlocks.Build(HashOf(grandchild), 6, _t0 + 6);
        Assert.Equal(RuleError.PrevBlockInvalid, _state.AcceptHeader(onTop.AsSpan(0, BlockHeader.Size)).Validation.Error);

        // A valid sibling of the bad block connects; the failure marks survive a restart.
        var good = RegtestBlocks.Build(HashOf(_chain[1]), 3, _t0 + 3, salt: 9);
        Assert.Equal(BlockProcessStatus.Connected, _state.ProcessBlock(good).Status);
        var state = _fixture.Reopen(RegtestBlocks.Params, new ChainStateOptions { Clock = ManualClock.AtUnix(RegtestBlocks.GenesisTime + 86_400) });
        Assert.Equal(HashOf(good), state.Tip);
        Assert.True(state.IsKnownInvalid(HashOf(bad)));
        Assert.True(state.IsKnownInvalid(HashOf(grandchild)));
    }

    [Fact]
    public void A_bad_merkle_root_is_rejected_without_condemning_the_header()
    {
        var real = RegtestBlocks.Build(HashOf(_chain[1]), 3, _t0 + 3);
        var mutated = (byte[])real.Clone();
        mutated[^10] ^= 1; // the coinbase output value: the transactions no longer hash to the header's root

        var result = _state.ProcessBlock(mutated);
        Assert.Equal(BlockProcessStatus.Invalid, result.Status);
        Assert.Equal(BlockRuleError.BadMerkleRoot, result.BlockError);
        Assert.Equal("bad-txnmrklroot", result.RejectReason);
        Assert.False(_state.IsKnownInvalid(HashOf(real)));
        Assert.False(_state.HaveBlock(HashOf(real)));

        Assert.Equal(BlockProcessStatus.Connected, _state.ProcessBlock(real).Status);
        Assert.Equal(HashOf(real), _state.Tip);
    }

    [Fact]
    public void Headers_are_checked_against_their_ancestry()
    {
        var next = RegtestBlocks.Build(HashOf(_chain[1]), 3, _t0 + 3);

        var known = _state.AcceptHeader(_chain[0].AsSpan(0, BlockHeader.Size));
        Assert.True(known.IsValid);
        Assert.Equal(1, _state.Index[known.Id].Height);

        var orphan = RegtestBlocks.Build(HashOf(next), 4, _t0 + 4);
        Assert.Equal(RuleError.PrevBlockUnknown, _state.AcceptHeader(orphan.AsSpan(0, BlockHeader.Size)).Validation.Error);

        // Time not after the median of the last blocks.
        var old = RegtestBlocks.Build(HashOf(_chain[1]), 3, _t0);
        Assert.Equal(RuleError.TimeTooOld, _state.AcceptHeader(old.AsSpan(0, BlockHeader.Size)).Validation.Error);
        Assert.Equal(RuleError.TimeTooOld, _state.ProcessBlock(old).HeaderError);

        // More than two hours past the clock.
        var future = RegtestBlocks.Build(HashOf(_chain[1]), 3, (uint)(RegtestBlocks.GenesisTime + 86_400 + 7201));
        Assert.Equal(RuleError.TimeTooNew, _state.AcceptHeader(future.AsSpan(0, BlockHeader.Size)).Validation.Error);
        Assert.False(_state.IsKnownInvalid(HashOf(future)));

        Assert.Equal(2, _state.BestHeaderHeight);
        var accepted = _state.AcceptHeaders([.. next.AsSpan(0, BlockHeader.Size), .. RegtestBlocks.Build(HashOf(next), 4, _t0 + 4).AsSpan(0, BlockHeader.Size)], out int count);
        Assert.True(accepted.IsValid);
        Assert.Equal(2, count);
        Assert.Equal(4, _state.BestHeaderHeight);
        Assert.Equal(2, _state.TipHeight);
        Assert.Equal(_state.MedianTimePast(_state.TipId), _t0 + 1);
    }

    public void Dispose() => _fixture.Dispose();
}
