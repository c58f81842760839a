using Node.Chain.Mining;
using Node.Chain.State;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Hosting;

namespace Node.Sync.Tests.Integration;

/// <summary>
/// A generated regtest chain synced from three serving nodes, one of which never answers getdata: the sync
/// completes, the staller is found and dropped, and its blocks are fetched from the other two.
/// </summary>
public sealed class StallingPeerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Height = 2000;
    private readonly LogCollector _logs = new();

    [Fact]
    public async Task The_staller_is_dropped_and_the_sync_completes_from_the_other_peers()
    {
        var generator = new RegtestChainGenerator(new ChainGeneratorOptions { TargetBlockSize = 20_000 });
        var blocks = new List<byte[]>(Height);
        generator.Generate(Height, block => blocks.Add(block.Bytes.ToArray()));
        var tipHash = generator.Tip.Hash;
        var first = TestNode.Preload(ChainParams.Regtest, new ChainStateOptions(), blocks);
        var second = TestNode.NewDataDir();
        var third = TestNode.NewDataDir();
        TestNode.CopyDirectory(first, second);
        TestNode.CopyDirectory(first, third);

        // The generated chain is old by the system clock, so the serving nodes are in IBD and serve with the download permission.
        NodeRunnerOptions Serving(string dir, string name) => new()
        {
            DataDirectory = dir,
            Network = ChainParams.Regtest,
            Whitelist = ["download@127.0.0.1"],
            Loggers = _logs.Factory(name),
        };
        using var flushLogs = new OutputOnExit(_logs, output);
        await using var s1 = TestNode.Start(Serving(first, "S1"));
        await using var s2 = TestNode.Start(Serving(second, "S2"));
        await using var staller = TestNode.Start(Serving(third, "S3"), node => node.Sync.ServingPaused = true);

        var synced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stalls = new List<long>();
        var dropped = new List<string>();
        await using var syncing = TestNode.Start(new NodeRunnerOptions
        {
            DataDirectory = TestNode.NewDataDir(),
            Network = ChainParams.Regtest,
            AddNode = [staller.Address, s1.Address, s2.Address],
            // The dropped staller is not reconnected while the test runs.
            ReconnectDelay = TimeSpan.FromHours(1),
            Loggers = _logs.Factory("D"),
        }, node =>
        {
            node.Sync.StallDetected += stalls.Add;
            node.Sync.PeerDropped += (_, reason) => dropped.Add(reason);
            node.Sync.BlockConnected += block =>
            {
                if (block.Hash == tipHash) synced.TrySetResult();
            };
        });

        await Await.Within(synced.Task, TimeSpan.FromSeconds(60),
            () => $"D to reach {Height}: {syncing.Node.Sync.Counters.BlocksConnected} connected, {syncing.Node.Sync.Counters.StallsDetected} stalls");

        var counters = syncing.Node.Sync.Counters;
        Assert.Equal(Height, counters.BlocksConnected);
        Assert.True(counters.StallsDetected >= 1);
        Assert.Equal(counters.StallsDetected, stalls.Count);
        Assert.Contains(dropped, reason => reason.StartsWith("peer is stalling block download", StringComparison.Ordinal));
        Assert.True(counters.BlocksReRequested >= 1);
        Assert.Equal(0, staller.Node.Sync.Counters.BlocksServed);
        Assert.Equal(Height, s1.Node.Sync.Counters.BlocksServed + s2.Node.Sync.Counters.BlocksServed);
        Assert.True(s1.Node.Sync.Counters.BlocksServed > 0 && s2.Node.Sync.Counters.BlocksServed > 0, "both good peers served blocks");
    }
}
