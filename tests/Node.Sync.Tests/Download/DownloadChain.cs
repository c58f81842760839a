using Node.Chain.Index;
using Node.Chain.View;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Download;

namespace Node.Sync.Tests.Download;

/// <summary>
/// <see cref="IBlockDownloadChain"/> over a real block index of the mainnet headers and a real chain view
/// (in a temp directory), with genesis connected. Stored blocks are marked in the index's status.
/// </summary>
internal sealed class DownloadChain : IBlockDownloadChain, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sync-download-").FullName;

    public DownloadChain(ChainParams? chainParams = null, UInt256? minimumChainWork = null)
    {
        Index = MainnetHeaders.Index();
        Chain = ChainView.Open(_dir, Index, Index.Genesis);
        Index.SetStatus(Index.Genesis, BlockStatus.DataStored);
        Params = chainParams ?? ChainParams.Main;
        MinimumChainWork = minimumChainWork ?? UInt256.Zero;
    }

    public BlockIndex Index { get; }
    public ChainView Chain { get; }
    public ChainParams Params { get; }
    public UInt256 MinimumChainWork { get; }

    public bool HasBlockData(int id) => (Index[id].Status & BlockStatus.DataStored) != 0;

    public void Store(int id) => Index.SetStatus(id, BlockStatus.DataStored);

    /// <summary>Stores and connects every block up to <paramref name="height"/>.</summary>
    public void ConnectTo(int height)
    {
        for (int h = Chain.Height + 1; h <= height; h++) Store(h);
        Chain.SetTip(height);
    }

    /// <summary>Adds <paramref name="count"/> headers forking off the main chain after <paramref name="forkHeight"/>; returns their ids.</summary>
    public int[] AddFork(int forkHeight, int count)
    {
        var ids = new int[count];
        var prev = Index[forkHeight];
        for (int i = 0; i < count; i++)
        {
            var header = new BlockHeader(1, prev.Hash, MainnetHeaders.Hash(count - i), prev.Time + 600, prev.Bits, (uint)i);
            ids[i] = Index.Add(header, header.GetHash());
            prev = Index[ids[i]];
        }
        return ids;
    }

    public void Dispose()
    {
        Chain.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
