using System.Buffers.Binary;
using Node.Primitives;
using RocksDbSharp;

namespace Node.Storage.Tests;

public class IndexTests
{
    [Fact]
    public void Row_encoding_is_fixed_size_and_round_trips_every_field()
    {
        var block = Blocks.Mainnet0To438[170];
        var row = Blocks.RowFor(block, 170, Blocks.WorkOf(0x1d00ffff) * 171,
            new StoredBlock(new BlockLocation(12345, 0x7ffffff8, 4_000_000), 0xfedcba9876543210, 0x89abcdef));
        var value = new byte[BlockIndexRowCodec.Size];
        BlockIndexRowCodec.Write(row, value);

        Assert.Equal(1 + 80 + 4 + 4 + 32 + 4 + 4 + 4 + 8 + 4, BlockIndexRowCodec.Size);
        Assert.Equal(BlockIndexRowCodec.Version, value[0]);
        Assert.Equal(block.AsSpan(0, 80).ToArray(), value.AsSpan(1, 80).ToArray());
        Assert.Equal(170, BinaryPrimitives.ReadInt32LittleEndian(value.AsSpan(81)));
        Assert.Equal(row, BlockIndexRowCodec.Read(row.Hash.Bytes, value));
    }

    [Fact]
    public void A_row_of_the_wrong_size_or_version_is_a_bad_index_row()
    {
        var value = new byte[BlockIndexRowCodec.Size];
        var key = new byte[32];
        value[0] = BlockIndexRowCodec.Version + 1;
        Assert.Equal(StorageError.BadIndexRow, Assert.Throws<StorageCorruptionException>(() => BlockIndexRowCodec.Read(key, value)).Error);
        value[0] = BlockIndexRowCodec.Version;
        Assert.Equal(StorageError.BadIndexRow, Assert.Throws<StorageCorruptionException>(() => BlockIndexRowCodec.Read(key, value.AsSpan(1))).Error);
        Assert.Equal(StorageError.BadIndexRow, Assert.Throws<StorageCorruptionException>(() => BlockIndexRowCodec.Read(key.AsSpan(1), value)).Error);
    }

    [Fact]
    public void Chain_work_keeps_its_32_little_endian_bytes()
    {
        var work = Blocks.WorkOf(0x1d00ffff) * 439; // mainnet chain work at height 438
        var stored = Blocks.ToChainWork(work);
        var bytes = new byte[32];
        stored.WriteLittleEndian(bytes);
        Assert.Equal(work, new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: false));
        Assert.Equal("000000000000000000000000000000000000000000000000000001b701b701b7", stored.ToString());
    }

    [Fact]
    public void LoadAll_streams_every_row_including_header_only_rows()
    {
        using var dir = new TempDirectory();
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        var withData = Blocks.AppendChain(store, 300);
        var headersOnly = new List<BlockIndexRow>();
        System.Numerics.BigInteger work = 0;
        for (int h = 0; h < 439; h++)
        {
            work += Blocks.WorkOf(BlockHeader.Read(Blocks.Mainnet0To438[h]).Bits);
            if (h < 300) continue;
            var row = Blocks.RowFor(Blocks.Mainnet0To438[h], h, work, default) with { Status = BlockStatus.HeaderValid, Location = BlockLocation.None };
            store.StageRow(row);
            headersOnly.Add(row);
        }
        store.Commit(withData[^1].Hash);

        var loaded = new Dictionary<Hash256, BlockIndexRow>();
        long count = store.LoadAll((in BlockIndexRow row) => loaded.Add(row.Hash, row));
        Assert.Equal(439, count);
        foreach (var row in withData.Concat(headersOnly)) Assert.Equal(row, loaded[row.Hash]);
        Assert.Equal(300, loaded.Values.Count(r => r.HasData));
    }

    [Fact]
    public void A_store_of_another_format_version_is_refused_by_name()
    {
        using var dir = new TempDirectory();
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic))
        {
            var rows = Blocks.AppendChain(store, 1);
            store.Commit(rows[0].Hash);
        }
        using (var db = RawIndex.Open(dir.Path))
        {
            var state = db.Get("s"u8, db.GetColumnFamily(BlockIndexDb.ChainStateFamily));
            BinaryPrimitives.WriteUInt32LittleEndian(state, ChainStateCodec.FormatVersion + 1);
            db.Put("s"u8, state, db.GetColumnFamily(BlockIndexDb.ChainStateFamily));
        }
        var e = Assert.Throws<StorageCorruptionException>(() => BlockStore.Open(dir.Path, Blocks.MainnetMagic));
        Assert.Equal(StorageError.UnsupportedFormatVersion, e.Error);
    }

    [Fact]
    public void Column_families_added_by_later_versions_do_not_stop_the_store_from_opening()
    {
        using var dir = new TempDirectory();
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic))
        {
            var rows = Blocks.AppendChain(store, 3);
            store.Commit(rows[^1].Hash);
        }
        using (var db = RawIndex.Open(dir.Path))
            db.Put([1], [2], db.CreateColumnFamily(new ColumnFamilyOptions(), "utxo"));

        using var reopened = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        Assert.True(reopened.Recovery.Clean);
        Assert.Equal(Blocks.HashOf(Blocks.Mainnet0To438[2]), reopened.Tip);
    }
}
