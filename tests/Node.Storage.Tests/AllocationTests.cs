using System.Buffers;
using Node.Tests;

namespace Node.Storage.Tests;

/// <summary>The hot paths allocate nothing per block (counted exactly on this thread).</summary>
public class AllocationTests
{
    [Fact]
    public void Appending_and_fetching_blocks_allocates_nothing_per_block()
    {
        var block = TestData.Bytes("blocks/mainnet-413567.raw");
        using var dir = new TempDirectory();
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        var row = Blocks.RowFor(block, 413567, 1, store.AppendBlock(block));
        store.StageRow(row);
        store.Commit(row.Hash);
        var segmented = Sequences.Chunked(block, 65536);
        var writer = new ArrayBufferWriter<byte>(block.Length);
        // Once each before counting: opens the read handle, runs one-time initialization.
        Assert.Equal(StorageError.None, store.FetchBlock(row.Hash, writer, out _));
        store.AppendBlock(segmented);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            store.AppendBlock(block);
            store.AppendBlock(segmented);
            store.AppendBlock(block, row.WireChecksum);
            writer.ResetWrittenCount();
            store.FetchBlock(row.Hash, writer);
            writer.ResetWrittenCount();
            store.FetchBlock(row.Hash, writer, out _);
        }
        store.Flush();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(block, writer.WrittenSpan.ToArray());
    }
}
