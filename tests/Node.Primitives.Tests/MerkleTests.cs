using Node.Primitives.Hashing;
using Node.Tests;

namespace Node.Primitives.Tests;

public class MerkleTests
{
    private static byte[] TxidLeaves(NBitcoin.Block block)
    {
        var leaves = new byte[block.Transactions.Count * 32];
        for (int i = 0; i < block.Transactions.Count; i++)
            block.Transactions[i].GetHash().ToBytes().CopyTo(leaves, i * 32);
        return leaves;
    }

    private static Hash256 HeaderRoot(NBitcoin.Block block) => new(block.Header.HashMerkleRoot.ToBytes());

    private static NBitcoin.Block Parse(byte[] raw) => NBitcoin.Block.Load(raw, NBitcoin.Network.Main);

    [Fact]
    public void Roots_of_mainnet_blocks_0_to_438_match_their_headers()
    {
        var records = TestData.BlkRecords("blocks/mainnet-0-438.blk");
        Assert.Equal(439, records.Count);
        int multiTx = 0;
        foreach (var raw in records)
        {
            var block = Parse(raw);
            if (block.Transactions.Count > 1) multiTx++;
            var root = Merkle.ComputeRoot(TxidLeaves(block), out bool mutated);
            Assert.Equal(HeaderRoot(block), root);
            Assert.False(mutated);
        }
        Assert.True(multiTx > 0, "the file should hold blocks with more than one transaction");
    }

    [Theory]
    [InlineData("blocks/mainnet-367891.raw", 420)]
    [InlineData("blocks/mainnet-413567.raw", 1557)]
    [InlineData("blocks/mainnet-540107.raw", 230)]
    [InlineData("blocks/mainnet-574200.raw", 3315)]
    public void Roots_of_large_mainnet_blocks_match_their_headers(string file, int txCount)
    {
        var block = Parse(TestData.Bytes(file));
        Assert.Equal(txCount, block.Transactions.Count);
        var root = Merkle.ComputeRoot(TxidLeaves(block), out bool mutated);
        Assert.Equal(HeaderRoot(block), root);
        Assert.False(mutated);
    }

    [Fact]
    public void Duplicating_the_last_pair_keeps_the_root_and_reports_mutation()
    {
        // Block 367891 has 420 txids; appending copies of the last two gives the CVE-2012-2459 twin list.
        var block = Parse(TestData.Bytes("blocks/mainnet-367891.raw"));
        var leaves = TxidLeaves(block);
        var expected = HeaderRoot(block);

        // 5 leaves: a b c d e -> the list a b c d e e has the same root and is flagged.
        var five = leaves.AsSpan(0, 5 * 32).ToArray();
        var fiveRoot = Merkle.ComputeRoot(five.ToArray(), out bool fiveMutated);
        Assert.False(fiveMutated);
        var six = new byte[6 * 32];
        five.CopyTo(six, 0);
        five.AsSpan(4 * 32, 32).CopyTo(six.AsSpan(5 * 32));
        Assert.Equal(fiveRoot, Merkle.ComputeRoot(six, out bool sixMutated));
        Assert.True(sixMutated);

        // 420 leaves: the odd level of 105 duplicates its last node; appending the last 4 leaves again
        // (424 leaves) duplicates that node explicitly one level up.
        var padded = new byte[424 * 32];
        leaves.CopyTo(padded, 0);
        leaves.AsSpan(416 * 32, 4 * 32).CopyTo(padded.AsSpan(420 * 32));
        Assert.Equal(expected, Merkle.ComputeRoot(padded, out bool paddedMutated));
        Assert.True(paddedMutated);
    }

    [Fact]
    public void Equal_siblings_anywhere_are_mutation_but_an_odd_lone_duplicate_is_not()
    {
        var leaves = new byte[3 * 32];
        new Random(3).NextBytes(leaves);
        leaves.AsSpan(0, 32).CopyTo(leaves.AsSpan(32)); // leaf 1 == leaf 0: siblings at (0, 1)
        Merkle.ComputeRoot(leaves.ToArray(), out bool mutated);
        Assert.True(mutated);

        new Random(3).NextBytes(leaves);
        leaves.AsSpan(32, 32).CopyTo(leaves.AsSpan(64)); // leaf 2 == leaf 1: positions (1, 2) are not siblings
        Merkle.ComputeRoot(leaves, out mutated);
        Assert.False(mutated);
    }

    [Fact]
    public void Single_leaf_is_its_own_root_and_no_leaves_give_zero()
    {
        var leaf = new byte[32];
        new Random(5).NextBytes(leaf);
        Assert.Equal(new Hash256(leaf), Merkle.ComputeRoot(leaf.ToArray(), out bool mutated));
        Assert.False(mutated);
        Assert.Equal(Hash256.Zero, Merkle.ComputeRoot([], out mutated));
        Assert.False(mutated);
    }

    [Fact]
    public void A_length_that_is_not_whole_hashes_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Merkle.ComputeRoot(new byte[33], out _));
    }
}
