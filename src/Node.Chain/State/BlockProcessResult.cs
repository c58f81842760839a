using Node.Chain.Validation;
using Node.Primitives;

namespace Node.Chain.State;

/// <summary>What <see cref="ChainState.ProcessBlock(ReadOnlySpan{byte})"/> did with a block.</summary>
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
    /// <summary>The block breaks a rule: its header's (<see cref="BlockProcessResult.HeaderError"/>) or its own (<see cref="BlockProcessResult.BlockError"/>).</summary>
    Invalid,
}

/// <summary>
/// The outcome of processing one block: status, the rule broken when invalid, and the height: the
/// block's height in the index, or for an orphan the height its coinbase claims (BIP34), from which
/// a peer's announced height can be updated; -1 when unknown.
/// </summary>
public readonly record struct BlockProcessResult(BlockProcessStatus Status, Hash256 Hash, RuleError HeaderError, BlockRuleError BlockError, int Height)
{
    public bool IsInvalid => Status == BlockProcessStatus.Invalid;

    /// <summary>Bitcoin Core's reject reason when invalid, else "".</summary>
    public string RejectReason =>
        HeaderError != RuleError.None ? new HeaderValidationResult(HeaderError, Height, Hash, 0, 0).CoreReason : BlockError.ToRejectReason();

    internal static BlockProcessResult Of(BlockProcessStatus status, in Hash256 hash, int height) => new(status, hash, RuleError.None, BlockRuleError.None, height);

    internal static BlockProcessResult InvalidHeader(in Hash256 hash, RuleError error) => new(BlockProcessStatus.Invalid, hash, error, BlockRuleError.None, -1);

    internal static BlockProcessResult InvalidBlock(in Hash256 hash, BlockRuleError error, int height) => new(BlockProcessStatus.Invalid, hash, RuleError.None, error, height);

    public override string ToString() => IsInvalid ? $"block {Hash} invalid: {RejectReason}" : $"block {Hash} {Status}";
}

/// <summary>The outcome of accepting one header: its block index id (or <see cref="Index.BlockIndex.None"/>) and the validation verdict.</summary>
public readonly record struct HeaderAcceptResult(int Id, HeaderValidationResult Validation)
{
    public bool IsValid => Validation.IsValid;
}
