using Node.Sync.Download;

namespace Node.Sync.Tests.Download;

/// <summary>A scheduler over the real mainnet header chain, driven by a manual clock.</summary>
internal sealed class SchedulerHarness : IDisposable
{
    public SchedulerHarness(DownloadChain? chain = null, BlockDownloadOptions? options = null)
    {
        Chain = chain ?? new DownloadChain();
        Scheduler = new BlockDownloadScheduler(Chain, (options ?? new BlockDownloadOptions()) with { Clock = Clock });
    }

    public DownloadChain Chain { get; }
    public ManualClock Clock { get; } = new();
    public BlockDownloadScheduler Scheduler { get; }

    /// <summary>Registers a witness peer whose best header is at <paramref name="bestHeight"/> on the main chain.</summary>
    public void AddPeer(int peer, int bestHeight = 10236, bool witness = true)
    {
        Scheduler.AddPeer(peer, witness);
        Scheduler.OnPeerHasBlock(peer, bestHeight);
    }

    public int[] Request(int peer, int room = 64)
    {
        Span<int> ids = stackalloc int[room];
        return ids[..Scheduler.NextBlocksToRequest(peer, ids)].ToArray();
    }

    /// <summary>The peer delivers these blocks and they are stored.</summary>
    public void Deliver(int peer, IEnumerable<int> ids)
    {
        foreach (int id in ids)
        {
            Assert.Equal(BlockReceipt.Requested, Scheduler.OnBlockReceived(peer, Chain.Index[id].Hash));
            Chain.Store(id);
        }
    }

    /// <summary>Requests and delivers from <paramref name="peer"/> until it gets nothing more; returns every id it fetched.</summary>
    public List<int> Drain(int peer)
    {
        var all = new List<int>();
        while (Request(peer) is { Length: > 0 } got)
        {
            all.AddRange(got);
            Deliver(peer, got);
        }
        return all;
    }

    public static int[] Range(int from, int count) => Enumerable.Range(from, count).ToArray();

    public void Dispose() => Chain.Dispose();
}
