using Node.Chain.Index;
using Node.Chain.View;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Sync.Download;

/// <summary>
/// What block scheduling reads from the chain: the header tree (heights, hashes, ancestry, chain work,
/// failed marks), the active chain, and which blocks are already stored. Read on the sync core's thread only.
/// </summary>
public interface IBlockDownloadChain
{
    BlockIndex Index { get; }

    /// <summary>The active chain; its tip is the last connected block.</summary>
    ChainView Chain { get; }

    ChainParams Params { get; }

    /// <summary>A peer whose best header has less work than this offers nothing worth downloading.</summary>
    UInt256 MinimumChainWork { get; }

    /// <summary>The block's bytes are stored (connected or waiting to be).</summary>
    bool HasBlockData(int id);
}
