using Node.Primitives;
using Node.Tests;

namespace Node.Storage.Tests;

public class RolloverTests
{
    [Fact]
    public void Default_file_limit_and_preallocation_are_cores()
    {
        var options = new BlockStoreOptions();
        Assert.Equal(128L * 1024 * 1024, options.MaxFileSize);
        Assert.Equal(16L * 1024 * 1024, options.PreallocationChunk);
    }

    [Fact]
    public void Files_roll_over_when_the_next_record_does_not_fit_and_every_block_still_fetches()
    {
        const long limit = 20_000;
        using var dir = new TempDirectory();
        var options = new BlockStoreOptions { MaxFileSize = limit, PreallocationChunk = 4096 };
        List<BlockIndexRow> rows;
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic, options))
        {
            rows = Blocks.AppendChain(store, Blocks.Mainnet0To438.Count);
            store.Commit(rows[^1].Hash);
        }

        // expected placement, computed independently: greedy packing of 8 + length records
        var expected = new List<(int File, long Offset)>();
        int file = 0;
        long position = 0;
        foreach (var block in Blocks.Mainnet0To438)
        {
            long record = 8 + block.Length;
            if (position > 0 && position + record > limit) { file++; position = 0; }
            expected.Add((file, position + 8));
            position += record;
        }
        Assert.Equal(expected, rows.Select(r => (r.Location.File, (long)r.Location.Offset)).ToList());
        Assert.True(file >= 4, $"only {file + 1} files");

        // every finished file was cut to its records (no preallocated tail), none exceeds the limit,
        // and concatenated they are exactly the source file in Core's framing
        var source = TestData.Bytes("blocks/mainnet-0-438.blk");
        var joined = new List<byte>();
        for (int f = 0; f <= file; f++)
        {
            var bytes = File.ReadAllBytes(dir.BlkFile(f));
            Assert.True(bytes.Length <= limit);
            long used = rows.Where(r => r.Location.File == f).Max(r => r.Location.End);
            if (f < file) Assert.Equal(used, bytes.Length);
            joined.AddRange(bytes.AsSpan(0, (int)used).ToArray());
        }
        Assert.Equal(source, joined.ToArray());
        Assert.False(File.Exists(dir.BlkFile(file + 1)));

        using var reopened = BlockStore.Open(dir.Path, Blocks.MainnetMagic, options);
        Assert.True(reopened.Recovery.Clean);
        for (int h = 0; h < rows.Count; h++)
        {
            Assert.Equal(Blocks.Mainnet0To438[h], Blocks.Fetch(reopened, rows[h].Hash, out var error));
            Assert.Equal(StorageError.None, error);
        }
    }

    [Fact]
    public void A_large_block_that_does_not_fit_starts_a_new_file_and_one_larger_than_the_limit_stands_alone()
    {
        var big = TestData.Bytes("blocks/mainnet-540107.raw");   // 2,259,447 bytes
        var small = TestData.Bytes("blocks/mainnet-413567.raw"); // 999,887 bytes
        using var dir = new TempDirectory();
        var options = new BlockStoreOptions { MaxFileSize = 3_000_000, PreallocationChunk = 1 << 20 };
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic, options);

        var a = store.AppendBlock(big);
        var b = store.AppendBlock(small);   // 2,259,455 + 999,895 > 3,000,000
        var c = store.AppendBlock(small);   // fits after b
        Assert.Equal((0, 8u), (a.Location.File, a.Location.Offset));
        Assert.Equal((1, 8u), (b.Location.File, b.Location.Offset));
        Assert.Equal((1, (uint)(8 + small.Length + 8)), (c.Location.File, c.Location.Offset));
        Assert.Equal(8 + big.Length, new FileInfo(dir.BlkFile(0)).Length);

        var tiny = new BlockStoreOptions { MaxFileSize = 1_000_000, PreallocationChunk = 1 << 20 };
        using var dir2 = new TempDirectory();
        using var store2 = BlockStore.Open(dir2.Path, Blocks.MainnetMagic, tiny);
        var alone = store2.AppendBlock(big);
        var next = store2.AppendBlock(small);
        Assert.Equal(0, alone.Location.File);
        Assert.Equal(1, next.Location.File);
        var row = Blocks.RowFor(big, 540107, Blocks.WorkOf(BlockHeader.Read(big).Bits), alone);
        store2.StageRow(row);
        store2.Commit(row.Hash);
        Assert.Equal(big, Blocks.Fetch(store2, row.Hash, out var error));
        Assert.Equal(StorageError.None, error);
    }

    [Fact]
    public void Current_file_grows_in_preallocation_chunks()
    {
        using var dir = new TempDirectory();
        var options = new BlockStoreOptions { PreallocationChunk = 1 << 20 };
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic, options);
        var small = TestData.Bytes("blocks/mainnet-413567.raw");
        store.AppendBlock(small);
        Assert.Equal(1L << 20, new FileInfo(dir.BlkFile(0)).Length);
        store.AppendBlock(small);
        Assert.Equal(2L << 20, new FileInfo(dir.BlkFile(0)).Length);
    }

    [Fact]
    public void Invalid_limits_are_refused()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockStore.Open(dir.Path, Blocks.MainnetMagic, new BlockStoreOptions { MaxFileSize = 1L << 33 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockStore.Open(dir.Path, Blocks.MainnetMagic, new BlockStoreOptions { PreallocationChunk = 0 }));
    }
}
