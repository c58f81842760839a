using Node.Primitives.Blocks;
using Node.Primitives.Hashing;

namespace Node.Primitives.Tests;

/// <summary>The merkle root over the scanned txids equals the one the header commits to.</summary>
public class BlockMerkleRootTests
{
    [Theory]
    [MemberData(nameof(RealBlocks.FileNames), MemberType = typeof(RealBlocks))]
    public void Root_of_scanned_txids_equals_the_header_root(string file)
    {
        foreach (var raw in RealBlocks.Load(file))
        {
            Assert.True(BlockScanner.TryReadTxCount(raw, out int count, out _));
            var txids = new byte[count * 32];
            BlockScanner.Scan(raw, txids, default);
            var root = Merkle.ComputeRoot(txids, out bool mutated);
            Assert.Equal(BlockHeader.Read(raw).MerkleRoot, root);
            Assert.False(mutated);
        }
    }
}
