using NBitcoin;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Tests;
using BlockHeader = Node.Primitives.BlockHeader;

namespace Node.Chain.Tests.Blocks;

/// <summary>
/// Real blocks changed in one way each (merkle root re-committed), each rejected by CheckBlock with
/// its own Core reject reason and, for rules about one transaction, that transaction's index.
/// </summary>
public class TamperedBlockTests
{
    private static readonly byte[] Legacy = TestData.Bytes(RealBlocks.Legacy413567);
    private static readonly byte[] Segwit = TestData.Bytes(RealBlocks.Segwit574200);

    private static void AssertRejected(byte[] raw, BlockRuleError error, string coreReason, int txIndex)
    {
        var result = BlockValidator.CheckBlock(raw, out var checkedBlock);
        Assert.Equal(error, result.Error);
        Assert.Equal(coreReason, result.RejectReason);
        Assert.Equal(txIndex, result.TxIndex);
        Assert.Equal(BlockHeader.HashOf(raw), result.Hash);
        Assert.Equal(default, checkedBlock);
    }

    [Fact]
    public void The_untouched_blocks_and_their_NBitcoin_round_trips_pass()
    {
        Assert.True(RealBlocks.Check(Legacy).IsValid);
        Assert.Equal(Legacy, Tamper.Edit(Legacy, _ => { }));
        Assert.Equal(Segwit, Tamper.Edit(Segwit, _ => { }, recommitWitness: true));
    }

    [Fact]
    public void An_output_above_max_money()
    {
        int k = Tamper.Find(Legacy, tx => tx.Outputs.Count == 1);
        var raw = Tamper.Edit(Legacy, b => b.Transactions[k].Outputs[0].Value = Money.Satoshis(ConsensusConstants.MaxMoney + 1));
        AssertRejected(raw, BlockRuleError.OutputTooLarge, "bad-txns-vout-toolarge", k);
    }

    [Fact]
    public void An_output_of_exactly_max_money_is_allowed_by_CheckBlock()
    {
        int k = Tamper.Find(Legacy, tx => tx.Outputs.Count == 1);
        var raw = Tamper.Edit(Legacy, b => b.Transactions[k].Outputs[0].Value = Money.Satoshis(ConsensusConstants.MaxMoney));
        Assert.True(RealBlocks.Check(raw).IsValid);
    }

    [Fact]
    public void A_negative_output()
    {
        int k = Tamper.Find(Legacy, tx => tx.Outputs.Count >= 2);
        var raw = Tamper.Edit(Legacy, b => b.Transactions[k].Outputs[1].Value = Money.Satoshis(-1));
        AssertRejected(raw, BlockRuleError.OutputNegative, "bad-txns-vout-negative", k);
    }

    [Fact]
    public void Outputs_adding_up_above_max_money()
    {
        int k = Tamper.Find(Legacy, tx => tx.Outputs.Count >= 2);
        var raw = Tamper.Edit(Legacy, b =>
        {
            b.Transactions[k].Outputs[0].Value = Money.Satoshis(ConsensusConstants.MaxMoney);
            b.Transactions[k].Outputs[1].Value = Money.Satoshis(1);
        });
        AssertRejected(raw, BlockRuleError.OutputTotalTooLarge, "bad-txns-txouttotal-toolarge", k);
    }

    [Fact]
    public void A_duplicated_input_in_a_small_transaction()
    {
        int k = Tamper.Find(Legacy, tx => tx.Inputs.Count == 2);
        var raw = Tamper.Edit(Legacy, b => b.Transactions[k].Inputs[1].PrevOut = b.Transactions[k].Inputs[0].PrevOut);
        AssertRejected(raw, BlockRuleError.DuplicateInputs, "bad-txns-inputs-duplicate", k);
    }

    [Fact]
    public void A_duplicated_input_in_a_transaction_with_many_inputs()
    {
        int k = Tamper.Find(Segwit, tx => tx.Inputs.Count > 40);
        var raw = Tamper.Edit(Segwit, b =>
        {
            var inputs = b.Transactions[k].Inputs;
            inputs[^1].PrevOut = inputs[inputs.Count / 2].PrevOut;
        });
        AssertRejected(raw, BlockRuleError.DuplicateInputs, "bad-txns-inputs-duplicate", k);
    }

    [Fact]
    public void Same_txid_with_another_index_is_not_a_duplicate()
    {
        int k = Tamper.Find(Segwit, tx => tx.Inputs.Count > 40);
        var raw = Tamper.Edit(Segwit, b =>
        {
            var inputs = b.Transactions[k].Inputs;
            inputs[^1].PrevOut = new OutPoint(inputs[0].PrevOut.Hash, inputs[0].PrevOut.N + 1000);
            inputs[1].PrevOut = new OutPoint(inputs[0].PrevOut.Hash, inputs[0].PrevOut.N + 1001);
        }, recommitWitness: true);
        Assert.True(RealBlocks.Check(raw).IsValid);
    }

    [Fact]
    public void A_negative_output_outranks_a_duplicated_input_of_the_same_transaction_as_in_Core()
    {
        int k = Tamper.Find(Legacy, tx => tx.Inputs.Count >= 2 && tx.Outputs.Count >= 2);
        var raw = Tamper.Edit(Legacy, b =>
        {
            b.Transactions[k].Inputs[1].PrevOut = b.Transactions[k].Inputs[0].PrevOut;
            b.Transactions[k].Outputs[1].Value = Money.Satoshis(-1);
        });
        AssertRejected(raw, BlockRuleError.OutputNegative, "bad-txns-vout-negative", k);
    }

    [Fact]
    public void A_duplicated_input_outranks_a_null_prevout_of_the_same_transaction_as_in_Core()
    {
        int k = Tamper.Find(Legacy, tx => tx.Inputs.Count >= 3);
        var raw = Tamper.Edit(Legacy, b =>
        {
            b.Transactions[k].Inputs[0].PrevOut = new OutPoint(uint256.Zero, uint.MaxValue);
            b.Transactions[k].Inputs[2].PrevOut = b.Transactions[k].Inputs[1].PrevOut;
        });
        AssertRejected(raw, BlockRuleError.DuplicateInputs, "bad-txns-inputs-duplicate", k);
    }

    [Fact]
    public void The_first_failing_transaction_is_reported_whatever_a_later_one_breaks()
    {
        int k = Tamper.Find(Legacy, tx => tx.Inputs.Count >= 2);
        int later = RealBlocks.Model(Legacy).Transactions.Count - 1;
        Assert.True(k < later);
        var raw = Tamper.Edit(Legacy, b =>
        {
            b.Transactions[k].Inputs[1].PrevOut = b.Transactions[k].Inputs[0].PrevOut;
            b.Transactions[later].Outputs[0].Value = Money.Satoshis(-1);
        });
        AssertRejected(raw, BlockRuleError.DuplicateInputs, "bad-txns-inputs-duplicate", k);
    }

    [Fact]
    public void No_coinbase()
    {
        var raw = Tamper.Edit(Legacy, b => b.Transactions.RemoveAt(0));
        AssertRejected(raw, BlockRuleError.CoinbaseMissing, "bad-cb-missing", 0);
    }

    [Fact]
    public void A_second_coinbase()
    {
        var raw = Tamper.Edit(Legacy, b =>
        {
            var second = b.Transactions[0].Clone();
            second.Inputs[0].ScriptSig = new Script(Op.GetPushOp(new byte[] { 1, 2, 3 }));
            b.Transactions.Insert(7, second);
        });
        AssertRejected(raw, BlockRuleError.CoinbaseMultiple, "bad-cb-multiple", 7);
    }

    [Fact]
    public void A_second_coinbase_outranks_an_earlier_bad_transaction_as_in_Core()
    {
        int k = Tamper.Find(Legacy, tx => tx.Outputs.Count == 1);
        var raw = Tamper.Edit(Legacy, b =>
        {
            b.Transactions[k].Outputs[0].Value = Money.Satoshis(-5);
            var second = b.Transactions[0].Clone();
            second.Inputs[0].ScriptSig = new Script(Op.GetPushOp(new byte[] { 1, 2, 3 }));
            b.Transactions.Add(second);
        });
        AssertRejected(raw, BlockRuleError.CoinbaseMultiple, "bad-cb-multiple", RealBlocks.Model(Legacy).Transactions.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(101)]
    public void A_coinbase_script_outside_2_to_100_bytes(int length)
    {
        var raw = Tamper.Edit(Legacy, b => b.Transactions[0].Inputs[0].ScriptSig = Script.FromBytesUnsafe(new byte[length]));
        AssertRejected(raw, BlockRuleError.CoinbaseLength, "bad-cb-length", 0);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(100)]
    public void A_coinbase_script_of_2_or_100_bytes_passes_CheckBlock(int length)
    {
        var raw = Tamper.Edit(Legacy, b => b.Transactions[0].Inputs[0].ScriptSig = Script.FromBytesUnsafe(new byte[length]));
        Assert.True(RealBlocks.Check(raw).IsValid);
    }

    [Fact]
    public void A_null_prevout_outside_the_coinbase()
    {
        int k = Tamper.Find(Legacy, tx => tx.Inputs.Count >= 2);
        var raw = Tamper.Edit(Legacy, b => b.Transactions[k].Inputs[1].PrevOut = new OutPoint(uint256.Zero, uint.MaxValue));
        AssertRejected(raw, BlockRuleError.NullPrevout, "bad-txns-prevout-null", k);
    }

    [Fact]
    public void A_transaction_without_outputs()
    {
        int k = Tamper.Find(Legacy, tx => true);
        var raw = Tamper.Edit(Legacy, b => b.Transactions[k].Outputs.Clear());
        AssertRejected(raw, BlockRuleError.NoOutputs, "bad-txns-vout-empty", k);
    }

    [Fact]
    public void The_last_transaction_repeated_keeps_the_merkle_root_and_is_a_mutation()
    {
        var model = RealBlocks.Model(Legacy);
        Assert.Equal(1, model.Transactions.Count % 2);
        var originalRoot = model.Header.HashMerkleRoot;
        model.Transactions.Add(model.Transactions[^1]);
        Assert.Equal(originalRoot, model.GetMerkleRoot().Hash);
        var raw = RealBlocks.Bytes(model);
        AssertRejected(raw, BlockRuleError.MutatedMerkleTree, "bad-txns-duplicate", BlockValidationResult.NoTx);
        Assert.Equal(BlockHeader.HashOf(Legacy), BlockHeader.HashOf(raw));
        Assert.True(BlockRuleError.MutatedMerkleTree.IsMutation());
    }

    [Fact]
    public void A_changed_transaction_without_a_new_merkle_root()
    {
        var model = RealBlocks.Model(Legacy);
        model.Transactions[3].Outputs[0].Value += Money.Satoshis(1);
        var raw = RealBlocks.Bytes(model);
        AssertRejected(raw, BlockRuleError.BadMerkleRoot, "bad-txnmrklroot", BlockValidationResult.NoTx);
        Assert.True(BlockRuleError.BadMerkleRoot.IsMutation());
    }

    [Fact]
    public void Too_many_legacy_sigops()
    {
        // 277647 leaves room under the 1 MB size limit for the extra script.
        var small = RealBlocks.Load("blocks/btcd-277647.blk");
        BlockValidator.CheckBlock(small, out var real).ThrowIfInvalid();
        const int limit = ConsensusConstants.MaxBlockSigopsCost / ConsensusConstants.WitnessScaleFactor;
        int room = limit - real.LegacySigOps;
        Assert.InRange(room, 1, limit);

        // CHECKMULTISIG counts 20 and CHECKSIG 1 without looking at the keys: fill the room exactly, then one more.
        byte[] Script(int sigOps) => Enumerable.Repeat((byte)0xae, sigOps / 20).Concat(Enumerable.Repeat((byte)0xac, sigOps % 20)).ToArray();
        byte[] WithExtraOutput(int sigOps) => Tamper.Edit(small, b => b.Transactions[1].Outputs.Add(new TxOut(Money.Zero, NBitcoin.Script.FromBytesUnsafe(Script(sigOps)))));

        var full = WithExtraOutput(room);
        Assert.True(BlockValidator.CheckBlock(full, out var atLimit).IsValid);
        Assert.Equal(limit, atLimit.LegacySigOps);
        AssertRejected(WithExtraOutput(room + 1), BlockRuleError.TooManySigOps, "bad-blk-sigops", BlockValidationResult.NoTx);
    }

    [Fact]
    public void No_transactions()
    {
        var raw = new byte[81];
        Legacy.AsSpan(0, 80).CopyTo(raw);
        raw.AsSpan(36, 32).Clear(); // the merkle root of no transactions is zero, so only the size rule fails
        AssertRejected(raw, BlockRuleError.BadLength, "bad-blk-length", BlockValidationResult.NoTx);
    }

    [Fact]
    public void More_than_a_million_stripped_bytes()
    {
        var model = RealBlocks.Model(Legacy);
        var mega = NBitcoin.Transaction.Load(TestData.Bytes("blocks/megatx.tx"), Network.Main);
        model.Transactions.Insert(1, mega);
        model.UpdateMerkleRoot();
        var raw = RealBlocks.Bytes(model);
        Assert.True(raw.Length > 1_000_000);
        AssertRejected(raw, BlockRuleError.BadLength, "bad-blk-length", BlockValidationResult.NoTx);
    }

    [Fact]
    public void Truncated_bytes_are_malformed_and_still_name_the_block()
    {
        var result = BlockValidator.CheckBlock(Legacy.AsSpan(0, Legacy.Length - 1), out _);
        Assert.Equal(BlockRuleError.Malformed, result.Error);
        Assert.Equal(Node.Primitives.Transactions.TxDecodeError.Truncated, result.DecodeError);
        Assert.Equal(BlockHeader.HashOf(Legacy), result.Hash);
        Assert.Contains("Truncated", result.ToString());
    }

    [Fact]
    public void A_rejection_throws_with_the_block_the_reason_and_the_transaction()
    {
        int k = Tamper.Find(Legacy, tx => tx.Outputs.Count == 1);
        var raw = Tamper.Edit(Legacy, b => b.Transactions[k].Outputs[0].Value = Money.Satoshis(-1));
        var result = RealBlocks.Check(raw);
        var ex = Assert.Throws<BlockValidationException>(result.ThrowIfInvalid);
        Assert.Equal(BlockRuleError.OutputNegative, ex.Error);
        Assert.Contains(BlockHeader.HashOf(raw).ToString(), ex.Message);
        Assert.Contains("bad-txns-vout-negative", ex.Message);
        Assert.Contains($"transaction {k}", ex.Message);
    }

    [Fact]
    public void Every_rule_has_its_own_reject_reason()
    {
        var reasons = Enum.GetValues<BlockRuleError>().Where(e => e != BlockRuleError.None).Select(e => e.ToRejectReason()).ToList();
        Assert.All(reasons, r => Assert.False(string.IsNullOrEmpty(r)));
        Assert.Equal(reasons.Count, reasons.Distinct().Count());
    }
}
