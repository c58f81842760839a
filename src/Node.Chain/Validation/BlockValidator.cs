using Node.Primitives;
using Node.Primitives.Blocks;
using Node.Primitives.Consensus;
using Node.Primitives.Hashing;
using Node.Primitives.Transactions;

namespace Node.Chain.Validation;

/// <summary>
/// Block validation that needs no UTXO set: Core's CheckBlock (context-free) and ContextualCheckBlock
/// (height, previous median time past, network). Stateless and thread-safe; CheckBlock works in a
/// <see cref="BlockCheckScratch"/>, the caller's or one lent by a small shared pool, so after warm-up
/// validating allocates nothing.
/// </summary>
public static class BlockValidator
{
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
        var scratch = BlockCheckScratchPool.Rent();
        try
        {
            return CheckBlock(block, blockDoubleHash, scratch, out checkedBlock);
        }
        finally
        {
            BlockCheckScratchPool.Return(scratch);
        }
    }

    /// <summary>
    /// <see cref="CheckBlock(ReadOnlySpan{byte}, Span{byte}, out CheckedBlock)"/> in the caller's
    /// <paramref name="scratch"/>, which grows to the block if needed: with a scratch of its own, a
    /// thread that checks blocks allocates nothing once it has checked one as large, however many
    /// checks run elsewhere at the same time. <paramref name="blockDoubleHash"/> may be empty.
    /// </summary>
    public static BlockValidationResult CheckBlock(ReadOnlySpan<byte> block, Span<byte> blockDoubleHash, BlockCheckScratch scratch,
        out CheckedBlock checkedBlock)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        checkedBlock = default;
        var hash = block.Length >= BlockHeader.Size ? BlockHeader.HashOf(block) : default;
        if (!BlockScanner.TryReadTxCount(block, out int txCount, out var decodeError))
        {
            if (!blockDoubleHash.IsEmpty) Sha256.DoubleHash(block).WriteTo(blockDoubleHash);
            return Malformed(hash, decodeError);
        }

        scratch.Enter();
        try
        {
            var hashes = scratch.Hashes(txCount);
            var checks = new BlockTxChecks(scratch);
            return Check(block, hash, hashes[..(txCount * Hash256.Size)], hashes[(txCount * Hash256.Size)..], blockDoubleHash, scratch,
                ref checks, out checkedBlock);
        }
        finally
        {
            scratch.Exit();
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
        Span<byte> blockDoubleHash, BlockCheckScratch scratch, ref BlockTxChecks checks, out CheckedBlock checkedBlock)
    {
        const int unknown = BlockValidationResult.UnknownHeight, noTx = BlockValidationResult.NoTx;
        checkedBlock = default;
        // One parse: the scan that hashes the transactions also runs every per-transaction check.
        if (!BlockScanner.TryScan(block, txids, wtxids, blockDoubleHash, scratch.Scan, ref checks, out var shape, out var decodeError))
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
