using Node.Primitives.Consensus;
using Node.Sync.Hosting;

namespace Node.Bench.Ibd;

/// <summary>
/// The child-process side: <c>prepare</c> builds the cached chain and serving directories; <c>serve K</c> runs K
/// nodes in this one process, node k on serving directory k, each listening on its own port of 127.0.0.1. Before they
/// are announced, a throwaway node in this process syncs the first <see cref="WarmupBlocks"/> blocks from each, so that
/// the serving code is compiled at its final tier as in a long-running peer, rather than in the measured run. It prints
/// "listening ADDRESS TIP" per node in order, and when its input closes stops them all and prints "served k BLOCKS"
/// per node (the measured run's blocks, without the warm-up's).
/// </summary>
public static class ServeMode
{
    /// <summary>Blocks each serving node sends to the throwaway node before the measured run (fewer on a shorter chain).</summary>
    public const int WarmupBlocks = 300;

    // Time for the runtime to finish compiling what the warm-up made hot (it compiles in the background after 30 calls).
    private static readonly TimeSpan TieringPause = TimeSpan.FromSeconds(1);

    public static int Prepare(ReadOnlySpan<string> args)
    {
        var settings = IbdSettings.Parse(args);
        var cache = new ChainCache(settings);
        cache.EnsureBlkFile(Console.Out);
        cache.EnsureServeDirectories(settings.Peers, Console.Out);
        return 0;
    }

    public static async Task<int> Serve(int nodes, IbdSettings settings)
    {
        var cache = new ChainCache(settings);
        var runners = new List<NodeRunner>(nodes);
        try
        {
            for (int peer = 0; peer < nodes; peer++)
            {
                var node = NodeRunner.StartNew(new NodeRunnerOptions
                {
                    DataDirectory = cache.ServeDirectory(peer),
                    Network = ChainParams.Regtest,
                    Bind = "127.0.0.1",
                    Port = 0,
                    // The generated chain is old by the clock, so the server is in IBD and serves only with the download permission.
                    Whitelist = ["download@127.0.0.1"],
                });
                runners.Add(node);
            }
            foreach (var node in runners) await WarmUpAsync(node, Math.Min(WarmupBlocks, settings.Blocks / 2));
            await Task.Delay(TieringPause);
            var warmup = runners.Select(node => node.Sync.Counters.BlocksServed).ToArray();
            foreach (var node in runners) Console.WriteLine($"listening {node.ListenEndPoint} {node.Chain.Tip}");
            await Console.In.ReadToEndAsync();
            var served = runners.Select((node, k) => node.Sync.Counters.BlocksServed - warmup[k]).ToArray();
            await Task.WhenAll(runners.Select(node => node.StopAsync()));
            for (int peer = 0; peer < served.Length; peer++) Console.WriteLine($"served {peer} {served[peer]}");
            return 0;
        }
        finally
        {
            foreach (var node in runners) await node.DisposeAsync();
        }
    }

    /// <summary>A fresh node on a temporary directory syncs from <paramref name="server"/> until it holds <paramref name="blocks"/> blocks.</summary>
    private static async Task WarmUpAsync(NodeRunner server, int blocks)
    {
        string directory = Path.Combine(Path.GetTempPath(), "sharpnode-ibd-warmup-" + Guid.NewGuid().ToString("N")[..8]);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await using var client = new NodeRunner(IbdRun.SyncingNode(directory, [server.ListenEndPoint!.ToString()]));
            client.Sync.BlockConnected += block =>
            {
                if (block.Height >= blocks) reached.TrySetResult();
            };
            client.Start();
            await reached.Task.WaitAsync(TimeSpan.FromMinutes(5));
            await client.StopAsync();
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }
}
