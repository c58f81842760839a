using Node.Primitives.Hashing;
using Node.Primitives.Transactions;

namespace Node.Primitives.Blocks;

/// <summary>The BIP141 witness commitment in a block's coinbase, as Bitcoin Core checks it.</summary>
public static class WitnessCommitment
{
    /// <summary>OP_RETURN, push 36, then the 4-byte commitment tag aa21a9ed.</summary>
    public static ReadOnlySpan<byte> ScriptPrefix => [0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed];

    public const int MinScriptSize = 38;

    /// <summary>Index of the LAST coinbase output carrying a commitment, or -1 (Core's GetWitnessCommitmentIndex).</summary>
    public static int FindOutputIndex(TransactionReader coinbase)
    {
        int found = -1, index = 0;
        foreach (var output in coinbase.Outputs)
        {
            if (output.ScriptPubKey.Length >= MinScriptSize && output.ScriptPubKey.StartsWith(ScriptPrefix)) found = index;
            index++;
        }
        return found;
    }

    /// <summary>The 32 committed bytes of output <paramref name="outputIndex"/>.</summary>
    public static ReadOnlySpan<byte> CommittedHash(TransactionReader coinbase, int outputIndex)
    {
        int index = 0;
        foreach (var output in coinbase.Outputs)
            if (index++ == outputIndex) return output.ScriptPubKey.Slice(ScriptPrefix.Length, 32);
        throw new ArgumentOutOfRangeException(nameof(outputIndex));
    }

    /// <summary>The coinbase's witness reserved value: its first input's witness must be exactly one 32-byte item.</summary>
    public static bool TryGetReservedValue(TransactionReader coinbase, out ReadOnlySpan<byte> reserved)
    {
        reserved = default;
        foreach (var stack in coinbase.Witnesses)
        {
            if (stack.Count != 1) return false;
            foreach (var item in stack) reserved = item;
            return reserved.Length == 32;
        }
        return false;
    }

    /// <summary>
    /// The witness merkle root over the block's wtxids, computed in place (the buffer is overwritten);
    /// the coinbase's leaf is taken as zero.
    /// </summary>
    public static Hash256 ComputeWitnessRoot(Span<byte> wtxids)
    {
        if (wtxids.Length >= 32) wtxids[..32].Clear();
        return Merkle.ComputeRoot(wtxids, out _);
    }

    /// <summary>
    /// Checks the commitment of a block whose coinbase is <paramref name="coinbase"/> and whose
    /// wtxids (32 bytes each, as written by <see cref="BlockScanner"/>) fill <paramref name="wtxids"/>;
    /// that buffer is overwritten when a root has to be computed.
    /// </summary>
    public static WitnessCommitmentResult Check(TransactionReader coinbase, Span<byte> wtxids, bool blockHasWitness)
    {
        int outputIndex = FindOutputIndex(coinbase);
        if (outputIndex < 0) return blockHasWitness ? WitnessCommitmentResult.UnexpectedWitness : WitnessCommitmentResult.NoCommitment;
        if (!TryGetReservedValue(coinbase, out var reserved)) return WitnessCommitmentResult.BadReservedValue;

        var root = ComputeWitnessRoot(wtxids);
        var hasher = Sha256Hasher.Create();
        hasher.Append(root.Bytes);
        hasher.Append(reserved);
        var expected = hasher.FinishDouble();
        return expected.Bytes.SequenceEqual(CommittedHash(coinbase, outputIndex))
            ? WitnessCommitmentResult.Valid
            : WitnessCommitmentResult.Mismatch;
    }
}
