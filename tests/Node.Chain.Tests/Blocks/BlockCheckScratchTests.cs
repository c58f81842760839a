using System.Security.Cryptography;
using NBitcoin;
using Node.Chain.Validation;
using Node.Tests;

namespace Node.Chain.Tests.Blocks;

/// <summary>
/// CheckBlock in a caller's <see cref="BlockCheckScratch"/>: one scratch reused over blocks of every size (each after
/// larger and after smaller ones) gives the verdicts and hashes a fresh scratch gives, and once grown it allocates nothing.
/// </summary>
public class BlockCheckScratchTests
{
    private static List<byte[]> RealBlockBytes() => TestData.BlockFiles.SelectMany(TestData.Blocks).ToList();

    /// <summary>Blocks each rule of which leans on the scratch: a duplicate input among many (the table), megatx's 5,569 inputs (the largest table), a truncated block.</summary>
    private static List<byte[]> DamagedBlocks()
    {
        var segwit = TestData.Bytes(RealBlocks.Segwit574200);
        int k = Tamper.Find(segwit, tx => tx.Inputs.Count > 40);
        var duplicate = Tamper.Edit(segwit, b => b.Transactions[k].Inputs[^1].PrevOut = b.Transactions[k].Inputs[1].PrevOut);
        var legacy = TestData.Bytes(RealBlocks.Legacy413567);
        var withMegaTx = Tamper.Edit(legacy, b => b.Transactions.Insert(1, Transaction.Load(TestData.Bytes("blocks/megatx.tx"), Network.Main)));
        return [duplicate, withMegaTx, legacy[..^1]];
    }

    private static (BlockValidationResult Result, CheckedBlock Checked, byte[] Hash) Check(byte[] raw, BlockCheckScratch scratch)
    {
        var hash = new byte[32];
        var result = BlockValidator.CheckBlock(raw, hash, scratch, out var checkedBlock);
        return (result, checkedBlock, hash);
    }

    [Fact]
    public void One_scratch_reused_over_blocks_large_and_small_gives_the_verdicts_and_hashes_of_a_fresh_one()
    {
        var real = RealBlockBytes();
        var damaged = DamagedBlocks();
        var bySize = real.Concat(damaged).OrderByDescending(b => b.Length).ToList();
        List<byte[]> sequence = [.. bySize, .. Enumerable.Reverse(bySize), .. bySize];
        var expected = bySize.ToDictionary<byte[], byte[], (BlockValidationResult Result, CheckedBlock Checked, byte[] Hash)>(
            b => b, b => Check(b, new BlockCheckScratch()), ReferenceEqualityComparer.Instance);

        var scratch = new BlockCheckScratch();
        foreach (var raw in sequence)
        {
            var (result, checkedBlock, hash) = Check(raw, scratch);
            var (expectedResult, expectedChecked, expectedHash) = expected[raw];
            Assert.Equal(expectedResult, result);
            Assert.Equal(expectedChecked, checkedBlock);
            Assert.Equal(SHA256.HashData(SHA256.HashData(raw)), hash);
            Assert.Equal(expectedHash, hash);
            Assert.Equal(!damaged.Contains(raw), result.IsValid);
        }
        Assert.Equal(
            new[] { BlockRuleError.DuplicateInputs, BlockRuleError.BadLength, BlockRuleError.Malformed },
            damaged.Select(b => expected[b].Result.Error));
    }

    [Fact]
    public void The_pooled_overloads_agree_with_a_scratch_of_ones_own()
    {
        var scratch = new BlockCheckScratch();
        foreach (var raw in RealBlockBytes().Concat(DamagedBlocks()))
        {
            var (result, checkedBlock, hash) = Check(raw, scratch);
            Assert.Equal((result, checkedBlock), (BlockValidator.CheckBlock(raw, out var pooled), pooled));
            var pooledHash = new byte[32];
            Assert.Equal(result, BlockValidator.CheckBlock(raw, pooledHash, out _));
            Assert.Equal(hash, pooledHash);
        }
    }

    [Theory]
    [InlineData(RealBlocks.Legacy413567, RealBlocks.Segwit574200)]
    [InlineData(RealBlocks.Segwit574200, RealBlocks.Legacy413567)]
    [InlineData(RealBlocks.Segwit540107, "blocks/mainnet-367891.raw")]
    public void A_reused_scratch_checks_a_block_again_without_allocating(string first, string second)
    {
        var a = RealBlocks.Load(first);
        var b = RealBlocks.Load(second);
        var hash = new byte[32];
        var scratch = new BlockCheckScratch();
        Assert.True(BlockValidator.CheckBlock(a, hash, scratch, out _).IsValid);
        Assert.True(BlockValidator.CheckBlock(b, hash, scratch, out _).IsValid);

        foreach (var raw in new[] { b, a, b })
        {
            Assert.Equal(0, Allocations.LeastPerRounds(() =>
            {
                BlockValidator.CheckBlock(raw, hash, scratch, out _);
                BlockValidator.CheckBlock(raw, default, scratch, out _);
            }));
            Assert.True(BlockValidator.CheckBlock(raw, hash, scratch, out _).IsValid && BlockValidator.CheckBlock(raw, default, scratch, out _).IsValid);
        }
    }

    [Fact]
    public void A_block_of_more_transactions_than_any_real_one_is_checked_in_arrays_of_its_own()
    {
        // 40,000 transactions of one input and one empty output (60 bytes each) after a real block's: more than the
        // scratch keeps room for (and too large a block, which CheckBlock tells once it has hashed every transaction).
        var raw = Tamper.Edit(TestData.Bytes(RealBlocks.Legacy413567), b =>
        {
            for (int i = 0; i < 40_000; i++)
            {
                var tx = Transaction.Create(Network.Main);
                tx.Inputs.Add(new OutPoint(uint256.One, i));
                tx.Outputs.Add(Money.Zero, Script.Empty);
                b.Transactions.Add(tx);
            }
        });
        Assert.True(Node.Primitives.Blocks.BlockScanner.TryReadTxCount(raw, out int txCount, out _));
        Assert.True(txCount > BlockCheckScratch.MaxKeptTxs);
        var normal = TestData.Bytes(RealBlocks.Segwit574200);
        var scratch = new BlockCheckScratch();
        var expected = Check(raw, new BlockCheckScratch());
        Assert.Equal(BlockRuleError.BadLength, expected.Result.Error);
        Assert.True(Check(normal, scratch).Result.IsValid);

        for (int round = 0; round < 2; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var (result, _, hash) = Check(raw, scratch);
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before > txCount * 64L, "the ids' room is not kept");
            Assert.Equal(expected.Result, result);
            Assert.Equal(SHA256.HashData(SHA256.HashData(raw)), hash);

            Assert.True(BlockValidator.CheckBlock(normal, default, scratch, out _).IsValid);
            Assert.Equal(0, Allocations.LeastPerRounds(() => BlockValidator.CheckBlock(normal, default, scratch, out _)));
        }
    }

    [Fact]
    public void A_scratch_in_use_by_another_check_is_refused()
    {
        var raw = TestData.Bytes(RealBlocks.Legacy413567);
        var scratch = new BlockCheckScratch();
        scratch.Enter();
        Assert.Throws<InvalidOperationException>(() => BlockValidator.CheckBlock(raw, default, scratch, out _));
        scratch.Exit();
        Assert.True(BlockValidator.CheckBlock(raw, default, scratch, out _).IsValid);
        Assert.True(BlockValidator.CheckBlock(raw, default, scratch, out _).IsValid); // released after each check
    }

    [Fact]
    public void A_null_scratch_is_refused()
    {
        var raw = TestData.Bytes(RealBlocks.Legacy413567);
        Assert.Throws<ArgumentNullException>(() => BlockValidator.CheckBlock(raw, default, null!, out _));
    }
}
