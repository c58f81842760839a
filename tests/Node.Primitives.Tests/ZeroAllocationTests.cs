using Node.Primitives.Blocks;
using Node.Primitives.Hashing;
using Node.Primitives.Transactions;
using Node.Tests;

namespace Node.Primitives.Tests;

/// <summary>The hot-path readers allocate no managed memory on real blocks.</summary>
public class ZeroAllocationTests
{
    [Theory]
    [InlineData(RealBlocks.Legacy413567)]
    [InlineData(RealBlocks.SegwitB)]
    public void Scanning_and_both_merkle_roots_of_a_real_block_allocate_nothing(string file)
    {
        var raw = TestData.Bytes(file);
        Assert.True(BlockScanner.TryReadTxCount(raw, out int count, out _));
        var txids = new byte[count * 32];
        var wtxids = new byte[count * 32];
        ScanAndRoots(raw, txids, wtxids);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var shape = ScanAndRoots(raw, txids, wtxids);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(count, shape.TxCount);
    }

    private static BlockShape ScanAndRoots(byte[] raw, byte[] txids, byte[] wtxids)
    {
        var shape = BlockScanner.Scan(raw, txids, wtxids);
        Merkle.ComputeRoot(txids, out _);
        WitnessCommitment.ComputeWitnessRoot(wtxids);
        return shape;
    }

    [Fact]
    public void Walking_every_part_of_a_real_block_allocates_nothing()
    {
        var raw = TestData.Bytes(RealBlocks.SegwitB);
        long checksum = Walk(raw);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long again = Walk(raw);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(checksum, again);
    }

    private static long Walk(byte[] raw)
    {
        long sum = 0;
        if (!BlockReader.TryOpen(raw, out var reader, out _)) return -1;
        while (reader.TryReadNext(out TransactionReader tx, out _))
        {
            foreach (var input in tx.Inputs) sum += input.PrevIndex + input.ScriptSig.Length;
            foreach (var output in tx.Outputs) sum += output.Value + output.ScriptPubKey.Length;
            foreach (var stack in tx.Witnesses)
                foreach (var item in stack) sum += item.Length;
        }
        return sum;
    }
}
