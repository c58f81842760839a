using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using Node.Primitives;
using Node.Tests;

namespace Node.Storage.Tests;

/// <summary>The v1 message checksum kept with every stored block, so serving it hashes nothing.</summary>
public class WireChecksumTests
{
    public static TheoryData<string> LargeBlocks => new(Blocks.RawFiles);

    [Theory]
    [MemberData(nameof(LargeBlocks))]
    public void A_block_stored_without_a_checksum_gets_its_sha256d_from_a_span_and_from_a_segmented_sequence(string file)
    {
        var block = TestData.Bytes(file);
        uint expected = RawIndex.Sha256dChecksum(block);
        using var dir = new TempDirectory();
        Hash256 hash;
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic))
        {
            var fromSpan = store.AppendBlock(block);
            var fromSequence = store.AppendBlock(Sequences.Chunked(block, 4096 + 17));
            Assert.Equal(expected, fromSpan.WireChecksum);
            Assert.Equal(expected, fromSequence.WireChecksum);

            var row = Blocks.RowFor(block, 1, 1, fromSequence);
            hash = row.Hash;
            store.StageRow(row);
            store.Commit(hash);
        }

        using var reopened = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        Assert.True(reopened.TryGetRow(hash, out var stored));
        Assert.Equal(expected, stored.WireChecksum);
        var writer = new ArrayBufferWriter<byte>();
        Assert.Equal(StorageError.None, reopened.FetchBlock(hash, writer, out uint wireChecksum));
        Assert.Equal(expected, wireChecksum);
        Assert.Equal(block, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void The_checksum_a_block_arrived_with_is_kept_as_given_and_every_mainnet_block_round_trips_with_its_own()
    {
        using var dir = new TempDirectory();
        var rows = new List<BlockIndexRow>();
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic))
        {
            for (int h = 0; h < Blocks.Mainnet0To438.Count; h++)
            {
                var block = Blocks.Mainnet0To438[h];
                // As the frame reader hands it over: taken as it is, not hashed again (a different value stays different).
                uint given = h == 7 ? 0x12345678u : RawIndex.Sha256dChecksum(block);
                var stored = store.AppendBlock(block, given);
                Assert.Equal(given, stored.WireChecksum);
                var row = Blocks.RowFor(block, h, 1, stored);
                store.StageRow(row);
                rows.Add(row);
            }
            store.Commit(rows[^1].Hash);
        }

        using var reopened = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        var loaded = new Dictionary<Hash256, BlockIndexRow>();
        reopened.LoadAll((in BlockIndexRow row) => loaded.Add(row.Hash, row));
        var writer = new ArrayBufferWriter<byte>();
        foreach (var row in rows)
        {
            Assert.Equal(row, loaded[row.Hash]);
            writer.ResetWrittenCount();
            Assert.Equal(StorageError.None, reopened.FetchBlock(row.Hash, writer, out uint wireChecksum));
            Assert.Equal(row.WireChecksum, wireChecksum);
        }
        Assert.Equal(0x12345678u, loaded[rows[7].Hash].WireChecksum);
    }

    [Fact]
    public void Rows_written_before_the_wire_checksum_was_kept_still_read_and_fetches_compute_it()
    {
        using var dir = new TempDirectory();
        List<BlockIndexRow> rows;
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic))
        {
            rows = Blocks.AppendChain(store, 50);
            store.Commit(rows[^1].Hash);
        }
        foreach (var row in rows.Where((_, h) => h % 2 == 0)) RawIndex.RewriteAsVersion1(dir.Path, row.Hash);
        Assert.Equal(BlockIndexRowCodec.Version1Size, RawIndex.Get(dir.Path, rows[0].Hash).Length);
        Assert.Equal(BlockIndexRowCodec.Size, RawIndex.Get(dir.Path, rows[1].Hash).Length);

        using var reopened = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        Assert.True(reopened.Recovery.Clean); // the tip (height 49, a version 2 row) verifies
        var loaded = new Dictionary<Hash256, BlockIndexRow>();
        Assert.Equal(50, reopened.LoadAll((in BlockIndexRow row) => loaded.Add(row.Hash, row)));
        var writer = new ArrayBufferWriter<byte>();
        for (int h = 0; h < rows.Count; h++)
        {
            var expected = h % 2 == 0 ? rows[h] with { WireChecksum = 0 } : rows[h];
            Assert.Equal(expected, loaded[rows[h].Hash]);
            Assert.True(reopened.TryGetRow(rows[h].Hash, out var single));
            Assert.Equal(expected, single);

            writer.ResetWrittenCount();
            Assert.Equal(StorageError.None, reopened.FetchBlock(rows[h].Hash, writer, out uint wireChecksum));
            Assert.Equal(Blocks.Mainnet0To438[h], writer.WrittenSpan.ToArray());
            Assert.Equal(RawIndex.Sha256dChecksum(Blocks.Mainnet0To438[h]), wireChecksum);
        }
    }

    [Theory]
    [InlineData(0x00000001u)] // one bit
    [InlineData(0x80000000u)]
    [InlineData(0xffffffffu)]
    public void A_damaged_wire_checksum_fails_the_blocks_verification_like_damaged_block_bytes(uint flip)
    {
        using var dir = new TempDirectory();
        List<BlockIndexRow> rows;
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic))
        {
            rows = Blocks.AppendChain(store, 20);
            store.Commit(rows[^1].Hash);
        }
        var victim = rows[12];
        var value = RawIndex.Get(dir.Path, victim.Hash);
        uint onDisk = BinaryPrimitives.ReadUInt32LittleEndian(value.AsSpan(RawIndex.WireChecksumAt));
        Assert.Equal(victim.WireChecksum, onDisk);
        BinaryPrimitives.WriteUInt32LittleEndian(value.AsSpan(RawIndex.WireChecksumAt), onDisk ^ flip);
        RawIndex.Put(dir.Path, victim.Hash, value);

        var logger = new ListLogger();
        using var reopened = BlockStore.Open(dir.Path, Blocks.MainnetMagic, logger: logger);
        var writer = new ArrayBufferWriter<byte>();
        Assert.Equal(StorageError.ChecksumMismatch, reopened.FetchBlock(victim.Hash, writer, out uint wireChecksum));
        Assert.Equal(0, writer.WrittenCount);
        Assert.Equal(0u, wireChecksum);
        Assert.True(reopened.TryGetRow(victim.Hash, out var damaged));
        Assert.Equal(StorageError.ChecksumMismatch, reopened.ReadBlock(damaged, new byte[damaged.Location.Length], out wireChecksum));
        Assert.Equal(0u, wireChecksum);
        var errors = logger.Entries.Where(e => e.Level == LogLevel.Error).ToList();
        Assert.Equal(2, errors.Count); // one per read attempt
        Assert.All(errors, e => Assert.Contains(victim.Hash.ToString(), e.Message));
        Assert.All(errors, e => Assert.Contains(nameof(StorageError.ChecksumMismatch), e.Message));

        foreach (var row in rows.Where(r => r.Hash != victim.Hash))
            Assert.Equal(Blocks.Mainnet0To438[row.Height], Blocks.Fetch(reopened, row.Hash, out _));
    }

    [Fact]
    public void A_wire_checksum_damaged_to_zero_is_not_read_as_a_row_without_one()
    {
        using var dir = new TempDirectory();
        List<BlockIndexRow> rows;
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic))
        {
            rows = Blocks.AppendChain(store, 5);
            store.Commit(rows[^1].Hash);
        }
        var value = RawIndex.Get(dir.Path, rows[2].Hash);
        value.AsSpan(RawIndex.WireChecksumAt, 4).Clear();
        RawIndex.Put(dir.Path, rows[2].Hash, value);

        using var reopened = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        Assert.Equal(StorageError.ChecksumMismatch, reopened.FetchBlock(rows[2].Hash, new ArrayBufferWriter<byte>(), out _));
    }

    [Fact]
    public void A_damaged_wire_checksum_on_the_tip_rolls_the_tip_back_as_damaged_block_bytes_do()
    {
        using var dir = new TempDirectory();
        List<BlockIndexRow> rows;
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic))
        {
            rows = Blocks.AppendChain(store, 10);
            store.Commit(rows[^1].Hash);
        }
        RawIndex.DamageWireChecksum(dir.Path, rows[9].Hash, 0x40000000);

        using var reopened = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        Assert.Equal(rows[8].Hash, reopened.Tip);
        var dropped = Assert.Single(reopened.Recovery.DroppedBlocks);
        Assert.Equal((rows[9].Hash, StorageError.ChecksumMismatch), (dropped.Hash, dropped.Reason));
    }

    [Fact]
    public void Version_1_and_2_rows_decode_and_a_row_of_neither_shape_is_a_bad_index_row()
    {
        var block = Blocks.Mainnet0To438[100];
        var row = Blocks.RowFor(block, 100, 101, new StoredBlock(new BlockLocation(0, 8, (uint)block.Length), 0x0123456789abcdef, 0xcafef00d));
        var v2 = new byte[BlockIndexRowCodec.Size];
        BlockIndexRowCodec.Write(row, v2);
        Assert.Equal(2, v2[0]);
        Assert.Equal(0xcafef00du, BinaryPrimitives.ReadUInt32LittleEndian(v2.AsSpan(RawIndex.WireChecksumAt)));
        Assert.Equal(row, BlockIndexRowCodec.Read(row.Hash.Bytes, v2));

        var v1 = RawIndex.Version1Of(row);
        Assert.Equal(141, v1.Length);
        Assert.Equal(0x0123456789abcdefUL, BinaryPrimitives.ReadUInt64LittleEndian(v1.AsSpan(RawIndex.WireChecksumAt - 8)));
        Assert.Equal(row with { WireChecksum = 0 }, BlockIndexRowCodec.Read(row.Hash.Bytes, v1));

        var v1Long = v2.ToArray();
        v1Long[0] = 1;
        var v2Short = v1.ToArray();
        v2Short[0] = 2;
        foreach (var bad in new[] { v1Long, v2Short, v2[..^1], Array.Empty<byte>() })
            Assert.Equal(StorageError.BadIndexRow,
                Assert.Throws<StorageCorruptionException>(() => BlockIndexRowCodec.Read(row.Hash.Bytes, bad)).Error);
    }

    [Fact]
    public void A_point_read_of_a_value_longer_than_any_row_is_a_bad_index_row()
    {
        using var dir = new TempDirectory();
        List<BlockIndexRow> rows;
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic))
        {
            rows = Blocks.AppendChain(store, 3);
            store.Commit(rows[^1].Hash);
        }
        RawIndex.Put(dir.Path, rows[1].Hash, new byte[BlockIndexRowCodec.Size + 1]);
        using var reopened = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        var e = Assert.Throws<StorageCorruptionException>(() => reopened.TryGetRow(rows[1].Hash, out _));
        Assert.Equal(StorageError.BadIndexRow, e.Error);
    }
}
