namespace Node.Chain.Mining;

/// <summary>Why a block could not be assembled.</summary>
public enum BlockAssemblyError
{
    None,
    /// <summary>The block would weigh more than 4,000,000.</summary>
    Overweight,
    /// <summary>Subsidy plus declared fees exceed the money range.</summary>
    RewardOutOfRange,
    /// <summary>The block has witness data but segwit is not active at its height.</summary>
    UnexpectedWitness,
    /// <summary>Two transactions make the merkle tree ambiguous (a transaction listed twice).</summary>
    DuplicateTransaction,
    /// <summary>No nonce gives a hash under the target (possible only far above regtest difficulty).</summary>
    NonceSpaceExhausted,
}

public sealed class BlockAssemblyException(BlockAssemblyError error, string message) : Exception(message)
{
    public BlockAssemblyError Error { get; } = error;
}
