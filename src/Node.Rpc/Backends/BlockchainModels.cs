using Node.Primitives;

namespace Node.Rpc.Backends;

/// <summary>The chain's summary for getblockchaininfo: tip, best header, sync state and storage.</summary>
public readonly record struct ChainSummary(
    int Height,
    Hash256 BestBlockHash,
    int HeadersHeight,
    bool InitialBlockDownload,
    double VerificationProgress,
    long SizeOnDisk,
    bool Pruned);

/// <summary>
/// One block index entry as the RPC methods show it. <see cref="Confirmations"/> is Core's: tip
/// height - height + 1 on the best chain, -1 off it. <see cref="TxCount"/> is 0 while the block's
/// data is not stored (Core's nTx).
/// </summary>
public readonly record struct BlockEntry(
    BlockHeader Header,
    Hash256 Hash,
    int Height,
    UInt256 ChainWork,
    uint MedianTimePast,
    int Confirmations,
    Hash256? NextBlockHash,
    int TxCount);

/// <summary>Core's getchaintips status strings.</summary>
public enum ChainTipStatus
{
    Active,
    ValidFork,
    ValidHeaders,
    HeadersOnly,
    Invalid,
}

/// <summary>One tip of the block tree: its height, hash, the length of its branch off the best chain, and status.</summary>
public readonly record struct ChainTip(int Height, Hash256 Hash, int BranchLength, ChainTipStatus Status);

/// <summary>What became of a submitted block, in Core's BIP22 terms.</summary>
public enum BlockSubmissionStatus
{
    /// <summary>Valid and connected: submitblock returns null.</summary>
    Connected,
    /// <summary>Already known and valid: "duplicate".</summary>
    Duplicate,
    /// <summary>Already known as invalid: "duplicate-invalid".</summary>
    DuplicateInvalid,
    /// <summary>Stored but not (yet) on the best chain: "inconclusive".</summary>
    Inconclusive,
    /// <summary>Invalid: the reject reason ("bad-txnmrklroot", "high-hash", "prev-blk-not-found", ...).</summary>
    Rejected,
}

public readonly record struct BlockSubmission(BlockSubmissionStatus Status, string RejectReason = "");

/// <summary>A header's verdict: valid, or Core's BlockValidationState text (e.g. "high-hash, proof of work failed").</summary>
public readonly record struct HeaderSubmission(bool Valid, string Reason = "");
