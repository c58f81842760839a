using Node.Chain.Validation;
using Node.Primitives;

namespace Node.Chain.State;

/// <summary>What <see cref="ChainState.ProcessBlock(ReadOnlySpan{byte}, BlockCheck?)"/> did with a block.</summary>
public enum BlockProcessStatus : byte
{
    /// <summary>Stored and valid so far, but not (yet) on the best chain.</summary>
    Accepted,
    /// <summary>Stored and connected: the block is on the best chain.</summary>
    Connected,
    /// <summary>The block's bytes were already stored (or it waits in the orphan pool).</summary>
    AlreadyHave,
    /// <summary>Its parent is unknown: the block waits in the orphan pool.</summary>
    Orphan,
    /// <summary>The block breaks a rule: see <see cref="BlockProcessResult.Error"/>.</summary>
    Invalid,
}

/// <summary>
/// The outcome of processing one block: status, the rule broken when invalid, and the height its
/// coinbase claims (BIP34; -1 when it claims none), which a peer's announced height can be updated from.
/// </summary>
public readonly record struct BlockProcessResult(BlockProcessStatus Status, Hash256 Hash, RuleError Error, int CoinbaseHeight)
{
    public bool IsInvalid => Status == BlockProcessStatus.Invalid;

    public override string ToString() => Status == BlockProcessStatus.Invalid
        ? $"block {Hash} invalid: {Error}"
        : $"block {Hash} {Status}";
}

/// <summary>The outcome of accepting one header: its block index id (or <see cref="Index.BlockIndex.None"/>) and the validation verdict.</summary>
public readonly record struct HeaderAcceptResult(int Id, HeaderValidationResult Validation)
{
    public bool IsValid => Validation.IsValid;
}
