using Node.Chain.Mining;
using Node.Chain.State;
using Node.Primitives.Blocks;
using Node.Primitives.Consensus;

namespace Node.Chain.Tests.Mining;

public class CoinbaseOnlyChainTests
{
    [Fact]
    public void Coinbase_only_blocks_carry_one_transaction_past_maturity_and_are_accepted_by_the_chain_state()
    {
        var generator = new RegtestChainGenerator(new ChainGeneratorOptions { CoinbaseOnly = true, TargetBlockSize = 1000 });
        var dir = Path.Combine(Path.GetTempPath(), "sharpnode-coinbase-only-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var chain = ChainState.Open(dir, ChainParams.Regtest, new ChainStateOptions());
            generator.Generate(150, block =>
            {
                Assert.True(BlockScanner.TryReadTxCount(block.Bytes.Span, out int count, out _));
                Assert.Equal(1, count);
                var result = chain.ProcessBlock(block.Bytes.Span);
                Assert.False(result.IsInvalid, result.ToString());
            });
            Assert.Equal(150, chain.TipHeight);
            Assert.Equal(generator.Tip.Hash, chain.Tip);
            Assert.True(generator.SpendableCoins > 0, "matured coinbases are left unspent");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
