using Node.Primitives.Blocks;
using Node.Primitives.Transactions;
using Node.Tests;

namespace Node.Primitives.Tests;

/// <summary>The materializing model re-serializes every real block and transaction byte for byte.</summary>
public class ModelRoundTripTests
{
    [Theory]
    [MemberData(nameof(RealBlocks.FileNames), MemberType = typeof(RealBlocks))]
    public void Blocks_serialize_back_to_their_bytes(string file)
    {
        foreach (var raw in RealBlocks.Load(file))
        {
            var block = Block.Parse(raw);
            Assert.Equal(raw, block.Serialize());
            Assert.Equal(BlockHeader.HashOf(raw), block.GetHash());

            var oracle = RealBlocks.Oracle(raw);
            Assert.Equal(RealBlocks.OracleBytes(oracle.WithOptions(NBitcoin.TransactionOptions.None)).Length, block.GetSerializedSize(withWitness: false));
            for (int i = 0; i < block.Transactions.Count; i++)
            {
                Assert.Equal(oracle.Transactions[i].GetHash().ToString(), block.Transactions[i].GetTxId().ToString());
                Assert.Equal(oracle.Transactions[i].GetWitHash().ToString(), block.Transactions[i].GetWTxId().ToString());
            }
        }
    }

    [Fact]
    public void Megatx_serializes_back_to_its_bytes()
    {
        var raw = TestData.Bytes(RealBlocks.MegaTx);
        var tx = Transaction.Parse(raw);
        Assert.Equal(raw, tx.Serialize());
        Assert.Equal("bb41a757f405890fb0f5856228e23b715702d714d59bf2b1feb70d8b2b4e3e08", tx.GetTxId().ToString());
    }

    [Fact]
    public void Stripped_serialization_of_a_segwit_tx_hashes_to_its_txid()
    {
        var raw = RealBlocks.TxBytes(RealBlocks.SegwitB, FirstWitnessTxIndex());
        var reader = TransactionReader.Read(raw);
        var stripped = Transaction.Parse(raw).Serialize(withWitness: false);
        Assert.Equal(reader.StrippedSize, stripped.Length);
        Assert.Equal(reader.ComputeTxId(), Node.Primitives.Hashing.Sha256.DoubleHash(stripped));
        Assert.False(TransactionReader.Read(stripped).HasWitness);
    }

    private static int FirstWitnessTxIndex()
    {
        var raw = TestData.Bytes(RealBlocks.SegwitB);
        Assert.True(BlockReader.TryOpen(raw, out var reader, out _));
        for (int i = 0; reader.TryReadNext(out var tx, out _); i++)
            if (i > 0 && tx.HasWitness) return i;
        throw new InvalidOperationException("574200 has segwit transactions");
    }
}
