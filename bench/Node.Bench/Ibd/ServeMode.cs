using Node.Primitives.Consensus;
using Node.Sync.Hosting;

namespace Node.Bench.Ibd;

/// <summary>
/// The child-process side: <c>prepare</c> builds the cached chain and serving directories; <c>serve K</c> runs K
/// nodes in this one process, node k on serving directory k, each listening on its own port of 127.0.0.1. It prints
/// "listening ADDRESS TIP" per node in order, and when its input closes stops them all and prints "served k BLOCKS"
/// per node.
/// </summary>
public static class ServeMode
{
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
                Console.WriteLine($"listening {node.ListenEndPoint} {node.Chain.Tip}");
            }
            await Console.In.ReadToEndAsync();
            var served = runners.Select(node => node.Sync.Counters.BlocksServed).ToArray();
            await Task.WhenAll(runners.Select(node => node.StopAsync()));
            for (int peer = 0; peer < served.Length; peer++) Console.WriteLine($"served {peer} {served[peer]}");
            return 0;
        }
        finally
        {
            foreach (var node in runners) await node.DisposeAsync();
        }
    }
}
