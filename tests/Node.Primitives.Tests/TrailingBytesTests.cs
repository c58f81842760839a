using Node.Primitives.Blocks;
using Node.Primitives.Transactions;
using Node.Tests;

namespace Node.Primitives.Tests;

/// <summary>Data left over after a transaction or block that should fill its buffer is <see cref="TxDecodeError.TrailingBytes"/>.</summary>
public class TrailingBytesTests
{
    [Fact]
    public void A_byte_after_a_whole_transaction()
    {
        var raw = RealBlocks.TxBytes(RealBlocks.SegwitB, 1);
        byte[] longer = [.. raw, 0x00];
        Assert.Equal(TxDecodeError.TrailingBytes, MalformedTx.ErrorOf(longer));
        Assert.True(TransactionReader.TryRead(longer, out var tx, out _));
        Assert.Equal(raw.Length, tx.TotalSize);
    }

    [Fact]
    public void A_byte_after_the_last_transaction_of_a_block()
    {
        byte[] raw = [.. TestData.Bytes(RealBlocks.SegwitA), 0x00];
        Assert.False(BlockScanner.TryScan(raw, default, default, out _, out var error));
        Assert.Equal(TxDecodeError.TrailingBytes, error);
        Assert.Equal(TxDecodeError.TrailingBytes, Assert.Throws<TxDecodeException>(() => Block.Parse(raw)).Error);
    }

    [Fact]
    public void A_transaction_count_one_short()
    {
        var raw = TestData.Bytes(RealBlocks.SegwitA);
        Assert.Equal(230, raw[80]);
        raw[80] = 229;
        Assert.False(BlockScanner.TryScan(raw, default, default, out _, out var error));
        Assert.Equal(TxDecodeError.TrailingBytes, error);
    }
}
