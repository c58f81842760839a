using NBitcoin;
using Node.Chain.Mining;
using Node.Chain.State;
using Node.Sync.Hosting;
using Node.Sync.Tests.Hostile;
using Node.Sync.Tests.Integration;
using Node.Tests;
using ChainParams = Node.Primitives.Consensus.ChainParams;
using UInt256 = Node.Primitives.UInt256;

namespace Node.Sync.Tests.Interop;

/// <summary>Our node syncs from a peer written with NBitcoin's message types: mainnet 0–438, and a regtest chain of several headers messages.</summary>
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

    [Fact]
    public async Task A_full_headers_message_is_followed_by_a_getheaders_from_its_last_header_which_a_Core_style_server_answers()
    {
        const int height = 4_500; // headers messages of 2,000, 2,000 and 500
        var generator = new RegtestChainGenerator(new ChainGeneratorOptions { CoinbaseOnly = true });
        var raw = new List<byte[]>(height + 1) { ChainParams.Regtest.GenesisBlockBytes.ToArray() };
        generator.Generate(height, block => raw.Add(block.Bytes.ToArray()));
        var chain = raw.Select(bytes => Block.Load(bytes, Network.RegTest)).ToList();
        var tip = AttackedNode.HashOf(raw[^1]);
        using var flushLogs = new OutputOnExit(_logs, output);
        await using var server = new NBitcoinServer(Network.RegTest, chain);

        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var syncing = TestNode.Start(new NodeRunnerOptions
        {
            DataDirectory = TestNode.NewDataDir(),
            Network = ChainParams.Regtest,
            Connect = [server.EndPoint.ToString()],
            Loggers = _logs.Factory("N"),
        }, node => node.Sync.BlockConnected += block =>
        {
            if (block.Hash == tip) reached.TrySetResult();
        });
        await Await.Within(reached.Task, AttackedNode.Timeout, () => $"N at {syncing.Node.Sync.Counters.BlocksConnected} blocks");

        Assert.Equal(height, syncing.Node.Sync.Counters.HeadersReceived);
        Assert.Equal([chain[0].GetHash(), chain[2_000].GetHash(), chain[4_000].GetHash()], server.GetHeadersLocatorStarts.Take(3));
        await syncing.Node.StopAsync();
        Assert.Equal(height, server.BlocksServed);
    }
}
