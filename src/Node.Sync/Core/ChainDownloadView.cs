using Node.Chain.Index;
using Node.Chain.State;
using Node.Chain.View;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Download;

namespace Node.Sync.Core;

/// <summary>The <see cref="ChainState"/> as the block download scheduler reads it.</summary>
internal sealed class ChainDownloadView(ChainState chain) : IBlockDownloadChain
{
    public BlockIndex Index => chain.Index;
    public ChainView Chain => chain.Chain;
    public ChainParams Params => chain.Params;
    public UInt256 MinimumChainWork => chain.MinimumChainWork;
    public bool HasBlockData(int id) => (chain.Index[id].Status & BlockStatus.DataStored) != 0;
}
