using Node.Chain.Mining;
using Node.Chain.State;
using Node.Net;
using Node.Primitives.Consensus;
using Node.Sync.Hosting;

namespace Node.Sync.Tests.Integration;

/// <summary>
/// The per-peer snapshot getpeerinfo reads, taken from a node whose only peer sends headers but never the
/// blocks asked for: the download window is full and stays so.
/// </summary>
public sealed class PeerSyncStatsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Height = 100;
    private readonly LogCollector _logs = new();

    [Fact]
    public async Task A_peer_holding_back_blocks_shows_its_headers_and_the_blocks_in_flight()
    {
        var generator = new RegtestChainGenerator(new ChainGeneratorOptions());
        var blocks = new List<byte[]>(Height);
        generator.Generate(Height, block => blocks.Add(block.Bytes.ToArray()));
        using var flushLogs = new OutputOnExit(_logs, output);
        await using var holder = TestNode.Start(new NodeRunnerOptions
        {
            DataDirectory = TestNode.Preload(ChainParams.Regtest, new ChainStateOptions(), blocks),
            Network = ChainParams.Regtest,
            Whitelist = ["download@127.0.0.1"],
            Loggers = _logs.Factory("H"),
        }, node => node.Sync.ServingPaused = true);
        await using var syncing = TestNode.Start(new NodeRunnerOptions
        {
            DataDirectory = TestNode.NewDataDir(),
            Network = ChainParams.Regtest,
            Connect = [holder.Address],
            Loggers = _logs.Factory("S"),
        });

        IPeerSyncStatsSource source = syncing.Node.Sync;
        PeerSyncStats stats = default;
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(async () =>
        {
            while (!full.Task.IsCompleted)
            {
                var peer = syncing.Node.Connections.Peers.FirstOrDefault();
                if (peer is not null && source.TryGetSyncStats(peer.Id, out stats) && stats.InFlightHeights.Length == 16) full.TrySetResult();
                else await Task.Delay(20);
            }
        });
        await Await.Within(full.Task, TimeSpan.FromSeconds(60), () => $"16 blocks in flight, saw {stats}");

        Assert.Equal(Height, stats.SyncedHeaders);
        Assert.Equal(0, stats.SyncedBlocks); // only genesis is shared
        Assert.Equal(Enumerable.Range(1, 16), stats.InFlightHeights);
        Assert.Equal(0, stats.LastBlockTime);
        Assert.False(source.TryGetSyncStats(long.MaxValue, out _));
        Assert.False(source.TryGetSyncStats(-1, out _));
    }
}
