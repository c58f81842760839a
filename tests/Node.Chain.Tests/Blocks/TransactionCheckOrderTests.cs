using NBitcoin;
using Node.Chain.Validation;
using Node.Primitives.Consensus;
using Node.Tests;
using TransactionReader = Node.Primitives.Transactions.TransactionReader;

namespace Node.Chain.Tests.Blocks;

/// <summary>
/// CheckTransaction walks the outputs once and the inputs once, yet a transaction breaking several rules
/// reports the one Core's CheckTransaction meets first: sizes, then the outputs in order, then a duplicate
/// input anywhere, then the coinbase scriptSig length or a null outpoint. Real transactions, each edited so
/// that two or more rules break; the same walk's sigop count and sequence finality on the untouched ones.
/// </summary>
public class TransactionCheckOrderTests
{
    private static readonly NBitcoin.Block Segwit = RealBlocks.Model(TestData.Bytes(RealBlocks.Segwit574200));

    private static Transaction With(Func<Transaction, bool> match, Action<Transaction> edit)
    {
        var tx = Segwit.Transactions.Skip(1).First(match).Clone();
        edit(tx);
        return tx;
    }

    private static BlockRuleError Check(Transaction tx) => Check(tx, out _, out _);

    private static BlockRuleError Check(Transaction tx, out int sigOps, out bool sequencesFinal)
    {
        var raw = tx.ToBytes();
        var error = TransactionCheck.Check(TransactionReader.Read(raw), out sigOps, out sequencesFinal);
        Assert.Equal(error, TransactionCheck.Check(TransactionReader.Read(raw)));
        return error;
    }

    private static readonly OutPoint Null = new(uint256.Zero, uint.MaxValue);

    [Theory]
    [InlineData(2)]
    [InlineData(40)]
    public void A_negative_output_outranks_duplicate_inputs(int inputs)
    {
        var tx = With(t => t.Inputs.Count >= inputs && t.Outputs.Count >= 2, t =>
        {
            t.Inputs[^1].PrevOut = t.Inputs[0].PrevOut;
            t.Outputs[^1].Value = Money.Satoshis(-1);
        });
        Assert.Equal(BlockRuleError.OutputNegative, Check(tx));
    }

    [Fact]
    public void Outputs_above_max_money_in_total_outrank_duplicate_inputs()
    {
        var tx = With(t => t.Inputs.Count >= 2 && t.Outputs.Count >= 2, t =>
        {
            t.Inputs[1].PrevOut = t.Inputs[0].PrevOut;
            t.Outputs[0].Value = Money.Satoshis(ConsensusConstants.MaxMoney);
        });
        Assert.Equal(BlockRuleError.OutputTotalTooLarge, Check(tx));
    }

    [Theory]
    [InlineData(-1, ConsensusConstants.MaxMoney + 1, BlockRuleError.OutputNegative)]
    [InlineData(ConsensusConstants.MaxMoney + 1, -1, BlockRuleError.OutputTooLarge)]
    [InlineData(ConsensusConstants.MaxMoney, -1, BlockRuleError.OutputNegative)]
    [InlineData(long.MinValue + 1, 0, BlockRuleError.OutputNegative)]
    [InlineData(long.MaxValue, 0, BlockRuleError.OutputTooLarge)]
    public void The_first_output_breaking_a_value_rule_names_it(long first, long second, BlockRuleError expected)
    {
        var tx = With(t => t.Outputs.Count >= 2, t =>
        {
            t.Outputs[0].Value = Money.Satoshis(first);
            t.Outputs[1].Value = Money.Satoshis(second);
        });
        Assert.Equal(expected, Check(tx));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public void A_duplicate_input_outranks_an_earlier_null_outpoint(int inputs)
    {
        var tx = With(t => t.Inputs.Count >= inputs, t =>
        {
            t.Inputs[0].PrevOut = Null;
            t.Inputs[^1].PrevOut = t.Inputs[1].PrevOut;
        });
        Assert.Equal(BlockRuleError.DuplicateInputs, Check(tx));
    }

    [Fact]
    public void Two_null_outpoints_are_duplicates_first()
    {
        var tx = With(t => t.Inputs.Count >= 2, t =>
        {
            t.Inputs[0].PrevOut = Null;
            t.Inputs[1].PrevOut = Null;
        });
        Assert.Equal(BlockRuleError.DuplicateInputs, Check(tx));
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(2, 1)]
    [InlineData(40, 39)]
    public void A_null_outpoint_alone_anywhere(int inputs, int at)
    {
        var tx = With(t => t.Inputs.Count >= inputs, t => t.Inputs[Math.Min(at, t.Inputs.Count - 1)].PrevOut = Null);
        Assert.Equal(BlockRuleError.NullPrevout, Check(tx));
    }

    [Fact]
    public void A_negative_output_outranks_a_short_coinbase_script()
    {
        var coinbase = Segwit.Transactions[0].Clone();
        coinbase.Inputs[0].ScriptSig = Script.FromBytesUnsafe([1]);
        Assert.Equal(BlockRuleError.CoinbaseLength, Check(coinbase));
        coinbase.Outputs[0].Value = Money.Satoshis(-1);
        Assert.Equal(BlockRuleError.OutputNegative, Check(coinbase));
    }

    [Fact]
    public void Missing_outputs_outrank_duplicate_inputs()
    {
        var tx = With(t => t.Inputs.Count >= 2, t =>
        {
            t.Inputs[1].PrevOut = t.Inputs[0].PrevOut;
            t.Outputs.Clear();
        });
        Assert.Equal(BlockRuleError.NoOutputs, Check(tx));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    public void The_walk_counts_sigops_and_sees_the_last_inputs_sequence(int inputs)
    {
        var original = Segwit.Transactions.Skip(1).First(t => t.Inputs.Count >= inputs && t.Inputs.All(i => i.Sequence == Sequence.Final));
        var tx = original.Clone();
        while (tx.Inputs.Count > inputs) tx.Inputs.RemoveAt(tx.Inputs.Count - 1);
        int expected = tx.Inputs.Sum(i => (int)i.ScriptSig.GetSigOpCount(false)) + tx.Outputs.Sum(o => (int)o.ScriptPubKey.GetSigOpCount(false));

        Assert.Equal(BlockRuleError.None, Check(tx, out int sigOps, out bool final));
        Assert.Equal(expected, sigOps);
        Assert.True(final);

        tx.Inputs[^1].Sequence = new Sequence(uint.MaxValue - 1);
        Assert.Equal(BlockRuleError.None, Check(tx, out _, out final));
        Assert.False(final);
    }
}
