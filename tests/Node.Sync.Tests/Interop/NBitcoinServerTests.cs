using NBitcoin;
using Node.Chain.State;
using Node.Sync.Hosting;
using Node.Sync.Tests.Hostile;
using Node.Sync.Tests.Integration;
using Node.Tests;
using ChainParams = Node.Primitives.Consensus.ChainParams;
using UInt256 = Node.Primitives.UInt256;

namespace Node.Sync.Tests.Interop;

/// <summary>Our node syncs mainnet 0–438 from a peer written with NBitcoin's message types.</summary>
public sealed class NBitcoinServerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private readonly LogCollector _logs = new();

    [Fact]
    public async Task Our_node_syncs_to_438_from_a_peer_speaking_NBitcoins_serialization()
    {
        var raw = TestData.BlkRecords("blocks/mainnet-0-438.blk");
        var chain = raw.Select(bytes => Block.Load(bytes, Network.Main)).ToList();
        var tip = AttackedNode.HashOf(raw[^1]);
        using var flushLogs = new OutputOnExit(_logs, output);
        await using var server = new NBitcoinServer(Network.Main, chain);

        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var syncing = TestNode.Start(new NodeRunnerOptions
        {
            DataDirectory = TestNode.NewDataDir(),
            Network = ChainParams.Main,
            MinimumChainWork = UInt256.Zero,
            Connect = [server.EndPoint.ToString()],
            Loggers = _logs.Factory("N"),
        }, node => node.Sync.BlockConnected += block =>
        {
            if (block.Hash == tip) reached.TrySetResult();
        });
        await Await.Within(reached.Task, AttackedNode.Timeout, () => $"N at {syncing.Node.Sync.Counters.BlocksConnected} blocks");

        await syncing.Node.StopAsync();
        Assert.Equal(438, server.BlocksServed);
        using var stored = ChainState.Open(syncing.DataDir, ChainParams.Main, new ChainStateOptions { MinimumChainWork = UInt256.Zero });
        Assert.Equal(438, stored.TipHeight);
        Assert.Equal(tip, stored.Tip);
    }
}
