using System.Diagnostics;
using Node.Primitives.Consensus;
using Node.Sync.Core;
using Node.Sync.Hosting;

namespace Node.Bench.Ibd;

/// <summary>
/// One measured initial block download: serving nodes, all in one child process, hold the cached chain; a fresh node
/// in this process syncs it from them over 127.0.0.1, a sampler thread marks the end of the headers phase and the start of
/// the steady state, and the result is checked against the servers before it is returned.
/// </summary>
public static class IbdRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    /// <summary>Builds the cache (in a child process, so this process's peak RSS is the syncer's alone).</summary>
    public static ChainCache Prepare(IbdSettings settings, TextWriter log)
    {
        SelfProcess.Run(["prepare", .. settings.ToArgs()], log);
        return new ChainCache(settings);
    }

    public static IbdResult Run(IbdSettings settings, TextWriter log, AllocationSampler? sampler = null)
    {
        var cache = Prepare(settings, log);
        long chainBytes = cache.EnsureBlkFile(log);
        var expectedTip = cache.TipHash();
        log.WriteLine($"syncing {settings.Blocks} blocks from {settings.Peers} serving node(s) in one child process");
        var syncDir = Path.Combine(Path.GetTempPath(), "sharpnode-ibd-" + Guid.NewGuid().ToString("N"));
        ServingPeers? peers = null;
        try
        {
            peers = ServingPeers.Start(settings, expectedTip);

            GC.Collect();
            GC.WaitForPendingFinalizers();
            if (sampler is not null) sampler.Recording = true;
            var result = Measure(settings, chainBytes, syncDir, peers.Addresses);
            if (sampler is not null) sampler.Recording = false;
            peers.Stop();
            result = result with { BlocksServedByPeer = peers.BlocksServed };
            SyncCheck.Verify(syncDir, cache.ServeDirectory(0), expectedTip, settings.Blocks);
            return result;
        }
        finally
        {
            peers?.Dispose();
            if (Directory.Exists(syncDir)) Directory.Delete(syncDir, recursive: true);
        }
    }

    /// <summary>Syncs a fresh node on <paramref name="syncDir"/> from the running peers and measures it.</summary>
    /// <summary>A fresh regtest node on <paramref name="dataDirectory"/> that syncs from <paramref name="peers"/> only (no listening, no reconnecting).</summary>
    internal static NodeRunnerOptions SyncingNode(string dataDirectory, IReadOnlyList<string> peers) => new()
    {
        DataDirectory = dataDirectory,
        Network = ChainParams.Regtest,
        Connect = [.. peers],
        Listen = false,
        ReconnectDelay = TimeSpan.FromHours(1),
    };

    public static IbdResult Measure(IbdSettings settings, long chainBytes, string syncDir, IReadOnlyList<string> peerAddresses)
    {
        int blocks = settings.Blocks;
        int steadyFrom = Math.Max(1, blocks / 10), halfway = Math.Max(1, blocks / 2);
        var done = new ManualResetEventSlim();
        long doneAt = 0;
        var node = new NodeRunner(SyncingNode(syncDir, peerAddresses));
        long firstHeadersAt = 0, headersAt = 0, steadyAt = 0, steadyAllocated = 0, halfwayAllocated = 0;
        int steadyConnected = 0, halfwayConnected = 0;
        // The block marks are taken as the blocks connect (the sync starts from genesis, so a height is a count).
        node.Sync.BlockConnected += block =>
        {
            if (block.Height == steadyFrom)
            {
                steadyAllocated = GC.GetTotalAllocatedBytes(precise: true);
                steadyConnected = block.Height;
                steadyAt = Stopwatch.GetTimestamp();
            }
            if (block.Height == halfway)
            {
                halfwayAllocated = GC.GetTotalAllocatedBytes(precise: true);
                halfwayConnected = block.Height;
            }
            if (block.Height != blocks) return;
            Volatile.Write(ref doneAt, Stopwatch.GetTimestamp());
            done.Set();
        };
        var counters = node.Sync.Counters;
        // The headers phase has no event to hang its marks on: polled every millisecond while it lasts, and no longer,
        // so the sampler does not wake a thousand times a second beside the measured block download.
        var sampler = new Thread(() =>
        {
            while (!done.IsSet && headersAt == 0)
            {
                if (firstHeadersAt == 0 && counters.HeadersReceived > 0) firstHeadersAt = Stopwatch.GetTimestamp();
                if (counters.HeadersReceived >= blocks) headersAt = Stopwatch.GetTimestamp();
                Thread.Sleep(1);
            }
        }) { IsBackground = true, Name = "ibd-sampler", Priority = ThreadPriority.AboveNormal };

        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        try
        {
            sampler.Start();
            node.Start();
            if (!done.Wait(Timeout))
                throw new IbdCheckException($"sync did not finish within {Timeout}: {counters.BlocksConnected} of {blocks} blocks connected, {counters.HeadersReceived} headers");
            long allocatedAfter = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            long end = doneAt;
            sampler.Join();
            if (headersAt == 0 || headersAt > end) headersAt = end;
            if (firstHeadersAt == 0 || firstHeadersAt > headersAt) firstHeadersAt = start;
            return new IbdResult
            {
                Settings = settings,
                ChainBytes = chainBytes,
                Wall = Stopwatch.GetElapsedTime(start, end),
                SyncerCpu = cpu,
                HeadersPhase = Stopwatch.GetElapsedTime(start, headersAt),
                HeadersTransfer = Stopwatch.GetElapsedTime(firstHeadersAt, headersAt),
                SteadyBlocks = steadyAt == 0 ? 0 : blocks - steadyConnected,
                SteadyTime = steadyAt == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(steadyAt, end),
                SteadyAllocatedBytes = steadyAt == 0 ? 0 : allocatedAfter - steadyAllocated,
                SecondHalfBlocks = halfwayConnected == 0 ? 0 : blocks - halfwayConnected,
                SecondHalfAllocatedBytes = halfwayConnected == 0 ? 0 : allocatedAfter - halfwayAllocated,
                TotalAllocatedBytes = allocatedAfter - allocatedBefore,
                Gen0 = GC.CollectionCount(0) - gen0,
                Gen1 = GC.CollectionCount(1) - gen1,
                Gen2 = GC.CollectionCount(2) - gen2,
                PeakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64,
                BlocksServedByPeer = [],
                LoadAverage = LoadAverage(),
            };
        }
        finally
        {
            done.Set();
            node.StopAsync().GetAwaiter().GetResult();
        }
    }

    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "n/a";
    }
}
