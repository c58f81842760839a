using System.Net;
using Node.Primitives;
using Node.Net;
using Node.Rpc.Codec;

namespace Node.Rpc.Tests;

/// <summary>Difficulty and target views of nBits against NBitcoin on every real header, and Core's subnet syntax.</summary>
public sealed class CodecTests
{
    [Fact]
    public void Difficulty_matches_nbitcoin_on_real_and_extreme_bits()
    {
        foreach (var block in RpcNode.Blocks.Value)
        {
            uint bits = BlockHeader.Read(block).Bits;
            Assert.Equal(new NBitcoin.Target(bits).Difficulty, DifficultyView.Of(bits));
        }
        Assert.Equal(1.0, DifficultyView.Of(0x1d00ffff));
        // Mainnet block 100000 and a regtest minimum-difficulty header.
        Assert.Equal(14484.162361225399, DifficultyView.Of(0x1b04864c), 6);
        Assert.Equal(4.6565423739069247e-10, DifficultyView.Of(0x207fffff));
    }

    [Fact]
    public void Target_and_bits_print_like_core()
    {
        Assert.Equal("00000000ffff0000000000000000000000000000000000000000000000000000", DifficultyView.Target(0x1d00ffff));
        Assert.Equal("7fffff0000000000000000000000000000000000000000000000000000000000", DifficultyView.Target(0x207fffff));
        Assert.Equal("1b04864c", DifficultyView.Bits(0x1b04864c));
        Assert.Equal("0000ffff", DifficultyView.Bits(0xffff));
    }

    [Theory]
    [InlineData("1.2.3.4", "1.2.3.4/32")]
    [InlineData("1.2.3.4/24", "1.2.3.0/24")]
    [InlineData("1.2.3.4/255.255.0.0", "1.2.0.0/16")]
    [InlineData("::ffff:1.2.3.4", "1.2.3.4/32")]
    [InlineData("2001:db8::1/32", "2001:db8::/32")]
    [InlineData("::1", "::1/128")]
    public void Subnets_parse_like_core(string text, string expected)
    {
        Assert.True(Subnets.TryParse(text, out var subnet));
        Assert.Equal(IPNetwork.Parse(expected), subnet);
    }

    [Theory]
    [InlineData("1.2.3.4/33")]
    [InlineData("1.2.3.4/255.0.255.0")]
    [InlineData("localhost")]
    [InlineData("1.2.3.4/")]
    [InlineData("1.2.3.4/-1")]
    public void Bad_subnets_are_refused(string text) => Assert.False(Subnets.TryParse(text, out _));
}
