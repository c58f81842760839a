using System.Security.Cryptography;
using Node.Primitives.Blocks;
using Node.Primitives.Transactions;
using Node.Tests;

namespace Node.Primitives.Tests;

/// <summary>
/// A scan that also hashes the whole block batches its jobs in the caller's <see cref="BlockScanScratch"/>: one
/// scratch reused over blocks of every size gives the oracle's hashes, and allocates nothing once grown.
/// </summary>
public class BlockScanScratchTests
{
    /// <summary>Counts the visits, which come in order (the count is -1 otherwise).</summary>
    private struct VisitCounter : IBlockTxVisitor
    {
        public int Visits;

        public readonly void Inputs(int count) { }
        public readonly void Input(ReadOnlySpan<byte> tx, int offset, int scriptOffset, int scriptLength) { }
        public readonly void Output(ReadOnlySpan<byte> tx, int offset, int scriptOffset, int scriptLength) { }

        public void Visit(int index, TransactionReader tx) => Visits = Visits == index ? Visits + 1 : -1;
    }

    /// <summary>Every real block, largest first then smallest first: each scan follows both larger and smaller ones.</summary>
    private static List<byte[]> LargeToSmallToLarge()
    {
        var blocks = RealBlocks.Files.SelectMany(RealBlocks.Load).OrderByDescending(b => b.Length).ToList();
        return [.. blocks, .. Enumerable.Reverse(blocks)];
    }

    private static bool ScanWithBlockHash(byte[] raw, byte[] txids, byte[] wtxids, byte[] blockHash, BlockScanScratch scratch,
        out BlockShape shape, out int visits)
    {
        var counter = new VisitCounter();
        bool ok = BlockScanner.TryScan(raw, txids, wtxids, blockHash, scratch, ref counter, out shape, out _);
        visits = counter.Visits;
        return ok;
    }

    [Fact]
    public void One_scratch_reused_over_every_real_block_gives_the_oracles_hashes()
    {
        var scratch = new BlockScanScratch();
        var blocks = LargeToSmallToLarge();
        Assert.True(blocks.Count > 2 * 439);
        foreach (var raw in blocks)
        {
            var oracle = RealBlocks.Oracle(raw);
            var txids = new byte[oracle.Transactions.Count * 32];
            var wtxids = new byte[txids.Length];
            var blockHash = new byte[32];
            Assert.True(ScanWithBlockHash(raw, txids, wtxids, blockHash, scratch, out var shape, out int visits));

            Assert.Equal(SHA256.HashData(SHA256.HashData(raw)), blockHash);
            Assert.Equal(oracle.Transactions.Count, shape.TxCount);
            Assert.Equal(shape.TxCount, visits);
            Assert.Equal(BlockScanner.Scan(raw, [], []), shape);
            for (int i = 0; i < shape.TxCount; i++)
            {
                Assert.Equal(oracle.Transactions[i].GetHash().ToString(), new Hash256(txids.AsSpan(i * 32)).ToString());
                Assert.Equal(oracle.Transactions[i].GetWitHash().ToString(), new Hash256(wtxids.AsSpan(i * 32)).ToString());
            }
        }
    }

    [Fact]
    public void A_truncated_block_after_a_large_one_is_malformed_and_still_hashed_whole()
    {
        var scratch = new BlockScanScratch();
        var large = TestData.Bytes(RealBlocks.SegwitB);
        var buffer = new byte[3315 * 32];
        var hash = new byte[32];
        Assert.True(ScanWithBlockHash(large, buffer, buffer, hash, scratch, out _, out _));

        var cut = TestData.Bytes(RealBlocks.Legacy413567)[..^1];
        Assert.False(ScanWithBlockHash(cut, buffer, [], hash, scratch, out _, out _));
        Assert.Equal(SHA256.HashData(SHA256.HashData(cut)), hash);
    }

    [Theory]
    [InlineData(RealBlocks.Legacy413567)]
    [InlineData(RealBlocks.SegwitB)]
    public void Scanning_with_the_block_hash_again_in_the_same_scratch_allocates_nothing(string file)
    {
        var raw = TestData.Bytes(file);
        Assert.True(BlockScanner.TryReadTxCount(raw, out int count, out _));
        var txids = new byte[count * 32];
        var wtxids = new byte[count * 32];
        var hash = new byte[32];
        var scratch = new BlockScanScratch();
        Assert.True(ScanWithBlockHash(raw, txids, wtxids, hash, scratch, out _, out _));

        Assert.Equal(0, Allocations.LeastPerRounds(() => ScanWithBlockHash(raw, txids, wtxids, hash, scratch, out _, out _)));
        Assert.True(ScanWithBlockHash(raw, txids, wtxids, hash, scratch, out var shape, out _));
        Assert.Equal(count, shape.TxCount);
    }

    [Fact]
    public void The_block_hash_needs_a_scratch()
    {
        var raw = TestData.Bytes(RealBlocks.Legacy413567);
        var counter = new VisitCounter();
        Assert.Throws<ArgumentNullException>(() => BlockScanner.TryScan(raw, [], [], new byte[32], null!, ref counter, out _, out _));
    }
}
