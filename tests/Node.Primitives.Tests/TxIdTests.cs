using Node.Primitives.Blocks;
using Node.Primitives.Transactions;
using Node.Tests;

namespace Node.Primitives.Tests;

public class TxIdTests
{
    [Theory]
    [MemberData(nameof(RealBlocks.FileNames), MemberType = typeof(RealBlocks))]
    public void Every_txid_and_wtxid_matches_NBitcoin(string file)
    {
        foreach (var raw in RealBlocks.Load(file))
        {
            var oracle = RealBlocks.Oracle(raw);
            var txids = new byte[oracle.Transactions.Count * 32];
            var wtxids = new byte[txids.Length];
            var shape = BlockScanner.Scan(raw, txids, wtxids);

            Assert.Equal(oracle.Transactions.Count, shape.TxCount);
            for (int i = 0; i < shape.TxCount; i++)
            {
                Assert.Equal(oracle.Transactions[i].GetHash().ToString(), new Hash256(txids.AsSpan(i * 32)).ToString());
                Assert.Equal(oracle.Transactions[i].GetWitHash().ToString(), new Hash256(wtxids.AsSpan(i * 32)).ToString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(RealBlocks.FileNames), MemberType = typeof(RealBlocks))]
    public void Txids_alone_and_wtxids_alone_match_NBitcoin(string file)
    {
        foreach (var raw in RealBlocks.Load(file))
        {
            var oracle = RealBlocks.Oracle(raw);
            var txids = new byte[oracle.Transactions.Count * 32];
            var wtxids = new byte[txids.Length];
            Assert.Equal(oracle.Transactions.Count, BlockScanner.Scan(raw, txids, []).TxCount);
            Assert.Equal(oracle.Transactions.Count, BlockScanner.Scan(raw, [], wtxids).TxCount);
            for (int i = 0; i < oracle.Transactions.Count; i++)
            {
                Assert.Equal(oracle.Transactions[i].GetHash().ToString(), new Hash256(txids.AsSpan(i * 32)).ToString());
                Assert.Equal(oracle.Transactions[i].GetWitHash().ToString(), new Hash256(wtxids.AsSpan(i * 32)).ToString());
            }
        }
    }

    [Fact]
    public void Segwit_txids_differ_from_wtxids_and_legacy_ones_do_not()
    {
        var raw = TestData.Bytes(RealBlocks.SegwitB);
        Assert.True(BlockReader.TryOpen(raw, out var reader, out _));
        int witness = 0, legacy = 0;
        while (reader.TryReadNext(out var tx, out _))
        {
            if (tx.HasWitness) { witness++; Assert.NotEqual(tx.ComputeTxId(), tx.ComputeWTxId()); }
            else { legacy++; Assert.Equal(tx.ComputeTxId(), tx.ComputeWTxId()); }
        }
        Assert.Equal(1341, witness);
        Assert.Equal(3315 - 1341, legacy);
    }

    [Fact]
    public void Megatx_has_its_published_txid()
    {
        var raw = TestData.Bytes(RealBlocks.MegaTx);
        var tx = TransactionReader.Read(raw);
        Assert.Equal("bb41a757f405890fb0f5856228e23b715702d714d59bf2b1feb70d8b2b4e3e08", tx.ComputeTxId().ToString());
        Assert.Equal(NBitcoin.Transaction.Load(raw, NBitcoin.Network.Main).GetHash().ToString(), tx.ComputeTxId().ToString());
        Assert.Equal(5569, tx.InputCount);
        Assert.False(tx.HasWitness);
    }
}
