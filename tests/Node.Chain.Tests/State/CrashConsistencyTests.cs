using System.Buffers;
using Node.Chain.State;
using Node.Primitives;
using Node.Storage;

namespace Node.Chain.Tests.State;

/// <summary>A chain state dropped without its final commit restarts from the last committed tip, every block of it intact.</summary>
public sealed class CrashConsistencyTests : IDisposable
{
    private readonly ChainStateFixture _fixture = new();
    private readonly uint _t0 = (uint)RegtestBlocks.GenesisTime;

    private ChainStateOptions Options => new()
    {
        Clock = ManualClock.AtUnix(RegtestBlocks.GenesisTime + 86_400),
        CommitEveryBlocks = 1_000,
        CommitInterval = TimeSpan.FromDays(1),
    };

    [Fact]
    public void Blocks_after_the_last_commit_are_forgotten_and_the_committed_tip_is_whole()
    {
        var blocks = RegtestBlocks.Chain(RegtestBlocks.Params.GenesisHash, 0, _t0, 10);
        var state = _fixture.Open(RegtestBlocks.Params, Options);
        for (int i = 0; i < 5; i++) state.ProcessBlock(blocks[i]);
        state.Flush();
        for (int i = 5; i < 10; i++) Assert.Equal(BlockProcessStatus.Connected, state.ProcessBlock(blocks[i]).Status);
        Assert.Equal(5, state.UncommittedBlocks);
        Assert.Equal(10, state.TipHeight);
        state.AbandonWithoutCommit();

        state = _fixture.Open(RegtestBlocks.Params, Options);
        Assert.False(state.Recovery.Clean);
        Assert.True(state.Recovery.DiscardedBytes > 0);
        Assert.Equal(RegtestBlocks.HashOf(blocks[4]), state.Tip);
        Assert.Equal(5, state.TipHeight);
        var buffer = new ArrayBufferWriter<byte>();
        for (int i = 0; i < 5; i++)
        {
            buffer.ResetWrittenCount();
            Assert.Equal(StorageError.None, state.FetchBlock(RegtestBlocks.HashOf(blocks[i]), buffer));
            Assert.True(buffer.WrittenSpan.SequenceEqual(blocks[i]));
        }
        for (int i = 5; i < 10; i++) Assert.False(state.HaveBlock(RegtestBlocks.HashOf(blocks[i])));

        for (int i = 5; i < 10; i++) Assert.Equal(BlockProcessStatus.Connected, state.ProcessBlock(blocks[i]).Status);
        Assert.Equal(RegtestBlocks.HashOf(blocks[9]), state.Tip);
    }

    [Fact]
    public void A_reorganization_after_the_last_commit_is_undone_by_a_crash()
    {
        var a = RegtestBlocks.Chain(RegtestBlocks.Params.GenesisHash, 0, _t0, 3, salt: 1);
        var b = RegtestBlocks.Chain(RegtestBlocks.Params.GenesisHash, 0, _t0, 4, salt: 2);
        var state = _fixture.Open(RegtestBlocks.Params, Options);
        foreach (var block in a) state.ProcessBlock(block);
        foreach (var block in b.Take(3)) state.ProcessBlock(block);
        state.Flush();
        Assert.Equal(RegtestBlocks.HashOf(a[2]), state.Tip);

        // The chain view file is rewritten by the reorganization, but the commit never happens.
        Assert.Equal(BlockProcessStatus.Connected, state.ProcessBlock(b[3]).Status);
        state.AbandonWithoutCommit();

        state = _fixture.Open(RegtestBlocks.Params, Options);
        Assert.Equal(RegtestBlocks.HashOf(a[2]), state.Tip);
        Assert.True(state.GetHeaderByHeight(1, out _, out var first));
        Assert.Equal(RegtestBlocks.HashOf(a[0]), first);
        Assert.True(state.HaveBlock(RegtestBlocks.HashOf(b[2])));
        Assert.False(state.HaveBlock(RegtestBlocks.HashOf(b[3])));
    }

    [Fact]
    public void Commits_follow_the_block_count_and_the_clock()
    {
        var clock = ManualClock.AtUnix(RegtestBlocks.GenesisTime + 86_400);
        var options = Options with { Clock = clock, CommitEveryBlocks = 3, CommitInterval = TimeSpan.FromSeconds(30) };
        var blocks = RegtestBlocks.Chain(RegtestBlocks.Params.GenesisHash, 0, _t0, 5);
        var state = _fixture.Open(RegtestBlocks.Params, options);
        state.ProcessBlock(blocks[0]);
        state.ProcessBlock(blocks[1]);
        Assert.Equal(2, state.UncommittedBlocks);
        state.ProcessBlock(blocks[2]);
        Assert.Equal(0, state.UncommittedBlocks);
        state.ProcessBlock(blocks[3]);
        Assert.Equal(1, state.UncommittedBlocks);
        clock.Advance(TimeSpan.FromSeconds(31));
        state.ProcessBlock(blocks[4]);
        Assert.Equal(0, state.UncommittedBlocks);
        state.AbandonWithoutCommit();

        state = _fixture.Open(RegtestBlocks.Params, options);
        Assert.Equal(RegtestBlocks.HashOf(blocks[4]), state.Tip);
    }

    public void Dispose() => _fixture.Dispose();
}
