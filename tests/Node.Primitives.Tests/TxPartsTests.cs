using Node.Primitives.Blocks;
using Node.Primitives.Transactions;
using Node.Tests;

namespace Node.Primitives.Tests;

/// <summary>The reader's slices of inputs, outputs and witnesses equal NBitcoin's decoding.</summary>
public class TxPartsTests
{
    [Theory]
    [MemberData(nameof(RealBlocks.FileNames), MemberType = typeof(RealBlocks))]
    public void Inputs_outputs_and_witnesses_match_NBitcoin(string file)
    {
        foreach (var raw in RealBlocks.Load(file))
        {
            var oracle = RealBlocks.Oracle(raw);
            Assert.True(BlockReader.TryOpen(raw, out var reader, out _));
            Assert.Equal(oracle.Transactions.Count, reader.TxCount);
            for (int t = 0; reader.TryReadNext(out var tx, out _); t++)
                AssertSameAs(oracle.Transactions[t], tx);
        }
    }

    [Fact]
    public void Megatx_parts_match_NBitcoin()
    {
        var raw = TestData.Bytes(RealBlocks.MegaTx);
        AssertSameAs(NBitcoin.Transaction.Load(raw, NBitcoin.Network.Main), TransactionReader.Read(raw));
    }

    private static void AssertSameAs(NBitcoin.Transaction expected, TransactionReader tx)
    {
        Assert.Equal((int)expected.Version, tx.Version);
        Assert.Equal((uint)expected.LockTime, tx.LockTime);
        Assert.Equal(expected.Inputs.Count, tx.InputCount);
        Assert.Equal(expected.Outputs.Count, tx.OutputCount);
        Assert.Equal(expected.HasWitness, tx.HasWitness);
        Assert.Equal(expected.IsCoinBase, tx.IsCoinbase);
        Assert.Equal(RealBlocks.OracleBytes(expected).Length, tx.TotalSize);
        Assert.Equal(expected.GetVirtualSize(), (tx.Weight + 3) / 4);

        int i = 0;
        foreach (var input in tx.Inputs)
        {
            var e = expected.Inputs[i++];
            Assert.Equal(e.PrevOut.Hash.ToString(), new Hash256(input.PrevTxId).ToString());
            Assert.Equal(e.PrevOut.N, input.PrevIndex);
            Assert.True(e.ScriptSig.ToBytes(true).AsSpan().SequenceEqual(input.ScriptSig));
            Assert.Equal((uint)e.Sequence, input.Sequence);
        }
        Assert.Equal(tx.InputCount, i);

        int o = 0;
        foreach (var output in tx.Outputs)
        {
            var e = expected.Outputs[o++];
            Assert.Equal(e.Value.Satoshi, output.Value);
            Assert.True(e.ScriptPubKey.ToBytes(true).AsSpan().SequenceEqual(output.ScriptPubKey));
        }
        Assert.Equal(tx.OutputCount, o);

        int w = 0;
        foreach (var stack in tx.Witnesses)
        {
            var items = expected.Inputs[w++].WitScript.Pushes.ToArray();
            Assert.Equal(items.Length, stack.Count);
            int k = 0;
            foreach (var item in stack) Assert.True(items[k++].AsSpan().SequenceEqual(item));
        }
        Assert.Equal(tx.HasWitness ? tx.InputCount : 0, w);
    }
}
