using System.Buffers;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Blocks;
using Node.Primitives.Consensus;
using Node.Primitives.Hashing;

namespace Node.Chain.State;

/// <summary>
/// The block rules the chain state runs before storing a block: the transactions decode, the first
/// is a coinbase, and their merkle root is the header's (context-free); BIP34's coinbase height
/// (contextual).
/// </summary>
public static class BlockChecks
{
    /// <summary>Context-free checks of a serialized block against its own header.</summary>
    public static BlockCheck CheckBlock(ReadOnlySpan<byte> block)
    {
        if (block.Length < BlockHeader.Size || !BlockScanner.TryReadTxCount(block, out int txCount, out _) || txCount == 0)
            return new BlockCheck(RuleError.BadBlockEncoding);

        byte[] txids = ArrayPool<byte>.Shared.Rent(txCount * Hash256.Size);
        try
        {
            var leaves = txids.AsSpan(0, txCount * Hash256.Size);
            if (!BlockScanner.TryScan(block, leaves, default, out _, out _))
                return new BlockCheck(RuleError.BadBlockEncoding);
            var root = Merkle.ComputeRoot(leaves, out bool mutated);
            if (root != BlockHeader.Read(block).MerkleRoot) return new BlockCheck(RuleError.BadMerkleRoot);
            if (mutated) return new BlockCheck(RuleError.DuplicateTransactions);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(txids);
        }

        BlockReader.TryOpen(block, out var reader, out _);
        reader.TryReadNext(out var coinbase, out _);
        return coinbase.IsCoinbase ? BlockCheck.Valid : new BlockCheck(RuleError.NoCoinbase);
    }

    /// <summary>The rules that need the block's height: BIP34 (the coinbase starts with the height).</summary>
    public static RuleError CheckContextual(ReadOnlySpan<byte> block, int height, ChainParams chainParams)
    {
        if (height >= chainParams.Bip34Height && !CoinbaseHeight.Matches(block, height))
            return RuleError.BadCoinbaseHeight;
        return RuleError.None;
    }
}
