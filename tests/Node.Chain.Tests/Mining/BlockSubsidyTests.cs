using Node.Chain.Mining;
using Node.Primitives.Consensus;

namespace Node.Chain.Tests.Mining;

public class BlockSubsidyTests
{
    [Theory]
    [InlineData(0, 5_000_000_000)]
    [InlineData(149, 5_000_000_000)]
    [InlineData(150, 2_500_000_000)]
    [InlineData(299, 2_500_000_000)]
    [InlineData(300, 1_250_000_000)]
    [InlineData(150 * 33, 0)]
    [InlineData(150 * 32, 1)]
    [InlineData(150 * 64, 0)]
    [InlineData(int.MaxValue, 0)]
    public void Regtest_halves_every_150_blocks(int height, long expected) =>
        Assert.Equal(expected, BlockSubsidy.At(height, ChainParams.Regtest));

    [Theory]
    [InlineData(209_999, 5_000_000_000)]
    [InlineData(210_000, 2_500_000_000)]
    [InlineData(840_000, 312_500_000)]
    public void Mainnet_halves_every_210000_blocks(int height, long expected) =>
        Assert.Equal(expected, BlockSubsidy.At(height, ChainParams.Main));
}
