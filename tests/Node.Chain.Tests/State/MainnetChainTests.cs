using System.Buffers;
using Node.Chain.State;
using Node.Chain.View;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Storage;
using Node.Tests;

namespace Node.Chain.Tests.State;

/// <summary>The real mainnet blocks 0..438 through a chain state on mainnet parameters, with real RocksDB and flat files.</summary>
public sealed class MainnetChainTests : IDisposable
{
    private static readonly Lazy<List<byte[]>> Blocks = new(() => TestData.BlkRecords("blocks/mainnet-0-438.blk"));
    private readonly ChainStateFixture _fixture = new();

    private static Hash256 HashAt(int height) => BlockHeader.HashOf(Blocks.Value[height].AsSpan(0, BlockHeader.Size));

    // The clock an hour after block 438: the tip is recent, so only the minimum chain work decides IBD.
    private static ChainStateOptions Options(UInt256? minimumChainWork) => new()
    {
        MinimumChainWork = minimumChainWork,
        Clock = ManualClock.AtUnix(BlockHeader.Read(Blocks.Value[438]).Time + 3600),
        MaxOrphans = 1000,
    };

    [Fact]
    public void Blocks_0_to_438_connect_in_order_and_survive_a_restart()
    {
        var state = _fixture.Open(ChainParams.Main, Options(UInt256.Zero));
        Assert.Equal(ChainParams.Main.GenesisHash, state.Tip);
        Assert.True(state.IsInitialBlockDownload);

        Assert.Equal(BlockProcessStatus.AlreadyHave, state.ProcessBlock(Blocks.Value[0]).Status);
        for (int h = 1; h <= 438; h++)
        {
            var result = state.ProcessBlock(Blocks.Value[h]);
            Assert.Equal(BlockProcessStatus.Connected, result.Status);
            Assert.Equal(h, result.Height);
        }
        Assert.Equal(HashAt(438), state.Tip);
        Assert.Equal(438, state.TipHeight);
        Assert.Equal(HashAt(438), state.BestHeader);
        Assert.False(state.IsInitialBlockDownload);
        Assert.Equal(Enumerable.Range(1, 438).Select(h => (h, HashAt(h))), _fixture.Of("connected"));
        Assert.Equal(Enumerable.Range(1, 438).Select(h => (h, HashAt(h))), _fixture.Of("accepted"));
        Assert.Empty(_fixture.Of("disconnected"));
        Assert.True(state.GetHeaderByHeight(200, out var header, out var hash));
        Assert.Equal(HashAt(200), hash);
        Assert.Equal(BlockHeader.Read(Blocks.Value[200]), header);
        Assert.False(state.GetHeaderByHeight(439, out _, out _));
        AssertEveryBlockFetches(state, 438);

        state = _fixture.Reopen(ChainParams.Main, Options(UInt256.Zero));
        Assert.True(state.Recovery.Clean);
        Assert.Equal(HashAt(438), state.Tip);
        Assert.Equal(438, state.TipHeight);
        Assert.Equal(439, state.Index.Count);
        AssertEveryBlockFetches(state, 438);
        Assert.Equal(BlockProcessStatus.AlreadyHave, state.ProcessBlock(Blocks.Value[100]).Status);
    }

    [Fact]
    public void With_the_default_minimum_chain_work_blocks_are_stored_but_not_connected()
    {
        var state = _fixture.Open(ChainParams.Main, Options(minimumChainWork: null));
        Assert.Equal(ChainParams.Main.MinimumChainWork, state.MinimumChainWork);
        for (int h = 1; h <= 438; h++)
            Assert.Equal(BlockProcessStatus.Accepted, state.ProcessBlock(Blocks.Value[h]).Status);
        Assert.Equal(0, state.TipHeight);
        Assert.Equal(438, state.BestHeaderHeight);
        Assert.True(state.IsInitialBlockDownload);
        Assert.True(state.HaveBlock(HashAt(438)));
        Assert.Empty(_fixture.Of("connected"));

        // The same stored blocks, opened with the gate off, are activated at start-up.
        state = _fixture.Reopen(ChainParams.Main, Options(UInt256.Zero));
        Assert.Equal(HashAt(438), state.Tip);
        Assert.False(state.IsInitialBlockDownload);
        AssertEveryBlockFetches(state, 438);
    }

    [Fact]
    public void Shuffled_blocks_wait_as_orphans_and_all_connect()
    {
        var state = _fixture.Open(ChainParams.Main, Options(UInt256.Zero));
        var order = Enumerable.Range(1, 438).ToArray();
        new Random(438).Shuffle(order);

        int orphans = 0;
        foreach (int h in order)
        {
            var status = state.ProcessBlock(Blocks.Value[h]).Status;
            Assert.True(status is BlockProcessStatus.Orphan or BlockProcessStatus.Connected, $"height {h}: {status}");
            if (status == BlockProcessStatus.Orphan)
            {
                orphans++;
                Assert.True(state.HaveBlock(HashAt(h)));
                Assert.Equal(BlockProcessStatus.AlreadyHave, state.ProcessBlock(Blocks.Value[h]).Status);
            }
        }
        Assert.True(orphans > 300, $"{orphans} orphans");
        Assert.Equal(0, state.OrphanCount);
        Assert.Equal(HashAt(438), state.Tip);
        Assert.Equal(438, state.TipHeight);
        Assert.Equal(Enumerable.Range(1, 438).Select(h => (h, HashAt(h))), _fixture.Of("connected"));

        state = _fixture.Reopen(ChainParams.Main, Options(UInt256.Zero));
        Assert.Equal(HashAt(438), state.Tip);
        AssertEveryBlockFetches(state, 438);
    }

    [Fact]
    public void Locator_and_header_location_pass_through_to_the_best_chain()
    {
        var state = _fixture.Open(ChainParams.Main, Options(UInt256.Zero));
        for (int h = 1; h <= 438; h++) state.ProcessBlock(Blocks.Value[h]);

        var locator = new Hash256[ChainView.MaxLocatorSize];
        int n = state.GetLocator(locator);
        Assert.Equal(HashAt(438), locator[0]);
        Assert.Equal(ChainParams.Main.GenesisHash, locator[n - 1]);

        var ids = new int[2000];
        int found = state.LocateHeaders([HashAt(100)], default, ids);
        Assert.Equal(338, found);
        Assert.Equal(HashAt(101), state.Index[ids[0]].Hash);
        Assert.Equal(438, state.LocateBlocks([HashAt(0)], default, new int[600]));
    }

    private static void AssertEveryBlockFetches(ChainState state, int tipHeight)
    {
        var buffer = new ArrayBufferWriter<byte>();
        for (int h = 0; h <= tipHeight; h++)
        {
            buffer.ResetWrittenCount();
            Assert.Equal(StorageError.None, state.FetchBlock(HashAt(h), buffer));
            Assert.True(buffer.WrittenSpan.SequenceEqual(Blocks.Value[h]), $"block {h}");
        }
    }

    public void Dispose() => _fixture.Dispose();
}
