using System.Text.Json.Nodes;
using Node.Demo;
using Node.Rpc.Tests.Client;
using Call = Node.Rpc.Tests.Client.BitcoinCoreClient.Call;

namespace Node.Host.Tests;

/// <summary>A running sharpnode driven through the npm bitcoin-core client, an independent RPC client.</summary>
public sealed class RpcClientTests
{
    private const string RegtestAddress = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080";

    private static IReadOnlyList<BitcoinCoreClient.Outcome> Client(NodeProcess node, params Call[] calls)
    {
        string cookie = File.ReadAllText(Path.Combine(node.DataDir, "regtest", ".cookie"));
        string[] parts = cookie.Split(':', 2);
        return BitcoinCoreClient.Run(new Uri($"http://127.0.0.1:{node.RpcPort}/"), parts[0], parts[1], calls);
    }

    private static JsonNode Single(NodeProcess node, string method, params JsonNode?[] args) => Client(node, Call.Of(method, args))[0].Value;

    [Fact]
    public async Task Getblockchaininfo_during_and_after_a_sync()
    {
        const int blocks = 2000; // the chain of the SIGTERM test: a sync of a few seconds
        string chain = HostNodes.Chain(blocks, 20_000);
        await using var nodes = new HostNodes();
        int port = NodeProcess.FreePort();
        var server = await nodes.StartServerAsync("server", chain, port);
        var syncer = nodes.Start("syncer", $"-connect=127.0.0.1:{port}");
        await syncer.WaitForRpcAsync(HostNodes.Patience);

        var during = Single(syncer, "getblockchaininfo");
        Assert.Equal("regtest", (string?)during["chain"]);
        Assert.InRange((int)during["blocks"]!, 0, (int)during["headers"]!);
        Assert.InRange((double)during["verificationprogress"]!, 0.0, 1.0);

        await HostNodes.WaitForHeightAsync(syncer, blocks);
        var after = Single(syncer, "getblockchaininfo");
        Assert.Equal(blocks, (int)after["blocks"]!);
        Assert.Equal(blocks, (int)after["headers"]!);
        Assert.Equal(1.0, (double)after["verificationprogress"]!);
        Assert.Equal(await server.BestBlockHashAsync(), (string?)after["bestblockhash"]);
        Assert.True((long)after["size_on_disk"]! > 0);

        // Redirected output: Core-style UpdateTip lines, then the summary once the blocks caught up.
        Assert.Matches(@"UpdateTip: new best=[0-9a-f]{64} height=\d+ date='[0-9TZ:-]+' progress=[01]\.\d{6}", await HostNodes.WaitForLogAsync(syncer, "UpdateTip: new best="));
        string summary = await HostNodes.WaitForLogAsync(syncer, "Initial block download done.");
        Assert.Matches(@"Synced \d+ blocks \([0-9.]+ MB\) in [0-9.]+ s: [0-9.]+ MB/s, [0-9.]+ blocks/s, peak memory [1-9]\d* MiB", summary);
    }

    [Fact]
    public async Task Blocks_generated_on_one_node_are_synced_by_another()
    {
        await using var nodes = new HostNodes();
        int port = NodeProcess.FreePort();
        var miner = nodes.Start("miner", "-listen", "-bind=127.0.0.1", $"-port={port}");
        await miner.WaitForRpcAsync(HostNodes.Patience);
        var hashes = Single(miner, "generatetoaddress", 25, RegtestAddress).AsArray();
        Assert.Equal(25, hashes.Count);
        Assert.Equal((string?)hashes[^1], await miner.BestBlockHashAsync());

        var follower = nodes.Start("follower", $"-connect=127.0.0.1:{port}");
        await follower.WaitForRpcAsync(HostNodes.Patience);
        await HostNodes.WaitForHeightAsync(follower, 25);
        for (int height = 1; height <= 25; height++)
            Assert.Equal((string?)hashes[height - 1], (string?)Single(follower, "getblockhash", height));
    }

    [Fact]
    public async Task Submitblock_takes_a_valid_block_refuses_a_mutated_one_and_stop_ends_the_process_with_0()
    {
        var blocks = HostNodes.ReadBlocks(HostNodes.Chain(150, 20_000));
        await using var nodes = new HostNodes();
        var node = nodes.Start("node");
        await node.WaitForRpcAsync(HostNodes.Patience);
        var mutated = (byte[])blocks[1].Clone();
        mutated[^5] ^= 1; // a witness byte of the last transaction: txids, header and proof of work stay valid, the witness commitment breaks

        var outcomes = Client(node,
            Call.Of("submitblock", Convert.ToHexStringLower(blocks[0])),
            Call.Of("submitblock", Convert.ToHexStringLower(mutated)),
            Call.Of("getblockcount"),
            Call.Of("submitblock", Convert.ToHexStringLower(blocks[1])),
            Call.Of("getblockcount"),
            Call.Of("stop"));
        Assert.True(outcomes[0].Ok);
        Assert.Null(outcomes[0].Result);
        Assert.Equal("bad-witness-merkle-match", (string?)outcomes[1].Value);
        Assert.Equal(1, (int)outcomes[2].Value);
        Assert.Null(outcomes[3].Result);
        Assert.Equal(2, (int)outcomes[4].Value);
        Assert.Equal("sharpnode stopping", (string?)outcomes[5].Value);
        Assert.Equal(0, await node.WaitForExitAsync(HostNodes.Patience));
    }
}
