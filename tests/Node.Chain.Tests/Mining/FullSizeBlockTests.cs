using Node.Chain.Mining;
using Node.Chain.Validation;
using Node.Primitives.Consensus;

namespace Node.Chain.Tests.Mining;

/// <summary>With the default 1 MB target, blocks after maturity are full: thousands of transactions, within Core's weight limit.</summary>
public class FullSizeBlockTests
{
    [Fact]
    public void Default_target_fills_blocks_to_about_one_megabyte()
    {
        var options = new ChainGeneratorOptions();
        var generator = new RegtestChainGenerator(options);
        for (int height = 1; height <= 104; height++)
        {
            uint prevMtp = generator.Tip.MedianTimePast;
            var block = generator.Next();
            var check = BlockValidator.CheckBlock(block.Bytes.Span, out var checkedBlock);
            Assert.True(check.IsValid, check.ToString());
            var contextual = BlockValidator.ContextualCheckBlock(block.Bytes.Span, checkedBlock, height, prevMtp, ChainParams.Regtest);
            Assert.True(contextual.IsValid, contextual.ToString());
            if (height <= ConsensusConstants.CoinbaseMaturity) continue;
            Assert.InRange(block.Bytes.Length, 980_000, options.TargetBlockSize);
            Assert.InRange(checkedBlock.Weight, 3_000_000, options.MaxBlockWeight);
            Assert.True(checkedBlock.TxCount > 3_000, $"{checkedBlock.TxCount} transactions at height {height}");
        }
    }

    [Fact]
    public void Weight_limit_bounds_blocks_when_the_size_target_is_higher()
    {
        var options = new ChainGeneratorOptions { TargetBlockSize = 2_000_000, MaxBlockWeight = 2_000_000 };
        var generator = new RegtestChainGenerator(options);
        generator.Generate(101, _ => { });
        var block = generator.Next();
        var check = BlockValidator.CheckBlock(block.Bytes.Span, out var checkedBlock);
        Assert.True(check.IsValid, check.ToString());
        Assert.InRange(checkedBlock.Weight, 1_900_000, 2_000_000);
    }
}
