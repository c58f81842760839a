using System.Buffers;
using Node.Chain.State;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Storage;
using Node.Storage.Tests;
using Node.Tests;

namespace Node.Chain.Tests.State;

/// <summary>Every block the chain stores keeps the checksum of a message carrying it, through restarts and old-format rows.</summary>
public sealed class StoredWireChecksumTests : IDisposable
{
    private static readonly Lazy<List<byte[]>> Blocks = new(() => TestData.BlkRecords("blocks/mainnet-0-438.blk"));
    private readonly ChainStateFixture _fixture = new();

    private static Hash256 HashAt(int height) => BlockHeader.HashOf(Blocks.Value[height].AsSpan(0, BlockHeader.Size));

    private static ChainStateOptions Options => new()
    {
        MinimumChainWork = UInt256.Zero,
        Clock = ManualClock.AtUnix(BlockHeader.Read(Blocks.Value[438]).Time + 3600),
        MaxOrphans = 1000,
    };

    [Fact]
    public void Submitted_and_orphaned_blocks_and_genesis_are_stored_with_their_sha256d_checksum_and_keep_it_across_a_restart()
    {
        var state = _fixture.Open(ChainParams.Main, Options);
        var order = Enumerable.Range(1, 438).ToArray();
        new Random(7).Shuffle(order); // most wait in the orphan pool and are stored from there
        foreach (int h in order) state.ProcessBlock(Blocks.Value[h]);
        Assert.Equal(438, state.TipHeight);
        AssertEveryChecksumIsSha256d(state);

        state = _fixture.Reopen(ChainParams.Main, Options);
        AssertEveryChecksumIsSha256d(state);
    }

    [Fact]
    public void The_checksum_a_block_arrived_with_is_stored_as_given()
    {
        var state = _fixture.Open(ChainParams.Main, Options);
        for (int h = 1; h <= 20; h++)
        {
            var block = Blocks.Value[h];
            var contextFree = BlockValidator.CheckBlock(block, out var checkedBlock);
            // Given, not computed: a value that is not the block's SHA256d stays what was given.
            uint given = h == 20 ? 0xdeadbeef : RawIndex.Sha256dChecksum(block);
            Assert.Equal(BlockProcessStatus.Connected, state.ProcessBlock(block, contextFree, checkedBlock, given).Status);
            Assert.True(state.Index.TryGet(HashAt(h), out int id));
            Assert.Equal(given, state.Index[id].WireChecksum);
        }

        state = _fixture.Reopen(ChainParams.Main, Options);
        Assert.True(state.Index.TryGet(HashAt(20), out int last));
        Assert.Equal(0xdeadbeefu, state.Index[last].WireChecksum);
        Assert.Equal(StorageError.None, state.FetchBlock(HashAt(20), new ArrayBufferWriter<byte>(), out uint wireChecksum));
        Assert.Equal(0xdeadbeefu, wireChecksum);
    }

    [Fact]
    public void A_data_directory_with_old_format_rows_opens_and_its_blocks_fetch_with_a_computed_checksum()
    {
        var state = _fixture.Open(ChainParams.Main, Options);
        for (int h = 1; h <= 438; h++) state.ProcessBlock(Blocks.Value[h]);
        state.Dispose();
        for (int h = 0; h <= 438; h++) RawIndex.RewriteAsVersion1(_fixture.DataDir, HashAt(h));

        state = _fixture.Reopen(ChainParams.Main, Options);
        Assert.True(state.Recovery.Clean);
        Assert.Equal(HashAt(438), state.Tip);
        for (int h = 0; h <= 438; h++)
        {
            Assert.True(state.Index.TryGet(HashAt(h), out int id));
            Assert.Equal(0u, state.Index[id].WireChecksum);
        }
        AssertEveryChecksumIsSha256d(state, storedChecksumExpected: false);
    }

    [Fact]
    public void A_damaged_stored_checksum_is_a_checksum_mismatch_and_the_block_is_not_returned()
    {
        var state = _fixture.Open(ChainParams.Main, Options);
        for (int h = 1; h <= 100; h++) state.ProcessBlock(Blocks.Value[h]);
        state.Dispose();
        RawIndex.DamageWireChecksum(_fixture.DataDir, HashAt(50), 0x10);

        state = _fixture.Reopen(ChainParams.Main, Options);
        Assert.Equal(100, state.TipHeight);
        var buffer = new ArrayBufferWriter<byte>();
        Assert.Equal(StorageError.ChecksumMismatch, state.FetchBlock(HashAt(50), buffer, out uint wireChecksum));
        Assert.Equal(0, buffer.WrittenCount);
        Assert.Equal(0u, wireChecksum);
        Assert.Equal(StorageError.None, state.FetchBlock(HashAt(51), buffer, out wireChecksum));
        Assert.Equal(RawIndex.Sha256dChecksum(Blocks.Value[51]), wireChecksum);
    }

    private static void AssertEveryChecksumIsSha256d(ChainState state, bool storedChecksumExpected = true)
    {
        var buffer = new ArrayBufferWriter<byte>();
        for (int h = 0; h <= 438; h++)
        {
            uint expected = RawIndex.Sha256dChecksum(Blocks.Value[h]);
            Assert.True(state.Index.TryGet(HashAt(h), out int id));
            if (storedChecksumExpected) Assert.Equal(expected, state.Index[id].WireChecksum);
            buffer.ResetWrittenCount();
            Assert.Equal(StorageError.None, state.FetchBlock(HashAt(h), buffer, out uint wireChecksum));
            Assert.True(buffer.WrittenSpan.SequenceEqual(Blocks.Value[h]), $"block {h}");
            Assert.Equal(expected, wireChecksum);
        }
    }

    public void Dispose() => _fixture.Dispose();
}
