using Node.Chain.State;
using Node.Primitives;

namespace Node.Chain.Tests.State;

/// <summary>The orphan pool's bounds (count, bytes, expiry, oldest evicted first) and orphan chains.</summary>
public sealed class OrphanPoolTests : IDisposable
{
    private readonly ChainStateFixture _fixture = new();
    private readonly uint _t0 = (uint)RegtestBlocks.GenesisTime;
    private readonly ManualClock _clock = ManualClock.AtUnix(RegtestBlocks.GenesisTime + 86_400);

    // Block 1 is held back: 2..n are orphans.
    private List<byte[]> Chain(int count) => RegtestBlocks.Chain(RegtestBlocks.Params.GenesisHash, 0, _t0, count);

    private static Hash256 HashOf(byte[] block) => RegtestBlocks.HashOf(block);

    [Fact]
    public void Orphans_report_their_coinbase_height_and_root_and_connect_when_the_parent_arrives()
    {
        var blocks = Chain(6);
        var state = _fixture.Open(RegtestBlocks.Params, new ChainStateOptions { Clock = _clock });
        for (int i = 5; i >= 2; i--)
        {
            var result = state.ProcessBlock(blocks[i]);
            Assert.Equal(BlockProcessStatus.Orphan, result.Status);
            Assert.Equal(i + 1, result.Height);
        }
        Assert.Equal(4, state.OrphanCount);
        Assert.True(state.IsOrphan(HashOf(blocks[4])));
        Assert.Equal(HashOf(blocks[2]), state.GetOrphanRoot(HashOf(blocks[5])));
        Assert.Equal(HashOf(blocks[2]), state.GetOrphanRoot(HashOf(blocks[2])));
        Assert.Equal(0, state.TipHeight);

        Assert.Equal(BlockProcessStatus.Connected, state.ProcessBlock(blocks[0]).Status);
        Assert.Equal(BlockProcessStatus.AlreadyHave, state.ProcessBlock(blocks[5]).Status); // still waiting for block 2
        Assert.Equal(BlockProcessStatus.Connected, state.ProcessBlock(blocks[1]).Status);
        Assert.Equal(0, state.OrphanCount);
        Assert.Equal(HashOf(blocks[5]), state.Tip);
        Assert.Equal(Enumerable.Range(1, 6).ToList(), _fixture.Of("connected").Select(c => c.Height).ToList());
    }

    [Fact]
    public void The_count_limit_evicts_the_oldest()
    {
        var blocks = Chain(7);
        var state = _fixture.Open(RegtestBlocks.Params, new ChainStateOptions { Clock = _clock, MaxOrphans = 3 });
        for (int i = 2; i < 7; i++) state.ProcessBlock(blocks[i]);
        Assert.Equal(3, state.OrphanCount);
        Assert.False(state.IsOrphan(HashOf(blocks[2])));
        Assert.False(state.IsOrphan(HashOf(blocks[3])));
        Assert.True(state.IsOrphan(HashOf(blocks[4])));
        Assert.True(state.IsOrphan(HashOf(blocks[6])));

        state.ProcessBlock(blocks[0]);
        state.ProcessBlock(blocks[1]);
        Assert.Equal(2, state.TipHeight); // block 3 was evicted: 4..7 wait for it
        Assert.Equal(BlockProcessStatus.Connected, state.ProcessBlock(blocks[2]).Status);
        Assert.Equal(BlockProcessStatus.Connected, state.ProcessBlock(blocks[3]).Status);
        Assert.Equal(7, state.TipHeight);
    }

    [Fact]
    public void The_byte_limit_evicts_the_oldest_and_refuses_a_block_larger_than_the_pool()
    {
        var blocks = Chain(6);
        int size = blocks[2].Length;
        var state = _fixture.Open(RegtestBlocks.Params, new ChainStateOptions { Clock = _clock, MaxOrphanBytes = 2 * size + size / 2 });
        for (int i = 2; i < 6; i++) state.ProcessBlock(blocks[i]);
        Assert.Equal(2, state.OrphanCount);
        Assert.True(state.OrphanBytes <= 2 * size + size / 2);
        Assert.True(state.IsOrphan(HashOf(blocks[4])));
        Assert.True(state.IsOrphan(HashOf(blocks[5])));

        var pool = new OrphanPool(10, size - 1, TimeSpan.FromHours(1), _clock);
        Assert.False(pool.Add(HashOf(blocks[2]), blocks[2]));
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public void Orphans_expire()
    {
        var blocks = Chain(5);
        var state = _fixture.Open(RegtestBlocks.Params, new ChainStateOptions { Clock = _clock, OrphanExpiry = TimeSpan.FromMinutes(10) });
        state.ProcessBlock(blocks[2]);
        state.ProcessBlock(blocks[3]);
        _clock.Advance(TimeSpan.FromMinutes(11));
        state.ProcessBlock(blocks[4]);
        Assert.Equal(1, state.OrphanCount);
        Assert.True(state.IsOrphan(HashOf(blocks[4])));
    }

    public void Dispose() => _fixture.Dispose();
}
