using Node.Demo;

namespace Node.Host.Tests;

public sealed class ShutdownDuringSyncTests
{
    // Many small blocks: quick to generate and check.
    private const int Blocks = 2000;
    private const int StopAbove = 20;

    // The first sync goes through a relay that passes the headers and about 100 blocks, then holds the rest,
    // so the node is mid-sync when it is stopped however fast it syncs.
    private const long PassBeforeHolding = 2_000_000;

    [Fact]
    public async Task A_syncing_node_stopped_by_SIGTERM_mid_sync_resumes_after_restart_and_ends_with_the_servers_chain()
    {
        string chain = HostNodes.Chain(Blocks, 20_000);
        await using var nodes = new HostNodes();
        int port = NodeProcess.FreePort();
        var server = await nodes.StartServerAsync("server", chain, port);
        Assert.Equal(Blocks, await server.BlockCountAsync());

        await using var relay = new HoldingRelay(port, PassBeforeHolding);
        relay.Start();
        var syncer = nodes.Start("syncer", $"-connect=127.0.0.1:{relay.Port}");
        await syncer.WaitForRpcAsync(HostNodes.Patience);
        await HostNodes.WaitForHeightAsync(syncer, StopAbove);
        HostNodes.Signal(syncer, HostNodes.SIGTERM);
        Assert.Equal(0, await syncer.WaitForExitAsync(HostNodes.Patience));
        Assert.True(relay.PassedFromTarget <= PassBeforeHolding);
        var stopped = File.ReadAllLines(syncer.DebugLog).Last(l => l.Contains("node stopped at tip ", StringComparison.Ordinal));
        int stoppedAt = int.Parse(stopped.Split("node stopped at tip ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(stoppedAt, StopAbove, Blocks - 1);

        var restarted = nodes.Start("syncer", $"-connect=127.0.0.1:{port}");
        await restarted.WaitForRpcAsync(HostNodes.Patience);
        // The chain state came back at the tip it was flushed with, not from genesis.
        Assert.True(await restarted.BlockCountAsync() >= stoppedAt);
        await HostNodes.WaitForHeightAsync(restarted, Blocks);

        Assert.Equal(await server.BestBlockHashAsync(), await restarted.BestBlockHashAsync());
        for (int height = 0; height <= Blocks; height++)
        {
            string expected = (await server.Rpc.CallAsync("getblockhash", height)).GetString()!;
            Assert.Equal(expected, (await restarted.Rpc.CallAsync("getblockhash", height)).GetString());
            var block = await restarted.Rpc.CallAsync("getblock", expected, 1);
            Assert.Equal(height, block.GetProperty("height").GetInt32());
            // The stored bytes are the server's, byte for byte.
            Assert.Equal((await server.Rpc.CallAsync("getblock", expected, 0)).GetString(), (await restarted.Rpc.CallAsync("getblock", expected, 0)).GetString());
        }
    }
}
