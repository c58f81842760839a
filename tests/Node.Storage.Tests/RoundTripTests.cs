using System.Buffers;
using Node.Primitives;
using Node.Tests;

namespace Node.Storage.Tests;

public class RoundTripTests
{
    [Fact]
    public void Every_block_of_mainnet_0_to_438_fetches_back_identical()
    {
        using var dir = new TempDirectory();
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        var rows = Blocks.AppendChain(store, Blocks.Mainnet0To438.Count);
        store.Commit(rows[^1].Hash);

        Assert.Equal(439, rows.Count);
        for (int h = 0; h < rows.Count; h++)
        {
            var bytes = Blocks.Fetch(store, rows[h].Hash, out var error);
            Assert.Equal(StorageError.None, error);
            Assert.Equal(Blocks.Mainnet0To438[h], bytes);
            Assert.True(store.TryGetRow(rows[h].Hash, out var row));
            Assert.Equal(rows[h], row);
        }
        Assert.Equal("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", rows[0].Hash.ToString());
    }

    public static TheoryData<string> LargeBlocks => new(Blocks.RawFiles);

    [Theory]
    [MemberData(nameof(LargeBlocks))]
    public void Large_real_block_fetches_back_identical_from_span_and_from_segmented_sequence(string file)
    {
        var block = TestData.Bytes(file);
        using var dir = new TempDirectory();
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic);

        var fromSpan = store.AppendBlock(block);
        var fromSequence = store.AppendBlock(Sequences.Segmented(block, 4096 + 17));
        Assert.Equal(fromSpan.Checksum, fromSequence.Checksum);
        Assert.Equal(fromSpan.Location.End + 8, fromSequence.Location.Offset);

        var row = Blocks.RowFor(block, 0, Blocks.WorkOf(BlockHeader.Read(block).Bits), fromSequence);
        store.StageRow(row);
        store.Commit(row.Hash);

        Assert.Equal(block, Blocks.Fetch(store, row.Hash, out var error));
        Assert.Equal(StorageError.None, error);
        var span = new byte[block.Length];
        Assert.Equal(StorageError.None, store.ReadBlock(row with { Location = fromSpan.Location }, span));
        Assert.Equal(block, span);
    }

    [Fact]
    public void Btcd_block_277647_round_trips()
    {
        var block = Assert.Single(TestData.BlkRecords("blocks/btcd-277647.blk"));
        using var dir = new TempDirectory();
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        var row = Blocks.RowFor(block, 277647, Blocks.WorkOf(BlockHeader.Read(block).Bits), store.AppendBlock(block));
        store.StageRow(row);
        store.Commit(row.Hash);
        Assert.Equal(block, Blocks.Fetch(store, row.Hash, out var error));
        Assert.Equal(StorageError.None, error);
        // the stored file holds the same record as the source file: magic | length | block
        var source = TestData.Bytes("blocks/btcd-277647.blk");
        Assert.Equal(source, File.ReadAllBytes(dir.BlkFile(0)).AsSpan(0, source.Length).ToArray());
    }

    [Fact]
    public void Stored_blk_file_is_byte_identical_to_cores_framing_of_the_same_blocks()
    {
        var source = TestData.Bytes("blocks/mainnet-0-438.blk");
        using var dir = new TempDirectory();
        long committed;
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic))
        {
            var rows = Blocks.AppendChain(store, Blocks.Mainnet0To438.Count);
            store.Commit(rows[^1].Hash);
            committed = rows[^1].Location.End;
        }
        Assert.Equal(source.Length, committed);
        var stored = File.ReadAllBytes(dir.BlkFile(0));
        Assert.Equal(source, stored.AsSpan(0, source.Length).ToArray());
        // beyond the records only the preallocated zero tail
        Assert.True(stored.AsSpan(source.Length).IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void Unknown_hash_and_header_only_row_are_not_found()
    {
        using var dir = new TempDirectory();
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        var block = Blocks.Mainnet0To438[1];
        var headerOnly = Blocks.RowFor(block, 1, 1, default) with { Status = BlockStatus.HeaderValid, Location = BlockLocation.None };
        store.StageRow(headerOnly);
        store.Commit(Hash256.Zero);

        var writer = new ArrayBufferWriter<byte>();
        Assert.Equal(StorageError.BlockNotFound, store.FetchBlock(headerOnly.Hash, writer));
        Assert.Equal(StorageError.BlockNotFound, store.FetchBlock(Blocks.HashOf(Blocks.Mainnet0To438[2]), writer));
        Assert.Equal(0, writer.WrittenCount);
        Assert.True(store.TryGetRow(headerOnly.Hash, out var row));
        Assert.False(row.HasData);
    }

    [Fact]
    public void Staged_rows_are_invisible_until_commit()
    {
        using var dir = new TempDirectory();
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        var rows = Blocks.AppendChain(store, 3);
        Assert.False(store.TryGetRow(rows[2].Hash, out _));
        store.Commit(rows[2].Hash);
        Assert.True(store.TryGetRow(rows[2].Hash, out _));
        Assert.Equal(rows[2].Hash, store.Tip);
    }

    [Fact]
    public void Destination_span_too_small_is_a_named_error()
    {
        using var dir = new TempDirectory();
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        var rows = Blocks.AppendChain(store, 1);
        store.Commit(rows[0].Hash);
        Assert.Equal(StorageError.DestinationTooSmall, store.ReadBlock(rows[0], new byte[rows[0].Location.Length - 1]));
    }
}
