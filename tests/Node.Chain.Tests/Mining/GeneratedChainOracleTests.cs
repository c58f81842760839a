using NBitcoin;
using Node.Chain.Mining;
using Node.Primitives.Blocks;
using Block = NBitcoin.Block;
using Node.Primitives.Consensus;

namespace Node.Chain.Tests.Mining;

/// <summary>
/// NBitcoin as an independent oracle over the whole generated chain: proof of work and merkle root,
/// witness commitment, every input's script against the output it spends, a UTXO set that catches
/// double spends and spends of outputs not yet created, coinbase maturity, value conservation and
/// the BIP34 height.
/// </summary>
public class GeneratedChainOracleTests
{
    private static readonly IReadOnlyList<byte[]> Blocks = GeneratedChain.Instance.Blocks;

    private sealed record Unspent(NBitcoin.TxOut Output, int Height, bool Coinbase);

    [Fact]
    public void Every_block_passes_NBitcoin_checks_and_links_to_its_parent()
    {
        var prev = Network.RegTest.GenesisHash;
        foreach (var raw in Blocks)
        {
            var block = Block.Load(raw, Network.RegTest);
            Assert.Equal(prev, block.Header.HashPrevBlock);
            Assert.True(block.Check(), $"block {block.GetHash()} fails Check()");
            Assert.True(block.CheckMerkleRoot());
            Assert.True(block.CheckProofOfWork());
            Assert.Equal(0x20000000, block.Header.Version);
            Assert.Equal(0x207fffffu, block.Header.Bits.ToCompact());
            Assert.True(block.GetWeight() <= ConsensusConstants.MaxBlockWeight);
            Assert.Equal(raw, block.ToBytes());
            prev = block.GetHash();
        }
    }

    [Fact]
    public void Every_coinbase_commits_to_the_witness_merkle_root_with_a_zero_reserved_value()
    {
        foreach (var raw in Blocks)
        {
            var block = Block.Load(raw, Network.RegTest);
            var coinbase = block.Transactions[0];
            var leaves = block.Transactions.Select((tx, i) => i == 0 ? uint256.Zero : tx.GetWitHash());
            var root = MerkleNode.GetRoot(leaves).Hash;
            var expected = NBitcoin.Crypto.Hashes.DoubleSHA256(root.ToBytes().Concat(new byte[32]).ToArray()).ToBytes();

            var commitment = coinbase.Outputs.Last(o => o.ScriptPubKey.ToBytes().AsSpan().StartsWith(WitnessCommitment.ScriptPrefix));
            Assert.Equal(expected, commitment.ScriptPubKey.ToBytes()[6..]);
            Assert.Equal(Money.Zero, commitment.Value);
            var reserved = coinbase.Inputs[0].WitScript;
            Assert.Equal(1, reserved.PushCount);
            Assert.Equal(new byte[32], reserved[0]);
        }
    }

    [Fact]
    public void Coinbases_carry_the_BIP34_height_and_claim_exactly_subsidy_plus_fees()
    {
        var utxos = new Dictionary<OutPoint, Unspent>();
        for (int height = 1; height <= Blocks.Count; height++)
        {
            var block = Block.Load(Blocks[height - 1], Network.RegTest);
            long fees = 0;
            foreach (var tx in block.Transactions.Skip(1))
            {
                fees += tx.Inputs.Sum(i => utxos[i.PrevOut].Output.Value.Satoshi) - tx.Outputs.Sum(o => o.Value.Satoshi);
                foreach (var input in tx.Inputs) utxos.Remove(input.PrevOut);
                AddOutputs(utxos, tx, height, coinbase: false);
            }
            var coinbase = block.Transactions[0];
            Assert.True(coinbase.IsCoinBase);
            byte[] scriptSig = coinbase.Inputs[0].ScriptSig.ToBytes();
            byte[] heightPush = new Script(Op.GetPushOp(height)).ToBytes();
            Assert.Equal(heightPush, scriptSig[..heightPush.Length]);
            Assert.InRange(scriptSig.Length, 2, 100);
            long subsidy = (50 * Money.COIN) >> (height / 150);
            Assert.Equal(subsidy + fees, coinbase.TotalOut.Satoshi);
            AddOutputs(utxos, coinbase, height, coinbase: true);
        }
        Assert.Equal(25 * Money.COIN, (50 * Money.COIN) >> (Blocks.Count / 150)); // the chain reaches the first halving
    }

    [Fact]
    public void Every_input_spends_an_existing_mature_output_once_and_its_script_verifies()
    {
        var utxos = new Dictionary<OutPoint, Unspent>();
        var flags = ScriptVerify.Standard | ScriptVerify.Witness | ScriptVerify.P2SH;
        int spends = 0, sameBlockSpends = 0, coinbaseSpends = 0;
        for (int height = 1; height <= Blocks.Count; height++)
        {
            var block = Block.Load(Blocks[height - 1], Network.RegTest);
            AddOutputs(utxos, block.Transactions[0], height, coinbase: true);
            foreach (var tx in block.Transactions.Skip(1))
            {
                Assert.False(tx.IsCoinBase);
                Assert.Equal(TransactionCheckResult.Success, tx.Check());
                long inValue = 0;
                for (int i = 0; i < tx.Inputs.Count; i++)
                {
                    var input = tx.Inputs[i];
                    Assert.True(utxos.Remove(input.PrevOut, out var spent), $"height {height}: {input.PrevOut} is spent twice or does not exist yet");
                    if (spent.Coinbase)
                    {
                        Assert.True(height - spent.Height >= ConsensusConstants.CoinbaseMaturity, $"height {height} spends the coinbase of {spent.Height}");
                        coinbaseSpends++;
                    }
                    if (spent.Height == height) sameBlockSpends++;
                    var context = new ScriptEvaluationContext { ScriptVerify = flags };
                    Assert.True(context.VerifyScript(input.ScriptSig, input.WitScript, spent.Output.ScriptPubKey, new TransactionChecker(tx, i, spent.Output)),
                        $"height {height}, tx {tx.GetHash()} input {i}: {context.Error}");
                    inValue += spent.Output.Value.Satoshi;
                    spends++;
                }
                Assert.All(tx.Outputs, o => Assert.InRange(o.Value.Satoshi, 0, ConsensusConstants.MaxMoney));
                Assert.True(inValue >= tx.TotalOut.Satoshi, $"tx {tx.GetHash()} creates money");
                AddOutputs(utxos, tx, height, coinbase: false);
            }
            // Before maturity there is nothing to spend; from then on every block carries spends.
            Assert.Equal(height <= ConsensusConstants.CoinbaseMaturity, block.Transactions.Count == 1);
        }
        Assert.True(spends > 10_000, $"only {spends} spends");
        Assert.True(sameBlockSpends > 100, $"only {sameBlockSpends} spends of outputs from the same block");
        Assert.True(coinbaseSpends > (Blocks.Count - ConsensusConstants.CoinbaseMaturity) / 2, $"only {coinbaseSpends} coinbases spent");
    }

    [Fact]
    public void Transactions_have_typical_shapes_and_blocks_reach_the_target_size()
    {
        var shapes = new Dictionary<(int, int), int>();
        foreach (var raw in Blocks.Skip(ConsensusConstants.CoinbaseMaturity))
        {
            Assert.InRange(raw.Length, GeneratedChain.TargetBlockSize * 8 / 10, GeneratedChain.TargetBlockSize);
            var block = Block.Load(raw, Network.RegTest);
            foreach (var tx in block.Transactions.Skip(1))
            {
                var key = (tx.Inputs.Count, tx.Outputs.Count);
                shapes[key] = shapes.GetValueOrDefault(key) + 1;
                Assert.True(tx.HasWitness);
                Assert.All(tx.Inputs, i => Assert.Equal(Script.Empty, i.ScriptSig));
            }
        }
        int all = shapes.Values.Sum();
        int typical = shapes.Where(s => s.Key.Item1 is >= 1 and <= 3 && s.Key.Item2 is >= 2 and <= 3).Sum(s => s.Value);
        Assert.True(typical > all * 9 / 10, $"{typical} of {all} transactions have 1-3 inputs and 2-3 outputs");
        Assert.Contains(shapes.Keys, k => k.Item1 >= 5 && k.Item2 == 1); // consolidations
        Assert.Contains(shapes.Keys, k => k.Item1 == 1 && k.Item2 >= 100); // fan-outs
        Assert.Contains(shapes.Keys, k => k == (3, 2));
    }

    private static void AddOutputs(Dictionary<OutPoint, Unspent> utxos, NBitcoin.Transaction tx, int height, bool coinbase)
    {
        var txid = tx.GetHash();
        for (int i = 0; i < tx.Outputs.Count; i++)
            if (!tx.Outputs[i].ScriptPubKey.IsUnspendable) utxos.Add(new OutPoint(txid, i), new Unspent(tx.Outputs[i], height, coinbase));
    }
}
