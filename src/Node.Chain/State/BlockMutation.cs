using Node.Chain.Validation;

namespace Node.Chain.State;

internal static class BlockMutation
{
    /// <summary>
    /// Core's BLOCK_MUTATED: the bytes may not be the block the header commits to (undecodable,
    /// a transaction list or witness that does not match the header's commitments), so the header
    /// is not marked invalid and the real block can still be accepted.
    /// </summary>
    public static bool MayBeMutation(this BlockRuleError error) => error is BlockRuleError.Malformed
        or BlockRuleError.BadMerkleRoot or BlockRuleError.MutatedMerkleTree
        or BlockRuleError.BadWitnessNonceSize or BlockRuleError.BadWitnessMerkleMatch or BlockRuleError.UnexpectedWitness;
}
