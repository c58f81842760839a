using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Blocks;
using Node.Primitives.Consensus;
using Node.Tests;

namespace Node.Chain.Tests.Blocks;

/// <summary>
/// Every real block passes both checks at its real height, and what CheckBlock measured agrees with
/// NBitcoin's independent reading of the same bytes.
/// </summary>
public class RealBlockValidationTests
{
    [Fact]
    public void Mainnet_blocks_0_to_438_pass_both_checks_at_their_heights()
    {
        var blocks = TestData.BlkRecords(RealBlocks.Blk0To438);
        Assert.Equal(439, blocks.Count);
        for (int height = 0; height < blocks.Count; height++)
        {
            // Below CSV's height the lock time cutoff is the block's own time: the median time past is not read.
            var result = RealBlocks.CheckContextual(blocks[height], height, prevMedianTimePast: 0);
            Assert.True(result.IsValid, result.ToString());
            Assert.Equal(height, result.Height);
            Assert.Equal(BlockHeader.HashOf(blocks[height]), result.Hash);
        }
    }

    [Theory]
    [MemberData(nameof(RealBlocks.SingleFiles), MemberType = typeof(RealBlocks))]
    public void A_real_block_passes_both_checks_at_its_height(string file, int height)
    {
        var raw = RealBlocks.Load(file);
        var header = BlockHeader.Read(raw);
        // Before CSV (419,328) the median time past is not read. For 540107 and 574200 it is, but
        // Lock_times_in_the_csv_era_blocks_never_read_the_median_time_past shows no transaction there
        // has a time lock that the median could decide, so the lowest and the highest value a real
        // parent could have (0 and the block's time - 1, since time-too-old requires time > MTP) both pass.
        foreach (long mtp in new long[] { 0, header.Time - 1 })
        {
            var result = RealBlocks.CheckContextual(raw, height, mtp);
            Assert.True(result.IsValid, result.ToString());
        }
    }

    [Theory]
    [InlineData(RealBlocks.Segwit540107)]
    [InlineData(RealBlocks.Segwit574200)]
    public void Lock_times_in_the_csv_era_blocks_never_read_the_median_time_past(string file)
    {
        var model = RealBlocks.Model(TestData.Bytes(file));
        var timeLocked = model.Transactions
            .Where(tx => tx.LockTime.Value >= ConsensusConstants.LocktimeThreshold && tx.Inputs.Any(i => i.Sequence.Value != uint.MaxValue))
            .ToList();
        Assert.Empty(timeLocked);
        // Height locks exist and are judged against the real height, which is known exactly.
        Assert.Contains(model.Transactions, tx => tx.LockTime.Value is > 0 and < ConsensusConstants.LocktimeThreshold
            && tx.Inputs.Any(i => i.Sequence.Value != uint.MaxValue));

        BlockValidator.CheckBlock(TestData.Bytes(file), out var checkedBlock).ThrowIfInvalid();
        Assert.Equal(0u, checkedBlock.MaxTimeLock);
        Assert.True(checkedBlock.MaxHeightLock > 0);
    }

    [Theory]
    [MemberData(nameof(RealBlocks.SingleFiles), MemberType = typeof(RealBlocks))]
    public void What_CheckBlock_measures_agrees_with_NBitcoin(string file, int height)
    {
        var raw = RealBlocks.Load(file);
        var result = BlockValidator.CheckBlock(raw, out var checkedBlock);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(BlockValidationResult.UnknownHeight, result.Height);

        var model = RealBlocks.Model(raw);
        Assert.Equal(model.GetHash().ToString(), checkedBlock.Hash.ToString());
        Assert.Equal(model.Transactions.Count, checkedBlock.TxCount);
        Assert.Equal(model.Transactions.Any(tx => tx.HasWitness), checkedBlock.HasWitness);
        Assert.Equal(Weight(model), checkedBlock.Weight);
        long sigOps = model.Transactions.Sum(tx =>
            tx.Inputs.Sum(i => i.ScriptSig.GetSigOpCount(false)) + tx.Outputs.Sum(o => o.ScriptPubKey.GetSigOpCount(false)));
        Assert.Equal(sigOps, checkedBlock.LegacySigOps);
        Assert.Equal(height >= ChainParams.Main.SegwitHeight ? WitnessCommitmentResult.Valid : WitnessCommitmentResult.NoCommitment,
            checkedBlock.Witness);
    }

    [Fact]
    public void Every_networks_genesis_block_passes_both_checks_at_height_0()
    {
        // Regtest has segwit active from height 0, so its genesis also goes through the witness rule.
        foreach (var chain in ChainParams.All)
        {
            var raw = chain.GenesisBlockBytes.ToArray();
            var check = BlockValidator.CheckBlock(raw, out var checkedBlock);
            Assert.True(check.IsValid, $"{chain}: {check}");
            Assert.Equal(chain.GenesisHash, checkedBlock.Hash);
            var contextual = BlockValidator.ContextualCheckBlock(raw, checkedBlock, 0, 0, chain);
            Assert.True(contextual.IsValid, $"{chain}: {contextual}");
        }
    }

    [Theory]
    [InlineData("blocks/btcd-blk_0_to_4.blk", 5)]
    [InlineData("blocks/btcd-blk_3A.blk", 1)]
    [InlineData("blocks/btcd-blk_4A.blk", 1)]
    [InlineData("blocks/btcd-blk_5A.blk", 1)]
    public void The_btcd_fork_fixture_blocks_pass_CheckBlock(string file, int count)
    {
        var blocks = TestData.BlkRecords(file);
        Assert.Equal(count, blocks.Count);
        foreach (var raw in blocks)
        {
            var result = RealBlocks.Check(raw);
            Assert.True(result.IsValid, result.ToString());
        }
    }

    private static int Weight(NBitcoin.Block model)
    {
        int total = RealBlocks.Bytes(model).Length;
        int stripped = 80 + VarIntLength(model.Transactions.Count)
            + model.Transactions.Sum(tx => NBitcoin.BitcoinSerializableExtensions.GetSerializedSize(tx, NBitcoin.TransactionOptions.None));
        return stripped * 3 + total;
    }

    private static int VarIntLength(int n) => n < 0xfd ? 1 : n <= 0xffff ? 3 : 5;
}
