using Node.Primitives.Blocks;
using Node.Primitives.Transactions;
using Node.Tests;

namespace Node.Primitives.Tests;

/// <summary>A count or length spelled with more bytes than it needs is <see cref="TxDecodeError.NonCanonicalCompactSize"/>.</summary>
public class NonCanonicalCompactSizeTests
{
    private static byte[] LegacyTx => RealBlocks.TxBytes(RealBlocks.Legacy413567, 1);

    [Fact]
    public void Input_count()
    {
        var raw = LegacyTx;
        Assert.Equal(TxDecodeError.NonCanonicalCompactSize, MalformedTx.ErrorOf(MalformedTx.Splice(raw, 4, 1, 0xfd, raw[4], 0)));
    }

    [Fact]
    public void Script_length()
    {
        var raw = LegacyTx;
        int at = MalformedTx.FirstScriptLengthOffset(raw);
        Assert.True(raw[at] < 0xfd);
        Assert.Equal(TxDecodeError.NonCanonicalCompactSize, MalformedTx.ErrorOf(MalformedTx.Splice(raw, at, 1, 0xfe, raw[at], 0, 0, 0)));
    }

    [Fact]
    public void Output_count()
    {
        var raw = LegacyTx;
        int at = TransactionReader.Read(raw).OutputsOffset;
        Assert.Equal(TxDecodeError.NonCanonicalCompactSize, MalformedTx.ErrorOf(MalformedTx.Splice(raw, at, 1, 0xff, raw[at], 0, 0, 0, 0, 0, 0, 0)));
    }

    [Fact]
    public void Witness_item_count()
    {
        var raw = RealBlocks.TxBytes(RealBlocks.SegwitB, 1);
        int at = TransactionReader.Read(raw).WitnessOffset;
        Assert.Equal(TxDecodeError.NonCanonicalCompactSize, MalformedTx.ErrorOf(MalformedTx.Splice(raw, at, 1, 0xfd, raw[at], 0)));
    }

    [Fact]
    public void Block_transaction_count()
    {
        var raw = TestData.Bytes(RealBlocks.Legacy413567);
        Assert.Equal(0xfd, raw[80]); // 1557 transactions, canonical 3-byte form
        var bad = MalformedTx.Splice(raw, 80, 3, 0xfe, raw[81], raw[82], 0, 0);
        Assert.False(BlockScanner.TryScan(bad, default, default, out _, out var error));
        Assert.Equal(TxDecodeError.NonCanonicalCompactSize, error);
    }
}
