using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Rpc.Backends;

/// <summary>
/// What the blockchain methods need from the chain: read-only views of the best chain and the
/// block index, stored block bytes, and the two submission paths. Implementations serialize access
/// to a single-threaded chain state themselves; RPC calls arrive on any thread.
/// </summary>
public interface IBlockchainRpcBackend
{
    ChainParams Params { get; }

    /// <summary>The tip, the best header and the summary numbers of getblockchaininfo.</summary>
    ChainSummary GetSummary();

    /// <summary>The hash of the best chain's block at <paramref name="height"/>; false outside 0..tip.</summary>
    bool TryGetHashAtHeight(int height, out Hash256 hash);

    /// <summary>What the block index knows of <paramref name="hash"/>; false if it knows no such header.</summary>
    bool TryGetEntry(in Hash256 hash, out BlockEntry entry);

    /// <summary>The stored block's serialized bytes, or null when the block's data is not stored.</summary>
    byte[]? ReadBlock(in Hash256 hash);

    /// <summary>Every tip of the block tree (Core's getchaintips), the active one included.</summary>
    IReadOnlyList<ChainTip> GetChainTips();

    /// <summary>Processes a block that decoded and starts with a coinbase (the RPC layer checked both).</summary>
    BlockSubmission SubmitBlock(ReadOnlySpan<byte> block);

    /// <summary>Accepts a header whose parent the index knows (the RPC layer checked it).</summary>
    HeaderSubmission SubmitHeader(in BlockHeader header);
}
