using NBitcoin;
using Node.Chain.Validation;
using Node.Primitives.Consensus;
using Node.Tests;
using BlockHeader = Node.Primitives.BlockHeader;

namespace Node.Chain.Tests.Blocks;

/// <summary>
/// Real blocks that pass CheckBlock but break a rule that needs the height or the previous block's
/// median time past, each rejected by ContextualCheckBlock with its own Core reject reason.
/// </summary>
public class ContextualTamperedBlockTests
{
    private const int LegacyHeight = 413567;
    private const int SegwitHeight = 574200;
    private static readonly byte[] Legacy = TestData.Bytes(RealBlocks.Legacy413567);
    private static readonly byte[] Segwit = TestData.Bytes(RealBlocks.Segwit574200);

    private static BlockValidationResult Contextual(byte[] raw, int height, long mtp = 0, ChainParams? chainParams = null)
    {
        var check = BlockValidator.CheckBlock(raw, out var checkedBlock);
        Assert.True(check.IsValid, check.ToString());
        return BlockValidator.ContextualCheckBlock(raw, checkedBlock, height, mtp, chainParams ?? ChainParams.Main);
    }

    private static void AssertRejected(BlockValidationResult result, BlockRuleError error, string coreReason, int txIndex, int height)
    {
        Assert.Equal(error, result.Error);
        Assert.Equal(coreReason, result.RejectReason);
        Assert.Equal(txIndex, result.TxIndex);
        Assert.Equal(height, result.Height);
    }

    private static uint TimeOf(byte[] raw) => BlockHeader.Read(raw).Time;

    [Fact]
    public void A_real_block_at_another_height_has_the_wrong_BIP34_height()
    {
        AssertRejected(Contextual(Legacy, LegacyHeight + 1), BlockRuleError.BadCoinbaseHeight, "bad-cb-height", 0, LegacyHeight + 1);
        AssertRejected(Contextual(Legacy, LegacyHeight + 100), BlockRuleError.BadCoinbaseHeight, "bad-cb-height", 0, LegacyHeight + 100);
    }

    [Fact]
    public void A_coinbase_committing_to_another_height()
    {
        // The coinbase's wtxid is zero in the witness tree, so the commitment still holds.
        var raw = Tamper.Edit(Segwit, b =>
        {
            var script = b.Transactions[0].Inputs[0].ScriptSig.ToBytes();
            Assert.Equal(new byte[] { 0x03, 0xf8, 0xc2, 0x08 }, script[..4]); // 574200 = 0x08c2f8
            script[1] = 0xf9;
            b.Transactions[0].Inputs[0].ScriptSig = Script.FromBytesUnsafe(script);
        });
        AssertRejected(Contextual(raw, SegwitHeight), BlockRuleError.BadCoinbaseHeight, "bad-cb-height", 0, SegwitHeight);
        Assert.True(Contextual(raw, SegwitHeight + 1).IsValid);
    }

    [Fact]
    public void Below_the_BIP34_height_the_coinbase_height_is_not_read()
    {
        var noBip34 = ChainParams.Main with { Bip34Height = LegacyHeight + 2 };
        Assert.True(Contextual(Legacy, LegacyHeight + 1, chainParams: noBip34).IsValid);
    }

    [Fact]
    public void A_height_lock_not_yet_reached_with_a_non_final_sequence()
    {
        int k = Tamper.Find(Legacy, tx => tx.Inputs.Count == 1);
        byte[] Locked(uint lockTime, uint sequence) => Tamper.Edit(Legacy, b =>
        {
            b.Transactions[k].LockTime = new LockTime(lockTime);
            b.Transactions[k].Inputs[0].Sequence = new Sequence(sequence);
        });

        // Final means the lock time is BELOW the height: equal is not enough.
        AssertRejected(Contextual(Locked(LegacyHeight, 0xfffffffe), LegacyHeight), BlockRuleError.NonFinalTx, "bad-txns-nonfinal", k, LegacyHeight);
        Assert.True(Contextual(Locked(LegacyHeight - 1, 0xfffffffe), LegacyHeight).IsValid);
        // A final sequence on every input disables the lock time.
        Assert.True(Contextual(Locked(LegacyHeight + 1000, uint.MaxValue), LegacyHeight).IsValid);
    }

    [Fact]
    public void Before_CSV_a_time_lock_is_judged_against_the_block_time_not_the_median()
    {
        int k = Tamper.Find(Legacy, tx => tx.Inputs.Count == 1);
        uint time = TimeOf(Legacy);
        byte[] Locked(uint lockTime) => Tamper.Edit(Legacy, b =>
        {
            b.Transactions[k].LockTime = new LockTime(lockTime);
            b.Transactions[k].Inputs[0].Sequence = new Sequence(0);
        });

        AssertRejected(Contextual(Locked(time), LegacyHeight, mtp: long.MaxValue), BlockRuleError.NonFinalTx, "bad-txns-nonfinal", k, LegacyHeight);
        Assert.True(Contextual(Locked(time - 1), LegacyHeight, mtp: 0).IsValid);
    }

    [Fact]
    public void After_CSV_a_time_lock_is_judged_against_the_previous_median_time_past()
    {
        int k = Tamper.Find(Segwit, tx => !tx.HasWitness && tx.Inputs.Count == 1);
        uint time = TimeOf(Segwit);
        long mtp = time - 3600;
        byte[] Locked(long lockTime) => Tamper.Edit(Segwit, b =>
        {
            b.Transactions[k].LockTime = new LockTime((uint)lockTime);
            b.Transactions[k].Inputs[0].Sequence = new Sequence(0xfffffffd);
        }, recommitWitness: true);

        AssertRejected(Contextual(Locked(mtp), SegwitHeight, mtp), BlockRuleError.NonFinalTx, "bad-txns-nonfinal", k, SegwitHeight);
        Assert.True(Contextual(Locked(mtp - 1), SegwitHeight, mtp).IsValid);
        // Below the block's own time, so final under the pre-BIP113 rule, yet not under the median.
        AssertRejected(Contextual(Locked(time - 1), SegwitHeight, mtp), BlockRuleError.NonFinalTx, "bad-txns-nonfinal", k, SegwitHeight);
    }

    [Fact]
    public void The_first_non_final_transaction_is_named()
    {
        var txs = RealBlocks.Model(Legacy).Transactions;
        int first = Tamper.Find(Legacy, tx => tx.Inputs.Count == 1);
        int second = Enumerable.Range(first + 1, txs.Count - first - 1).First(i => txs[i].Inputs.Count == 1);
        var raw = Tamper.Edit(Legacy, b =>
        {
            b.Transactions[first].LockTime = new LockTime(LegacyHeight);
            b.Transactions[first].Inputs[0].Sequence = new Sequence(0);
            b.Transactions[second].LockTime = new LockTime(LegacyHeight + 50);
            b.Transactions[second].Inputs[0].Sequence = new Sequence(0);
        });
        AssertRejected(Contextual(raw, LegacyHeight), BlockRuleError.NonFinalTx, "bad-txns-nonfinal", first, LegacyHeight);
    }

    [Fact]
    public void A_flipped_witness_byte_breaks_the_commitment()
    {
        var raw = Tamper.Edit(Segwit, b =>
        {
            var tx = b.Transactions.Skip(1).First(t => t.HasWitness);
            var pushes = tx.Inputs[0].WitScript.Pushes.Select(p => p.ToArray()).ToArray();
            pushes[^1][5] ^= 1;
            tx.Inputs[0].WitScript = new WitScript(pushes);
        });
        AssertRejected(Contextual(raw, SegwitHeight), BlockRuleError.BadWitnessMerkleMatch, "bad-witness-merkle-match", 0, SegwitHeight);
        Assert.True(BlockRuleError.BadWitnessMerkleMatch.IsMutation());
    }

    [Theory]
    [InlineData(31, 1)]
    [InlineData(33, 1)]
    [InlineData(32, 2)]
    public void A_coinbase_witness_that_is_not_one_32_byte_item(int size, int items)
    {
        var raw = Tamper.Edit(Segwit, b =>
            b.Transactions[0].Inputs[0].WitScript = new WitScript(Enumerable.Range(0, items).Select(_ => new byte[size]).ToArray()));
        AssertRejected(Contextual(raw, SegwitHeight), BlockRuleError.BadWitnessNonceSize, "bad-witness-nonce-size", 0, SegwitHeight);
    }

    [Fact]
    public void Witness_data_without_a_commitment()
    {
        var raw = Tamper.Edit(Segwit, b =>
        {
            var outputs = b.Transactions[0].Outputs;
            outputs.RemoveAt(outputs.Select(o => Tamper.IsCommitment(o.ScriptPubKey.ToBytes())).ToList().LastIndexOf(true));
        });
        AssertRejected(Contextual(raw, SegwitHeight), BlockRuleError.UnexpectedWitness, "unexpected-witness", BlockValidationResult.NoTx, SegwitHeight);
    }

    [Fact]
    public void Witness_data_before_segwit_is_unexpected_even_with_a_valid_commitment()
    {
        var noSegwit = ChainParams.Main with { SegwitHeight = SegwitHeight + 1 };
        AssertRejected(Contextual(Segwit, SegwitHeight, chainParams: noSegwit), BlockRuleError.UnexpectedWitness, "unexpected-witness",
            BlockValidationResult.NoTx, SegwitHeight);
    }

    [Fact]
    public void Before_segwit_a_bad_commitment_without_witness_data_is_not_checked()
    {
        // 413567 carries no witness; a commitment-shaped output with a wrong hash only matters once segwit is active.
        var raw = Tamper.Edit(Legacy, b => b.Transactions[0].Outputs.Add(new TxOut(Money.Zero,
            Script.FromBytesUnsafe(new byte[] { 0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed }.Concat(new byte[32]).ToArray()))));
        Assert.True(Contextual(raw, LegacyHeight).IsValid);
        var segwitEarly = ChainParams.Main with { SegwitHeight = LegacyHeight };
        AssertRejected(Contextual(raw, LegacyHeight, chainParams: segwitEarly), BlockRuleError.BadWitnessNonceSize, "bad-witness-nonce-size", 0, LegacyHeight);
    }

    [Fact]
    public void Weight_above_four_million()
    {
        var raw540107 = TestData.Bytes(RealBlocks.Segwit540107);
        BlockValidator.CheckBlock(raw540107, out var real).ThrowIfInvalid();
        int extra = ConsensusConstants.MaxBlockWeight - real.Weight + 1;
        byte[] Padded(int bytes) => Tamper.Edit(raw540107, b =>
        {
            var tx = b.Transactions.Skip(1).First(t => t.HasWitness);
            var pushes = tx.Inputs[0].WitScript.Pushes.Select(p => p.ToArray()).Append(new byte[bytes]).ToArray();
            tx.Inputs[0].WitScript = new WitScript(pushes);
        }, recommitWitness: true);

        // A new witness item costs its bytes plus a 3-byte length prefix; the item count stays one byte.
        var over = Padded(extra - 3);
        var result = BlockValidator.CheckBlock(over, out var checkedOver);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(ConsensusConstants.MaxBlockWeight + 1, checkedOver.Weight);
        AssertRejected(BlockValidator.ContextualCheckBlock(over, checkedOver, 540107, 0, ChainParams.Main),
            BlockRuleError.BadWeight, "bad-blk-weight", BlockValidationResult.NoTx, 540107);
        Assert.True(Contextual(Padded(extra - 4), 540107).IsValid);
    }

    [Fact]
    public void The_bytes_must_be_the_ones_CheckBlock_accepted()
    {
        BlockValidator.CheckBlock(Legacy, out var checkedBlock).ThrowIfInvalid();
        Assert.Throws<ArgumentException>(() => BlockValidator.ContextualCheckBlock(Segwit, checkedBlock, SegwitHeight, 0, ChainParams.Main));
    }
}
