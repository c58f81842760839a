using Node.Chain.Validation;

namespace Node.Chain.State;

/// <summary>
/// The verdict of the context-free block checks, which a caller may compute off the chain's
/// thread (e.g. on the peer's task) and hand to <see cref="ChainState.ProcessBlock(ReadOnlySpan{byte}, BlockCheck?)"/>.
/// </summary>
public readonly record struct BlockCheck(RuleError Error)
{
    public static BlockCheck Valid => default;

    public bool IsValid => Error == RuleError.None;

    /// <summary>
    /// The bytes may not be the block the header describes (Core's BLOCK_MUTATED): the header is
    /// not marked invalid, so the real block can still be accepted.
    /// </summary>
    public bool MayBeMutation => Error is RuleError.BadBlockEncoding or RuleError.BadMerkleRoot or RuleError.DuplicateTransactions;
}
