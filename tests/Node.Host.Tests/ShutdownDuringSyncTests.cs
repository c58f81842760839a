using Node.Demo;

namespace Node.Host.Tests;

public sealed class ShutdownDuringSyncTests
{
    // Many small blocks: long enough a sync to stop it in the middle, quick to generate and check.
    private const int Blocks = 2000;
    private const int StopAbove = 20;

    [Fact]
    public async Task A_syncing_node_stopped_by_SIGTERM_mid_sync_resumes_after_restart_and_ends_with_the_servers_chain()
    {
        string chain = HostNodes.Chain(Blocks, 20_000);
        await using var nodes = new HostNodes();
        int port = NodeProcess.FreePort();
        var server = await nodes.StartServerAsync("server", chain, port);
        Assert.Equal(Blocks, await server.BlockCountAsync());

        var syncer = nodes.Start("syncer", $"-connect=127.0.0.1:{port}");
        await syncer.WaitForRpcAsync(HostNodes.Patience);
        await HostNodes.WaitForHeightAsync(syncer, StopAbove, poll: TimeSpan.FromMilliseconds(10));
        HostNodes.Signal(syncer, HostNodes.SIGTERM);
        Assert.Equal(0, await syncer.WaitForExitAsync(HostNodes.Patience));
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
