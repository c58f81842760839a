using Node.Chain.State;

namespace Node.Chain.Tests.State;

/// <summary>Runs alone: allocation is measured on the test's thread, but the GC is process-wide.</summary>
[Collection(nameof(BlockIndexMemoryTests))]
public sealed class AllocationTests : IDisposable
{
    private readonly ChainStateFixture _fixture = new();

    [Fact]
    public void Blocks_extending_the_tip_are_checked_stored_and_connected_without_managed_allocation()
    {
        var options = new ChainStateOptions
        {
            Clock = ManualClock.AtUnix(RegtestBlocks.GenesisTime + 86_400),
            CommitEveryBlocks = 10_000,
            CommitInterval = TimeSpan.FromDays(1),
        };
        var blocks = RegtestBlocks.Chain(RegtestBlocks.Params.GenesisHash, 0, (uint)RegtestBlocks.GenesisTime, 300);
        // Opened directly: the fixture's recording subscribers would allocate their strings.
        using var state = ChainState.Open(_fixture.DataDir, RegtestBlocks.Params, options);
        int connected = 0;
        state.BlockConnected += _ => connected++;

        // Warm-up fills the pools and grows the dirty set; the commit keeps its capacity.
        for (int i = 0; i < 150; i++) state.ProcessBlock(blocks[i]);
        state.Flush();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 150; i < 300; i++) state.ProcessBlock(blocks[i]);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(300, state.TipHeight);
        Assert.Equal(300, connected);
        Assert.Equal(0, allocated);
    }

    public void Dispose() => _fixture.Dispose();
}
