using Node.Chain.Validation;
using Node.Primitives.Transactions;

namespace Node.Chain.Tests.Blocks;

/// <summary>BIP34 height encoding as Core's <c>CScript() &lt;&lt; height</c> writes it, and its reverse on real coinbases.</summary>
public class CoinbaseHeightTests
{
    [Theory]
    [InlineData(0, "00")]
    [InlineData(1, "51")]
    [InlineData(16, "60")]
    [InlineData(17, "0111")]
    [InlineData(127, "017f")]
    [InlineData(128, "028000")]
    [InlineData(255, "02ff00")]
    [InlineData(256, "020001")]
    [InlineData(32767, "02ff7f")]
    [InlineData(32768, "03008000")]
    [InlineData(227931, "035b7a03")]
    [InlineData(8388608, "0400008000")]
    [InlineData(int.MaxValue, "04ffffff7f")]
    public void Encodes_as_Core_does(int height, string hex)
    {
        Span<byte> buffer = stackalloc byte[CoinbaseHeight.MaxEncodedLength];
        int length = CoinbaseHeight.Encode(height, buffer);
        Assert.Equal(hex, Convert.ToHexStringLower(buffer[..length]));
        Assert.True(CoinbaseHeight.TryRead(Convert.FromHexString(hex + "deadbeef"), out int read));
        Assert.Equal(height, read);
    }

    [Fact]
    public void Agrees_with_NBitcoin_push_of_the_height()
    {
        Span<byte> buffer = stackalloc byte[CoinbaseHeight.MaxEncodedLength];
        var heights = Enumerable.Range(0, 70_000).Concat(Enumerable.Range(0, 2_000).Select(i => i * 1_000_003 + 8_388_000));
        foreach (int height in heights)
        {
            int length = CoinbaseHeight.Encode(height, buffer);
            var expected = new NBitcoin.Script(NBitcoin.Op.GetPushOp(height)).ToBytes();
            Assert.True(expected.AsSpan().SequenceEqual(buffer[..length]), $"height {height}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("4f")]           // OP_1NEGATE
    [InlineData("0181")]         // -1 as a push
    [InlineData("0105")]         // 5 must be OP_5
    [InlineData("021100")]       // 17 with a superfluous zero byte
    [InlineData("0280")]         // truncated push
    [InlineData("050000008000")] // 2^31 does not fit an int height
    [InlineData("06000000000000")]
    [InlineData("6a")]           // OP_RETURN
    public void Rejects_what_is_not_a_BIP34_height(string hex)
    {
        Assert.False(CoinbaseHeight.TryRead(Convert.FromHexString(hex), out _));
    }

    [Theory]
    [MemberData(nameof(RealBlocks.SingleFiles), MemberType = typeof(RealBlocks))]
    public void Reads_the_height_of_real_BIP34_coinbases(string file, int height)
    {
        var raw = RealBlocks.Load(file);
        var scriptSig = CoinbaseScriptSig(raw);
        Assert.True(CoinbaseHeight.TryRead(scriptSig, out int read));
        Assert.Equal(height, read);
        Assert.True(CoinbaseHeight.Matches(scriptSig, height));
        Assert.False(CoinbaseHeight.Matches(scriptSig, height + 1));
        Assert.True(CoinbaseHeight.TryReadFromBlock(raw, out int fromBlock));
        Assert.Equal(height, fromBlock);
    }

    [Fact]
    public void Before_BIP34_the_number_read_is_whatever_the_coinbase_pushed_first()
    {
        // Genesis pushes its nBits 0x1d00ffff first, a minimal push of 486,604,799.
        var blocks = Node.Tests.TestData.BlkRecords(RealBlocks.Blk0To438);
        Assert.True(CoinbaseHeight.TryReadFromBlock(blocks[0], out int genesis));
        Assert.Equal(0x1d00ffff, genesis);
    }

    [Fact]
    public void Blocks_without_a_coinbase_give_no_height()
    {
        var blocks = Node.Tests.TestData.BlkRecords(RealBlocks.Blk0To438);
        var noCoinbase = Tamper.Edit(Node.Tests.TestData.Bytes(RealBlocks.Legacy413567), b => b.Transactions.RemoveAt(0));
        Assert.False(CoinbaseHeight.TryReadFromBlock(noCoinbase, out _));
        Assert.False(CoinbaseHeight.TryReadFromBlock(blocks[1].AsSpan(0, 90), out _));
    }

    [Fact]
    public void Rejects_negative_heights()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CoinbaseHeight.Encode(-1, new byte[CoinbaseHeight.MaxEncodedLength]));
    }

    private static byte[] CoinbaseScriptSig(byte[] block)
    {
        Assert.True(Node.Primitives.Blocks.BlockReader.TryOpen(block, out var reader, out _));
        Assert.True(reader.TryReadNext(out TransactionReader coinbase, out _));
        foreach (var input in coinbase.Inputs) return input.ScriptSig.ToArray();
        throw new InvalidOperationException("a coinbase has an input");
    }
}
