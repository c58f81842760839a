using System.Buffers;
using Node.Primitives;
using Node.Primitives.Blocks;
using Node.Primitives.Consensus;
using Node.Primitives.Hashing;
using Node.Primitives.Transactions;

namespace Node.Chain.Validation;

/// <summary>
/// Block validation that needs no UTXO set: Core's CheckBlock (context-free) and ContextualCheckBlock
/// (height, previous median time past, network). Stateless and thread-safe; after the shared pools
/// have warmed up, validating allocates nothing.
/// </summary>
public static class BlockValidator
{
    // Hash scratch shared by the threads that check blocks. Not ArrayPool.Shared: its per-thread caches keep an array on
    // every thread that returned one, so each new thread-pool thread that checked a block allocated its own.
    private static readonly ArrayPool<byte> HashScratch = ArrayPool<byte>.Create(maxArrayLength: 1 << 23, maxArraysPerBucket: 16);

    /// <summary>
    /// Core's CheckBlock after the header checks (proof of work is <see cref="HeaderValidator"/>'s):
    /// merkle root and its mutation, size limits, one coinbase first, CheckTransaction on each
    /// transaction, legacy sigops. Also computes, without judging it yet, the witness commitment.
    /// </summary>
    public static BlockValidationResult CheckBlock(ReadOnlySpan<byte> block, out CheckedBlock checkedBlock) =>
        CheckBlock(block, default, out checkedBlock);

    /// <summary>
    /// <see cref="CheckBlock(ReadOnlySpan{byte}, out CheckedBlock)"/> that also writes the double hash of the whole of
    /// <paramref name="block"/> (a block message's checksum is its first 4 bytes) to <paramref name="blockDoubleHash"/>
    /// (32 bytes, whatever the verdict): hashed in one batch with the transaction ids, not alone.
    /// </summary>
    public static BlockValidationResult CheckBlock(ReadOnlySpan<byte> block, Span<byte> blockDoubleHash, out CheckedBlock checkedBlock)
    {
        checkedBlock = default;
        var hash = block.Length >= BlockHeader.Size ? BlockHeader.HashOf(block) : default;
        if (!BlockScanner.TryReadTxCount(block, out int txCount, out var decodeError))
        {
            if (!blockDoubleHash.IsEmpty) Sha256.DoubleHash(block).WriteTo(blockDoubleHash);
            return Malformed(hash, decodeError);
        }

        byte[] hashes = HashScratch.Rent(txCount * 2 * Hash256.Size);
        var checks = new BlockTxChecks();
        try
        {
            var txids = hashes.AsSpan(0, txCount * Hash256.Size);
            var wtxids = hashes.AsSpan(txCount * Hash256.Size, txCount * Hash256.Size);
            return Check(block, hash, txids, wtxids, blockDoubleHash, ref checks, out checkedBlock);
        }
        finally
        {
            HashScratch.Return(hashes);
            checks.Dispose();
        }
    }

    /// <summary>
    /// Core's ContextualCheckBlock for the block at <paramref name="height"/>: every transaction final
    /// (BIP113: against <paramref name="prevMedianTimePast"/> once CSV is active, else the block's
    /// time), BIP34 height in the coinbase, the witness commitment once segwit is active (no witness
    /// data otherwise), and the weight limit. <paramref name="block"/> must be the bytes that
    /// <see cref="CheckBlock"/> accepted as <paramref name="checkedBlock"/>.
    /// </summary>
    public static BlockValidationResult ContextualCheckBlock(ReadOnlySpan<byte> block, in CheckedBlock checkedBlock, int height,
        long prevMedianTimePast, ChainParams chainParams)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        var header = BlockHeader.Read(block);
        if (header != checkedBlock.Header || checkedBlock.TxCount == 0)
            throw new ArgumentException("the block is not the one CheckBlock accepted", nameof(checkedBlock));
        var hash = checkedBlock.Hash;

        long cutoff = height >= chainParams.CsvHeight ? prevMedianTimePast : header.Time;
        if ((checkedBlock.MaxHeightLock != 0 && checkedBlock.MaxHeightLock >= height)
            || (checkedBlock.MaxTimeLock != 0 && checkedBlock.MaxTimeLock >= cutoff))
            return BlockValidationResult.Invalid(BlockRuleError.NonFinalTx, hash, FirstNonFinal(block, height, cutoff), height);

        if (height >= chainParams.Bip34Height)
        {
            var coinbase = TransactionReader.Read(block.Slice(checkedBlock.Shape.CoinbaseOffset, checkedBlock.Shape.CoinbaseLength));
            if (!CoinbaseHeight.Matches(CoinbaseHeight.ScriptSigOf(coinbase), height))
                return BlockValidationResult.Invalid(BlockRuleError.BadCoinbaseHeight, hash, 0, height);
        }

        var witness = WitnessRule(checkedBlock, segwitActive: height >= chainParams.SegwitHeight);
        if (witness != BlockRuleError.None)
            return BlockValidationResult.Invalid(witness, hash, witness == BlockRuleError.UnexpectedWitness ? BlockValidationResult.NoTx : 0, height);

        // Only now, with the coinbase witness pinned by the commitment, may weight mark the block invalid.
        if (checkedBlock.Weight > ConsensusConstants.MaxBlockWeight)
            return BlockValidationResult.Invalid(BlockRuleError.BadWeight, hash, BlockValidationResult.NoTx, height);
        return BlockValidationResult.Valid(hash, height);
    }

    private static BlockValidationResult Check(ReadOnlySpan<byte> block, in Hash256 hash, Span<byte> txids, Span<byte> wtxids,
        Span<byte> blockDoubleHash, ref BlockTxChecks checks, out CheckedBlock checkedBlock)
    {
        const int unknown = BlockValidationResult.UnknownHeight, noTx = BlockValidationResult.NoTx;
        checkedBlock = default;
        // One parse: the scan that hashes the transactions also runs every per-transaction check.
        if (!BlockScanner.TryScan(block, txids, wtxids, blockDoubleHash, ref checks, out var shape, out var decodeError))
            return Malformed(hash, decodeError);

        var header = BlockHeader.Read(block);
        var root = Merkle.ComputeRoot(txids, out bool mutated);
        if (root != header.MerkleRoot) return BlockValidationResult.Invalid(BlockRuleError.BadMerkleRoot, hash, noTx, unknown);
        if (mutated) return BlockValidationResult.Invalid(BlockRuleError.MutatedMerkleTree, hash, noTx, unknown);

        if (shape.TxCount == 0
            || (long)shape.TxCount * ConsensusConstants.WitnessScaleFactor > ConsensusConstants.MaxBlockWeight
            || (long)shape.StrippedSize * ConsensusConstants.WitnessScaleFactor > ConsensusConstants.MaxBlockWeight)
            return BlockValidationResult.Invalid(BlockRuleError.BadLength, hash, noTx, unknown);

        // Core's priorities: the first transaction not a coinbase, then a second coinbase anywhere,
        // then the first CheckTransaction failure, then the sigop limit.
        if (checks.CoinbaseMissing) return BlockValidationResult.Invalid(BlockRuleError.CoinbaseMissing, hash, 0, unknown);
        if (checks.ExtraCoinbaseIndex >= 0)
            return BlockValidationResult.Invalid(BlockRuleError.CoinbaseMultiple, hash, checks.ExtraCoinbaseIndex, unknown);
        if (checks.TxError != BlockRuleError.None) return BlockValidationResult.Invalid(checks.TxError, hash, checks.TxErrorIndex, unknown);
        if (checks.SigOps * ConsensusConstants.WitnessScaleFactor > ConsensusConstants.MaxBlockSigopsCost)
            return BlockValidationResult.Invalid(BlockRuleError.TooManySigOps, hash, noTx, unknown);

        var coinbaseTx = TransactionReader.Read(block.Slice(shape.CoinbaseOffset, shape.CoinbaseLength));
        checkedBlock = new CheckedBlock
        {
            Hash = hash,
            Header = header,
            Shape = shape,
            LegacySigOps = (int)checks.SigOps,
            Witness = WitnessCommitment.Check(coinbaseTx, wtxids, shape.HasWitness),
            MaxHeightLock = checks.MaxHeightLock,
            MaxTimeLock = checks.MaxTimeLock,
        };
        return BlockValidationResult.Valid(hash, unknown);
    }

    /// <summary>Core's CheckWitnessMalleation, on the commitment CheckBlock already computed.</summary>
    private static BlockRuleError WitnessRule(in CheckedBlock checkedBlock, bool segwitActive)
    {
        if (!segwitActive) return checkedBlock.HasWitness ? BlockRuleError.UnexpectedWitness : BlockRuleError.None;
        return checkedBlock.Witness switch
        {
            WitnessCommitmentResult.Valid or WitnessCommitmentResult.NoCommitment => BlockRuleError.None,
            WitnessCommitmentResult.BadReservedValue => BlockRuleError.BadWitnessNonceSize,
            WitnessCommitmentResult.Mismatch => BlockRuleError.BadWitnessMerkleMatch,
            _ => BlockRuleError.UnexpectedWitness,
        };
    }

    /// <summary>The failure path only: which transaction is the first non-final one.</summary>
    private static int FirstNonFinal(ReadOnlySpan<byte> block, int height, long cutoff)
    {
        BlockReader.TryOpen(block, out var reader, out _);
        for (int i = 0; reader.TryReadNext(out var tx, out _); i++)
            if (!TxFinality.IsFinal(tx, height, cutoff)) return i;
        throw new InvalidOperationException("the lock time summary and the transactions disagree");
    }

    private static BlockValidationResult Malformed(in Hash256 hash, TxDecodeError decodeError) =>
        new(BlockRuleError.Malformed, hash, BlockValidationResult.NoTx, BlockValidationResult.UnknownHeight, decodeError);
}
