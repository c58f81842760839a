using Node.Chain.Mining;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Blocks;
using Node.Primitives.Consensus;
using Node.Primitives.Transactions;

namespace Node.Chain.Tests.Mining;

/// <summary>The node's own validators accept the generated chain, and its block scanner agrees with NBitcoin on every hash.</summary>
public class GeneratedChainConsensusTests
{
    private static readonly IReadOnlyList<byte[]> Blocks = GeneratedChain.Instance.Blocks;

    [Fact]
    public void Headers_pass_the_header_validator_and_blocks_pass_CheckBlock_and_ContextualCheckBlock()
    {
        var regtest = ChainParams.Regtest;
        var validator = new HeaderValidator(regtest);
        var ancestry = ArrayHeaderAncestry.FromGenesis(regtest);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        for (int height = 1; height <= Blocks.Count; height++)
        {
            var raw = Blocks[height - 1];
            var result = validator.Validate(raw.AsSpan(0, BlockHeader.Size), ancestry, now, -1, out var header, out var hash);
            Assert.True(result.IsValid, result.ToString());

            var check = BlockValidator.CheckBlock(raw, out var checkedBlock);
            Assert.True(check.IsValid, check.ToString());
            Assert.Equal(WitnessCommitmentResult.Valid, checkedBlock.Witness);
            var contextual = BlockValidator.ContextualCheckBlock(raw, checkedBlock, height, ancestry.MedianTimePast(), regtest);
            Assert.True(contextual.IsValid, contextual.ToString());
            Assert.True(checkedBlock.Weight <= new ChainGeneratorOptions().MaxBlockWeight);
            ancestry.Append(header, hash);
        }
    }

    [Fact]
    public void Block_scanner_txids_wtxids_and_merkle_root_agree_with_NBitcoin()
    {
        foreach (var raw in Blocks.Where((_, i) => i % 10 == 0 || i >= ConsensusConstants.CoinbaseMaturity))
        {
            var nb = NBitcoin.Block.Load(raw, NBitcoin.Network.RegTest);
            Assert.True(BlockScanner.TryReadTxCount(raw, out int count, out _));
            var txids = new byte[count * 32];
            var wtxids = new byte[count * 32];
            var shape = BlockScanner.Scan(raw, txids, wtxids);
            Assert.Equal(nb.Transactions.Count, shape.TxCount);
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(nb.Transactions[i].GetHash().ToBytes(), txids[(i * 32)..((i + 1) * 32)]);
                Assert.Equal(nb.Transactions[i].GetWitHash().ToBytes(), wtxids[(i * 32)..((i + 1) * 32)]);
            }
            var root = Primitives.Hashing.Merkle.ComputeRoot(txids, out bool mutated);
            Assert.False(mutated);
            Assert.Equal(BlockHeader.Read(raw).MerkleRoot, root);
        }
    }

    [Fact]
    public void Times_rise_one_second_a_block_from_the_start_time()
    {
        for (int height = 1; height <= Blocks.Count; height++)
            Assert.Equal(GeneratedChain.Options.StartTime + (uint)height, BlockHeader.Read(Blocks[height - 1]).Time);
    }

    [Fact]
    public void Coinbase_scriptSig_is_the_height_then_OP_0_as_Core_CreateNewBlock_writes_it()
    {
        Span<byte> expected = stackalloc byte[CoinbaseHeight.MaxEncodedLength + 1];
        foreach (int height in new[] { 1, 16, 17, 128, 250 })
        {
            var block = Blocks[height - 1];
            var reader = BlockReaderAt(block);
            foreach (var input in reader.Inputs)
            {
                int n = CoinbaseHeight.Encode(height, expected);
                expected[n++] = 0x00;
                Assert.Equal(Convert.ToHexStringLower(expected[..n]), Convert.ToHexStringLower(input.ScriptSig));
            }
        }
    }

    private static TransactionReader BlockReaderAt(byte[] block)
    {
        Assert.True(BlockReader.TryOpen(block, out var reader, out _));
        Assert.True(reader.TryReadNext(out var coinbase, out _));
        return coinbase;
    }
}
