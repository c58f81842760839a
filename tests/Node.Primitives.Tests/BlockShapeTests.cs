using Node.Primitives.Blocks;
using Node.Primitives.Transactions;
using Node.Tests;

namespace Node.Primitives.Tests;

/// <summary>Counts, sizes, weight and the coinbase slice reported by a scan agree with NBitcoin.</summary>
public class BlockShapeTests
{
    [Theory]
    [MemberData(nameof(RealBlocks.FileNames), MemberType = typeof(RealBlocks))]
    public void Shape_matches_NBitcoin(string file)
    {
        foreach (var raw in RealBlocks.Load(file))
        {
            var oracle = RealBlocks.Oracle(raw);
            Assert.True(BlockScanner.TryScan(raw, default, default, out var shape, out var error), error.ToString());

            int inputs = 0, outputs = 0, witnessTxs = 0;
            foreach (var tx in oracle.Transactions)
            {
                inputs += tx.Inputs.Count;
                outputs += tx.Outputs.Count;
                if (tx.HasWitness) witnessTxs++;
            }
            int stripped = RealBlocks.OracleBytes(oracle.WithOptions(NBitcoin.TransactionOptions.None)).Length;
            Assert.Equal(new BlockShape(oracle.Transactions.Count, witnessTxs, inputs, outputs, stripped, raw.Length,
                shape.CoinbaseOffset, RealBlocks.OracleBytes(oracle.Transactions[0]).Length), shape);
            Assert.Equal(stripped * 3 + raw.Length, shape.Weight);

            var coinbase = TransactionReader.Read(raw.AsSpan(shape.CoinbaseOffset, shape.CoinbaseLength));
            Assert.True(coinbase.IsCoinbase);
            Assert.Equal(RealBlocks.OracleBytes(oracle.Transactions[0]), coinbase.Raw.ToArray());
        }
    }

    [Theory]
    [InlineData(RealBlocks.SegwitA, 2_259_447, 230, 104)]
    [InlineData(RealBlocks.SegwitB, 1_245_250, 3315, 1341)]
    [InlineData("blocks/mainnet-367891.raw", 999_994, 420, 0)]
    [InlineData(RealBlocks.Legacy413567, 999_887, 1557, 0)]
    public void Shape_matches_the_published_figures(string file, int size, int txs, int segwitTxs)
    {
        Assert.True(BlockScanner.TryScan(TestData.Bytes(file), default, default, out var shape, out _));
        Assert.Equal(size, shape.TotalSize);
        Assert.Equal(txs, shape.TxCount);
        Assert.Equal(segwitTxs, shape.WitnessTxCount);
        Assert.Equal(segwitTxs == 0, shape.StrippedSize == shape.TotalSize);
    }

    [Theory]
    [MemberData(nameof(RealBlocks.FileNames), MemberType = typeof(RealBlocks))]
    public void Transactions_tile_the_block_and_only_the_first_is_a_coinbase(string file)
    {
        foreach (var raw in RealBlocks.Load(file))
        {
            Assert.True(BlockReader.TryOpen(raw, out var reader, out _));
            int expectedOffset = reader.FirstTxOffset, index = 0;
            while (true)
            {
                int offset = reader.Position;
                if (!reader.TryReadNext(out var tx, out var error)) { Assert.Equal(TxDecodeError.None, error); break; }
                Assert.Equal(expectedOffset, offset);
                Assert.Equal(index++ == 0, tx.IsCoinbase);
                expectedOffset += tx.TotalSize;
            }
            Assert.Equal(raw.Length, expectedOffset);
            Assert.Equal(reader.TxCount, index);
        }
    }

    [Theory]
    [MemberData(nameof(RealBlocks.FileNames), MemberType = typeof(RealBlocks))]
    public void Prevouts_are_exposed_as_36_byte_keys_and_are_distinct_in_valid_blocks(string file)
    {
        foreach (var raw in RealBlocks.Load(file))
        {
            var oracle = RealBlocks.Oracle(raw);
            var seen = new HashSet<string>();
            int expected = 0;
            foreach (var tx in oracle.Transactions)
                foreach (var input in tx.Inputs)
                {
                    expected++;
                    seen.Add(input.PrevOut.ToString());
                }

            var ours = new HashSet<string>();
            int count = 0;
            Assert.True(BlockReader.TryOpen(raw, out var reader, out _));
            while (reader.TryReadNext(out var tx, out _))
                foreach (var input in tx.Inputs)
                {
                    count++;
                    Assert.Equal(36, input.PrevOut.Length);
                    ours.Add($"{new Hash256(input.PrevTxId)}-{input.PrevIndex}");
                }
            Assert.Equal(expected, count);
            Assert.Equal(seen.Count, ours.Count);
        }
    }
}
