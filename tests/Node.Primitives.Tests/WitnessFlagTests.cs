using Node.Primitives.Hashing;
using Node.Primitives.Transactions;

namespace Node.Primitives.Tests;

/// <summary>Bitcoin Core's rules for the segwit marker and flag byte, on real transactions.</summary>
public class WitnessFlagTests
{
    private static byte[] SegwitTx => RealBlocks.TxBytes(RealBlocks.SegwitB, 1);
    private static byte[] LegacyTx => RealBlocks.TxBytes(RealBlocks.Legacy413567, 1);

    [Theory]
    [InlineData(0x02)]
    [InlineData(0x03)]
    [InlineData(0x80)]
    [InlineData(0xff)]
    public void A_flag_with_unknown_bits_is_unknown_optional_data(byte flag)
    {
        var raw = SegwitTx;
        Assert.Equal(0x00, raw[4]);
        Assert.Equal(0x01, raw[5]);
        raw[5] = flag;
        Assert.Equal(TxDecodeError.UnknownOptionalData, MalformedTx.ErrorOf(raw));
    }

    [Fact]
    public void A_witness_record_with_only_empty_stacks_is_superfluous()
    {
        var raw = LegacyTx;
        var tx = TransactionReader.Read(raw);
        var emptyStacks = new byte[tx.InputCount];
        var flagged = MalformedTx.Splice(raw, 4, 0, 0x00, 0x01);
        flagged = MalformedTx.Splice(flagged, flagged.Length - 4, 0, emptyStacks);
        Assert.Equal(TxDecodeError.SuperfluousWitnessRecord, MalformedTx.ErrorOf(flagged));

        // The same record with one item on the last stack is a valid segwit transaction with the same txid.
        flagged[^5] = 1;
        flagged = MalformedTx.Splice(flagged, flagged.Length - 4, 0, 0x00);
        var segwit = TransactionReader.Read(flagged);
        Assert.True(segwit.HasWitness);
        Assert.Equal(tx.ComputeTxId(), segwit.ComputeTxId());
        Assert.Equal(raw.Length, segwit.StrippedSize);
    }

    [Fact]
    public void Zero_inputs_and_a_zero_flag_is_an_empty_transaction_read_as_Core_does()
    {
        // Core reads an empty input list, then a zero flag byte, and no output list at all.
        var raw = LegacyTx;
        byte[] empty = [.. raw[..4], 0x00, 0x00, .. raw[^4..]];
        var tx = TransactionReader.Read(empty);
        Assert.Equal(0, tx.InputCount);
        Assert.Equal(0, tx.OutputCount);
        Assert.False(tx.HasWitness);
        Assert.Equal(Sha256.DoubleHash(empty), tx.ComputeTxId());
        Assert.Equal(empty, Transaction.Parse(empty).Serialize());
        Assert.Equal(NBitcoin.Transaction.Load(empty, NBitcoin.Network.Main).GetHash().ToString(), tx.ComputeTxId().ToString());
    }

    [Fact]
    public void A_marker_whose_witness_inputs_are_empty_is_superfluous()
    {
        var raw = LegacyTx;
        byte[] noInputs = [.. raw[..4], 0x00, 0x01, 0x00, 0x00, .. raw[^4..]];
        Assert.Equal(TxDecodeError.SuperfluousWitnessRecord, MalformedTx.ErrorOf(noInputs));
    }
}
