using NBitcoin;
using Node.Chain.Mining;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Blocks;
using Node.Primitives.Consensus;
using Node.Primitives.Transactions;
using BlockHeader = Node.Primitives.BlockHeader;

namespace Node.Chain.Tests.Mining;

public class BlockAssemblerTests
{
    private static readonly ChainParams Regtest = ChainParams.Regtest;

    private static BlockParent Genesis => new(Regtest.GenesisHash, 0, Regtest.GenesisHeader.Time, Regtest.GenesisHeader.Time);

    [Theory]
    [InlineData(1, 0u, "5100")]
    [InlineData(16, 0u, "6000")]
    [InlineData(17, 0u, "011100")]
    [InlineData(128, 0u, "02800000")]
    [InlineData(255, 0u, "02ff0000")]
    [InlineData(256, 0u, "02000100")]
    [InlineData(227931, 0u, "035b7a0300")]
    [InlineData(1, 1u, "510101")]
    [InlineData(17, 128u, "0111028000")]
    [InlineData(1, 0xffffffffu, "5105ffffffff00")]
    public void ScriptSig_is_height_then_the_extra_nonce_as_a_script_number_push(int height, uint extraNonce, string hex)
    {
        Span<byte> buffer = stackalloc byte[CoinbaseWriter.MaxScriptSigSize];
        int length = CoinbaseWriter.WriteScriptSig(buffer, height, extraNonce);
        Assert.Equal(hex, Convert.ToHexStringLower(buffer[..length]));
        Assert.InRange(length, CoinbaseWriter.MinScriptSigSize, CoinbaseWriter.MaxScriptSigSize);
    }

    [Fact]
    public void An_empty_block_on_genesis_is_valid_and_pays_the_subsidy_with_a_witness_commitment()
    {
        var assembler = new BlockAssembler(Regtest);
        var payout = new byte[] { 0x51 };
        var block = assembler.Build(Genesis, payout, [], time: 0);

        Assert.Equal(1, block.Height);
        Assert.Equal(Genesis.MedianTimePast + 1, block.Header.Time); // raised past the median time past
        AssertValid(block.Bytes.Span, 1, Genesis.MedianTimePast);
        var nb = NBitcoin.Block.Load(block.Bytes.ToArray(), Network.RegTest);
        Assert.Equal(block.Hash.Bytes.ToArray(), nb.GetHash().ToBytes());
        Assert.Equal(block.CoinbaseTxId.Bytes.ToArray(), nb.Transactions[0].GetHash().ToBytes());
        var coinbase = nb.Transactions[0];
        Assert.Equal(2, coinbase.Outputs.Count);
        Assert.Equal(new Script(payout), coinbase.Outputs[0].ScriptPubKey);
        Assert.Equal(50 * Money.COIN, coinbase.Outputs[0].Value.Satoshi);
        Assert.Equal("6a24aa21a9ed", Convert.ToHexStringLower(coinbase.Outputs[1].ScriptPubKey.ToBytes()[..6]));
    }

    [Fact]
    public void Build_keeps_the_given_transactions_in_order_and_forgoes_their_fees()
    {
        var chain = GeneratedChain.Instance.Blocks;
        const int height = 150;
        var original = NBitcoin.Block.Load(chain[height - 1], Network.RegTest);
        var parentHeader = BlockHeader.Read(chain[height - 2]);
        var ancestry = ArrayHeaderAncestry.FromGenesis(Regtest);
        for (int h = 1; h < height; h++) ancestry.Append(BlockHeader.Read(chain[h - 1]), BlockHeader.HashOf(chain[h - 1]));
        var parent = new BlockParent(ancestry.TipHash, height - 1, parentHeader.Time, ancestry.MedianTimePast());
        var transactions = original.Transactions.Skip(1).Select(tx => (ReadOnlyMemory<byte>)tx.ToBytes()).ToList();

        var block = new BlockAssembler(Regtest).Build(parent, OpTrueScript.ScriptPubKey, transactions, parentHeader.Time + 1, extraNonce: 5);

        AssertValid(block.Bytes.Span, height, parent.MedianTimePast);
        var rebuilt = NBitcoin.Block.Load(block.Bytes.ToArray(), Network.RegTest);
        Assert.Equal(original.Transactions.Skip(1).Select(t => t.GetHash()), rebuilt.Transactions.Skip(1).Select(t => t.GetHash()));
        Assert.Equal(BlockSubsidy.At(height, Regtest), rebuilt.Transactions[0].Outputs[0].Value.Satoshi);
        Assert.Equal("029600" + "0105", Convert.ToHexStringLower(rebuilt.Transactions[0].Inputs[0].ScriptSig.ToBytes()));
    }

    [Fact]
    public void Extra_nonce_gives_a_different_block_on_the_same_parent()
    {
        var assembler = new BlockAssembler(Regtest);
        var a = assembler.Build(Genesis, OpTrueScript.ScriptPubKey, [], 1_700_000_000, extraNonce: 0);
        var b = assembler.Build(Genesis, OpTrueScript.ScriptPubKey, [], 1_700_000_000, extraNonce: 1);
        Assert.NotEqual(a.Hash, b.Hash);
        Assert.NotEqual(a.CoinbaseTxId, b.CoinbaseTxId);
        AssertValid(b.Bytes.Span, 1, Genesis.MedianTimePast);
    }

    [Fact]
    public void Declared_fees_beyond_the_money_range_are_refused_by_name()
    {
        var body = new BlockBody();
        body.Add(LargeTransaction(0, 100), fee: ConsensusConstants.MaxMoney);
        var template = BlockTemplate.Create(Regtest, Genesis, OpTrueScript.ScriptPubKey, 0);
        var error = Assert.Throws<BlockAssemblyException>(() => new BlockAssembler(Regtest).Assemble(template, body));
        Assert.Equal(BlockAssemblyError.RewardOutOfRange, error.Error);
    }

    [Fact]
    public void A_block_over_the_weight_limit_is_refused_by_name()
    {
        var body = new BlockBody();
        for (int i = 0; i < 4; i++) body.Add(LargeTransaction(i, 250_000));
        var template = BlockTemplate.Create(Regtest, Genesis, OpTrueScript.ScriptPubKey, 0);
        var error = Assert.Throws<BlockAssemblyException>(() => new BlockAssembler(Regtest).Assemble(template, body));
        Assert.Equal(BlockAssemblyError.Overweight, error.Error);
    }

    [Fact]
    public void A_listed_transaction_twice_is_refused_by_name()
    {
        var body = new BlockBody();
        var tx = LargeTransaction(1, 10);
        body.Add(LargeTransaction(0, 10));
        body.Add(tx); // at positions 2 and 3: merkle siblings, the ambiguity Core rejects
        body.Add(tx);
        var template = BlockTemplate.Create(Regtest, Genesis, OpTrueScript.ScriptPubKey, 0);
        var error = Assert.Throws<BlockAssemblyException>(() => new BlockAssembler(Regtest).Assemble(template, body));
        Assert.Equal(BlockAssemblyError.DuplicateTransaction, error.Error);
    }

    [Fact]
    public void The_body_rejects_a_coinbase_and_bytes_that_are_not_one_transaction()
    {
        var body = new BlockBody();
        var coinbase = NBitcoin.Block.Load(GeneratedChain.Instance.Blocks[0], Network.RegTest).Transactions[0].ToBytes();
        Assert.Throws<ArgumentException>(() => body.Add(coinbase));
        var tx = LargeTransaction(0, 10);
        Assert.Throws<TxDecodeException>(() => body.Add(tx[..^1]));
        Assert.Throws<TxDecodeException>(() => body.Add([.. tx, 0]));
        Assert.Equal(0, body.Count);
    }

    [Fact]
    public void A_retargeting_network_needs_explicit_bits()
    {
        Assert.Throws<ArgumentException>(() => BlockTemplate.Create(ChainParams.Main, Genesis, OpTrueScript.ScriptPubKey, 0));
    }

    private static byte[] LargeTransaction(int salt, int scriptLength)
    {
        var tx = Network.RegTest.CreateTransaction();
        tx.Inputs.Add(new OutPoint(uint256.One, salt));
        tx.Outputs.Add(Money.Zero, new Script(new byte[scriptLength]));
        return tx.ToBytes();
    }

    private static void AssertValid(ReadOnlySpan<byte> block, int height, uint prevMedianTimePast)
    {
        var check = BlockValidator.CheckBlock(block, out var checkedBlock);
        Assert.True(check.IsValid, check.ToString());
        Assert.Equal(WitnessCommitmentResult.Valid, checkedBlock.Witness);
        var contextual = BlockValidator.ContextualCheckBlock(block, checkedBlock, height, prevMedianTimePast, Regtest);
        Assert.True(contextual.IsValid, contextual.ToString());
        Assert.True(new HeaderValidator(Regtest).CheckProofOfWork(checkedBlock.Header, checkedBlock.Hash).IsValid);
    }
}
