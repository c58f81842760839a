using Node.Primitives;
using Node.Primitives.Blocks;

namespace Node.Chain.Validation;

/// <summary>
/// What <see cref="BlockValidator.CheckBlock"/> learned about a block that passed it, so that
/// <see cref="BlockValidator.ContextualCheckBlock"/> needs no hashing and no pass over the inputs.
/// </summary>
public readonly record struct CheckedBlock
{
    public Hash256 Hash { get; init; }
    public BlockHeader Header { get; init; }

    /// <summary>Sizes and counts: weight, stripped size, transaction count, whether any witness.</summary>
    public BlockShape Shape { get; init; }

    /// <summary>Core's GetLegacySigOpCount summed over the block (not yet scaled by 4).</summary>
    public int LegacySigOps { get; init; }

    /// <summary>
    /// The BIP141 commitment computed context-free; it is enforced only where segwit is active.
    /// </summary>
    public WitnessCommitmentResult Witness { get; init; }

    /// <summary>
    /// Largest height lock time (1..499,999,999) among transactions that have a non-final input
    /// sequence, 0 when none: the block is final at height h exactly when this is below h.
    /// </summary>
    public uint MaxHeightLock { get; init; }

    /// <summary>Same as <see cref="MaxHeightLock"/> for time lock times (≥ 500,000,000), 0 when none.</summary>
    public uint MaxTimeLock { get; init; }

    public int Weight => Shape.Weight;
    public int TxCount => Shape.TxCount;
    public bool HasWitness => Shape.HasWitness;
}
