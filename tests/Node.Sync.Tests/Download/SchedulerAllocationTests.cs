using Node.Sync.Download;

namespace Node.Sync.Tests.Download;

/// <summary>Scheduling, receiving and timeout checks allocate nothing once the maps have grown.</summary>
public class SchedulerAllocationTests
{
    [Fact]
    public void A_steady_download_allocates_nothing()
    {
        using var h = new SchedulerHarness();
        for (int peer = 0; peer < 8; peer++) h.AddPeer(peer);
        Span<int> ids = stackalloc int[16];
        var index = h.Chain.Index;

        void Round(Span<int> ids)
        {
            for (int peer = 0; peer < 8; peer++)
            {
                int n = h.Scheduler.NextBlocksToRequest(peer, ids);
                foreach (int id in ids[..n])
                {
                    h.Scheduler.OnBlockReceived(peer, index[id].Hash);
                    h.Chain.Store(id);
                }
                h.Scheduler.CheckPeer(peer);
            }
        }

        for (int i = 0; i < 10; i++) Round(ids);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 60; i++) Round(ids);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(10236, index[h.Scheduler.BestKnown(0)].Height);
        Assert.Equal(0, h.Scheduler.BlocksInFlight);
    }
}
