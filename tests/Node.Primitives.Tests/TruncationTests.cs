using Node.Primitives.Blocks;
using Node.Primitives.Transactions;
using Node.Tests;

namespace Node.Primitives.Tests;

/// <summary>Every prefix of real data is reported as <see cref="TxDecodeError.Truncated"/>, never another exception.</summary>
public class TruncationTests
{
    public static TheoryData<string, int> Transactions => new()
    {
        { RealBlocks.Legacy413567, 0 },  // coinbase
        { RealBlocks.Legacy413567, 1 },
        { RealBlocks.SegwitA, 0 },       // segwit coinbase with reserved value
        { RealBlocks.SegwitB, 1 },
        { RealBlocks.SegwitB, 2 },
        { RealBlocks.SegwitB, 3314 },
    };

    [Theory]
    [MemberData(nameof(Transactions))]
    public void Every_prefix_of_a_real_transaction_is_truncated(string file, int index)
    {
        var raw = RealBlocks.TxBytes(file, index);
        for (int length = 0; length < raw.Length; length++)
        {
            Assert.False(TransactionReader.TryRead(raw.AsSpan(0, length), out _, out var error));
            Assert.Equal(TxDecodeError.Truncated, error);
        }
        Assert.True(TransactionReader.TryRead(raw, out var whole, out _));
        Assert.Equal(raw.Length, whole.TotalSize);
    }

    [Fact]
    public void Prefixes_of_a_real_transaction_throw_the_named_error_from_every_entry_point()
    {
        var raw = RealBlocks.TxBytes(RealBlocks.SegwitB, 1);
        for (int length = 0; length < raw.Length; length += 7)
            Assert.Equal(TxDecodeError.Truncated, MalformedTx.ErrorOf(raw[..length]));
    }

    [Theory]
    [InlineData("blocks/btcd-blk_0_to_4.blk")]
    [InlineData("blocks/btcd-blk_3A.blk")]
    [InlineData("blocks/btcd-blk_4A.blk")]
    [InlineData("blocks/btcd-blk_5A.blk")]
    public void Every_prefix_of_a_real_block_is_truncated(string file)
    {
        foreach (var raw in RealBlocks.Load(file))
        {
            var txids = new byte[32 * 16];
            for (int length = 0; length < raw.Length; length++)
            {
                Assert.False(BlockScanner.TryScan(raw.AsSpan(0, length), txids, txids, out _, out var error));
                Assert.Equal(TxDecodeError.Truncated, error);
            }
            Assert.True(BlockScanner.TryScan(raw, txids, txids, out _, out _));
        }
    }

    [Fact]
    public void Prefixes_of_a_real_block_throw_the_named_error_from_the_model()
    {
        var raw = RealBlocks.Load("blocks/btcd-277647.blk")[0];
        for (int length = 0; length < raw.Length; length += 997)
            Assert.Equal(TxDecodeError.Truncated, Assert.Throws<TxDecodeException>(() => Block.Parse(raw.AsSpan(0, length))).Error);
    }
}
