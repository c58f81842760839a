using Node.Chain.Validation;
using Node.Primitives.Consensus;
using Node.Tests;

namespace Node.Chain.Tests.Blocks;

[CollectionDefinition(nameof(BlockValidatorResourceTests), DisableParallelization = true)]
public sealed class BlockValidatorAllocationCollection;

/// <summary>
/// Both checks allocate nothing once the shared pool of check scratch is warm, and CheckBlock is safe to
/// run on many threads. Run alone: a check in another test at the same moment could take the pooled
/// scratch that the warm-up grew.
/// </summary>
[Collection(nameof(BlockValidatorResourceTests))]
public class BlockValidatorResourceTests
{
    [Theory]
    [InlineData(RealBlocks.Legacy413567, 413567)]
    [InlineData(RealBlocks.Segwit574200, 574200)]
    public void Validating_a_real_block_allocates_nothing(string file, int height)
    {
        var raw = TestData.Bytes(file);
        Validate(raw, height);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Validate(raw, height);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Checking_a_real_block_with_its_whole_double_hash_allocates_nothing()
    {
        var raw = TestData.Bytes(RealBlocks.Segwit574200);
        var hash = new byte[32];
        Assert.True(BlockValidator.CheckBlock(raw, hash, out _).IsValid);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(BlockValidator.CheckBlock(raw, hash, out _).IsValid);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Validate(byte[] raw, int height)
    {
        var check = BlockValidator.CheckBlock(raw, out var checkedBlock);
        var contextual = BlockValidator.ContextualCheckBlock(raw, checkedBlock, height, 0, ChainParams.Main);
        Assert.True(check.IsValid && contextual.IsValid);
    }

    [Fact]
    public void CheckBlock_gives_the_same_verdicts_on_many_threads_at_once()
    {
        var blocks = RealBlocks.Singles.Select(s => RealBlocks.Load(s.File)).ToList();
        blocks.Add(Tamper.Edit(blocks[2], b => b.Transactions[5].Outputs[0].Value = NBitcoin.Money.Satoshis(-1)));
        var expected = blocks.Select(b => (BlockValidator.CheckBlock(b, out var c), c)).ToList();

        Parallel.For(0, 8 * blocks.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var block = blocks[i % blocks.Count];
            var result = BlockValidator.CheckBlock(block, out var checkedBlock);
            Assert.Equal(expected[i % blocks.Count], (result, checkedBlock));
        });
        Assert.Equal(BlockRuleError.OutputNegative, expected[^1].Item1.Error);
    }
}
