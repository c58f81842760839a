using NBitcoin;
using NBitcoin.Crypto;

namespace Node.Chain.Tests.Blocks;

/// <summary>
/// Builds variants of real blocks with NBitcoin (an independent implementation), re-committing the
/// merkle root (and, on request, the witness commitment) so that only the intended rule breaks.
/// </summary>
internal static class Tamper
{
    public static byte[] Edit(byte[] raw, Action<Block> edit, bool recommitWitness = false)
    {
        var block = RealBlocks.Model(raw);
        edit(block);
        if (recommitWitness) RecommitWitness(block);
        block.UpdateMerkleRoot();
        return RealBlocks.Bytes(block);
    }

    /// <summary>Rewrites the coinbase's (last) witness commitment for the block's current transactions.</summary>
    public static void RecommitWitness(Block block)
    {
        var coinbase = block.Transactions[0];
        var leaves = block.Transactions.Select((tx, i) => i == 0 ? uint256.Zero : tx.GetWitHash());
        var root = MerkleNode.GetRoot(leaves).Hash;
        var reserved = coinbase.Inputs[0].WitScript.Pushes.Single();
        var commitment = Hashes.DoubleSHA256(root.ToBytes().Concat(reserved).ToArray()).ToBytes();
        var index = coinbase.Outputs.FindLastIndex(o => IsCommitment(o.ScriptPubKey.ToBytes()));
        var script = coinbase.Outputs[index].ScriptPubKey.ToBytes();
        commitment.CopyTo(script, 6);
        coinbase.Outputs[index].ScriptPubKey = Script.FromBytesUnsafe(script);
    }

    public static bool IsCommitment(byte[] script) =>
        script.Length >= 38 && script.AsSpan(0, 6).SequenceEqual(new byte[] { 0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed });

    /// <summary>Index of the first transaction after the coinbase that matches.</summary>
    public static int Find(byte[] raw, Func<Transaction, bool> match)
    {
        var txs = RealBlocks.Model(raw).Transactions;
        for (int i = 1; i < txs.Count; i++)
            if (match(txs[i])) return i;
        throw new InvalidOperationException("no transaction matches");
    }

    private static int FindLastIndex(this TxOutList outputs, Func<TxOut, bool> match)
    {
        for (int i = outputs.Count - 1; i >= 0; i--)
            if (match(outputs[i])) return i;
        throw new InvalidOperationException("no witness commitment");
    }
}
