using Node.Primitives.Blocks;
using Node.Primitives.Transactions;
using Node.Tests;

namespace Node.Primitives.Tests;

public class WitnessCommitmentTests
{
    [Theory]
    [InlineData(RealBlocks.SegwitA)]
    [InlineData(RealBlocks.SegwitB)]
    public void Segwit_blocks_commit_to_their_witness_root(string file) =>
        Assert.Equal(WitnessCommitmentResult.Valid, Check(TestData.Bytes(file)));

    [Theory]
    [MemberData(nameof(RealBlocks.PreSegwitFileNames), MemberType = typeof(RealBlocks))]
    public void Pre_segwit_blocks_have_nothing_to_check(string file)
    {
        foreach (var raw in RealBlocks.Load(file))
            Assert.Equal(WitnessCommitmentResult.NoCommitment, Check(raw));
    }

    [Theory]
    [InlineData(RealBlocks.SegwitA)]
    [InlineData(RealBlocks.SegwitB)]
    public void A_changed_commitment_byte_is_a_mismatch(string file)
    {
        var raw = TestData.Bytes(file);
        int hashOffset = CommittedHashOffset(raw);
        raw[hashOffset + 7] ^= 0x01;
        Assert.Equal(WitnessCommitmentResult.Mismatch, Check(raw));
    }

    [Fact]
    public void A_changed_reserved_value_is_a_mismatch()
    {
        var block = Block.Parse(TestData.Bytes(RealBlocks.SegwitB));
        block.Transactions[0].Inputs[0].Witness[0][5] ^= 0x80;
        Assert.Equal(WitnessCommitmentResult.Mismatch, Check(block.Serialize()));
    }

    [Fact]
    public void A_reserved_value_that_is_not_one_32_byte_item_is_rejected()
    {
        var block = Block.Parse(TestData.Bytes(RealBlocks.SegwitB));
        block.Transactions[0].Inputs[0].Witness.Add(new byte[32]);
        Assert.Equal(WitnessCommitmentResult.BadReservedValue, Check(block.Serialize()));

        block.Transactions[0].Inputs[0].Witness.RemoveAt(1);
        block.Transactions[0].Inputs[0].Witness[0] = new byte[31];
        Assert.Equal(WitnessCommitmentResult.BadReservedValue, Check(block.Serialize()));
    }

    [Fact]
    public void Witness_data_without_a_commitment_is_unexpected()
    {
        var raw = TestData.Bytes(RealBlocks.SegwitB);
        raw[CommittedHashOffset(raw) - 1] = 0xee; // the tag aa21a9ed no longer matches
        Assert.Equal(WitnessCommitmentResult.UnexpectedWitness, Check(raw));
    }

    [Fact]
    public void The_last_matching_output_is_the_commitment()
    {
        var block = Block.Parse(TestData.Bytes(RealBlocks.SegwitB));
        var coinbase = block.Transactions[0];
        int real = FindIndex(coinbase.Serialize());
        var decoy = (byte[])coinbase.Outputs[real].ScriptPubKey.Clone();
        decoy[^1] ^= 0xff;
        coinbase.Outputs.Add(new TxOut { Value = 0, ScriptPubKey = decoy });
        Assert.Equal(coinbase.Outputs.Count - 1, FindIndex(coinbase.Serialize()));
        Assert.Equal(WitnessCommitmentResult.Mismatch, Check(block.Serialize()));
    }

    private static int FindIndex(byte[] txBytes) => WitnessCommitment.FindOutputIndex(TransactionReader.Read(txBytes));

    private static WitnessCommitmentResult Check(byte[] raw)
    {
        Assert.True(BlockScanner.TryReadTxCount(raw, out int count, out _));
        var txids = new byte[count * 32];
        var wtxids = new byte[count * 32];
        var shape = BlockScanner.Scan(raw, txids, wtxids);
        var coinbase = TransactionReader.Read(raw.AsSpan(shape.CoinbaseOffset, shape.CoinbaseLength));
        return WitnessCommitment.Check(coinbase, wtxids, shape.HasWitness);
    }

    private static int CommittedHashOffset(byte[] raw)
    {
        Assert.True(BlockReader.TryOpen(raw, out var reader, out _));
        Assert.True(reader.TryReadNext(out _, out _));
        int prefix = raw.AsSpan(0, reader.Position).LastIndexOf(WitnessCommitment.ScriptPrefix);
        Assert.True(prefix > 0);
        return prefix + WitnessCommitment.ScriptPrefix.Length;
    }
}
