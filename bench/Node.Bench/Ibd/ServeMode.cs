using Node.Primitives.Consensus;
using Node.Sync.Hosting;

namespace Node.Bench.Ibd;

/// <summary>
/// The child-process side: <c>prepare</c> builds the cached chain and serving directories; <c>serve K</c> runs a
/// node on serving directory K on 127.0.0.1, prints "listening ADDRESS TIP", and stops when its input closes,
/// printing "served BLOCKS".
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

    public static async Task<int> Serve(int peer, IbdSettings settings)
    {
        var cache = new ChainCache(settings);
        await using var node = NodeRunner.StartNew(new NodeRunnerOptions
        {
            DataDirectory = cache.ServeDirectory(peer),
            Network = ChainParams.Regtest,
            Bind = "127.0.0.1",
            Port = 0,
            // The generated chain is old by the clock, so the server is in IBD and serves only with the download permission.
            Whitelist = ["download@127.0.0.1"],
        });
        Console.WriteLine($"listening {node.ListenEndPoint} {node.Chain.Tip}");
        await Console.In.ReadToEndAsync();
        long served = node.Sync.Counters.BlocksServed;
        await node.StopAsync();
        Console.WriteLine($"served {served}");
        return 0;
    }
}
