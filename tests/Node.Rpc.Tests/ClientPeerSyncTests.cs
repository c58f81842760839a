using System.Text.Json.Nodes;
using Node.Chain.State;
using Node.Net;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Rpc.Backends;
using Node.Rpc.Http;
using Node.Sync.Core;
using Node.Sync.Hosting;
using Node.Wire;
using static Node.Rpc.Tests.Client.BitcoinCoreClient;

namespace Node.Rpc.Tests;

/// <summary>
/// getpeerinfo through the npm client on a real node B that synced the real mainnet blocks 0–438 from a real
/// node A over 127.0.0.1: the block sync's view of A, our end of the socket and the per-message traffic; getnettotals.
/// </summary>
public sealed class ClientPeerSyncTests : IAsyncLifetime
{
    private const int TipHeight = 438;
    private static readonly ChainStateOptions NoMinimumWork = new() { MinimumChainWork = UInt256.Zero };

    private readonly string _servingDir = NewDataDir();
    private readonly string _syncingDir = NewDataDir();
    private readonly object _gate = new();
    private NodeRunner _a = null!;
    private NodeRunner _b = null!;
    private RpcServer _server = null!;
    private long _syncStarted;
    private long _syncEnded;

    private static string NewDataDir() => Path.Combine(Path.GetTempPath(), "sharpnode-rpc-sync-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        var blocks = RpcNode.Blocks.Value;
        using (var chain = ChainState.Open(_servingDir, ChainParams.Main, NoMinimumWork))
        {
            for (int h = 1; h <= TipHeight; h++) chain.ProcessBlock(blocks[h]);
            chain.Flush();
        }
        // A's tip is from 2009 so A is in initial block download: only the download permission makes it serve B.
        _a = NodeRunner.StartNew(new NodeRunnerOptions
        {
            DataDirectory = _servingDir, Network = ChainParams.Main, MinimumChainWork = UInt256.Zero,
            Bind = "127.0.0.1", Port = 0, Whitelist = ["download@127.0.0.1"],
        });
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _syncStarted = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _b = new NodeRunner(new NodeRunnerOptions
        {
            DataDirectory = _syncingDir, Network = ChainParams.Main, MinimumChainWork = UInt256.Zero,
            Listen = false, Connect = [_a.ListenEndPoint!.ToString()], Sync = new SyncOptions { ChainGate = _gate },
        });
        _b.Sync.BlockConnected += block =>
        {
            if (block.Height == TipHeight) reached.TrySetResult();
        };
        _b.Start();
        var done = await Task.WhenAny(reached.Task, Task.Delay(TimeSpan.FromSeconds(90)));
        Assert.True(done == reached.Task, $"B did not reach {TipHeight}: {_b.Sync.Counters.BlocksConnected} blocks connected");
        _syncEnded = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var backends = new RpcBackends(new ChainStateBlockchainBackend(_b.Chain, _syncingDir, _gate),
            new ConnectionManagerNetworkBackend(_b.Connections, _b.PeerOptions, TimeProvider.System, _b.Sync));
        _server = await RpcServer.StartAsync(new RpcServerOptions { DataDirectory = _syncingDir, Port = 0 }, backends);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.StopAsync();
        if (_b is not null) await _b.StopAsync();
        if (_a is not null) await _a.StopAsync();
        foreach (var dir in new[] { _servingDir, _syncingDir })
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private JsonNode One(string method)
    {
        var outcome = Run(new Uri($"http://127.0.0.1:{_server.Port}/"), "__cookie__", File.ReadAllText(_server.CookiePath!).Split(':')[1],
            [Call.Of(method)]).Single();
        return outcome.Value;
    }

    private JsonNode PeerInfoOfA() => One("getpeerinfo").AsArray().Single(p => (string?)p!["addr"] == _a.ListenEndPoint!.ToString())!;

    private static Dictionary<string, long> PerMessage(JsonNode info, string field) =>
        info[field]!.AsObject().ToDictionary(kv => kv.Key, kv => (long)kv.Value!);

    [Fact]
    public void The_serving_peer_is_synced_to_the_tip_with_nothing_in_flight()
    {
        var info = PeerInfoOfA();
        Assert.Equal(TipHeight, (int)info["synced_headers"]!);
        Assert.Equal(TipHeight, (int)info["synced_blocks"]!);
        Assert.Empty(info["inflight"]!.AsArray());
        long lastBlock = (long)info["last_block"]!;
        Assert.InRange(lastBlock, _syncStarted, _syncEnded);
    }

    [Fact]
    public void Addrbind_is_our_end_of_the_socket_as_the_serving_node_sees_it()
    {
        var info = PeerInfoOfA();
        var keys = info.AsObject().Select(kv => kv.Key).ToList();
        Assert.Equal(["id", "addr", "addrbind", "network"], keys.Take(4));
        // A's inbound connection from B has B's end of the socket as its remote end point.
        var seenByA = _a.Connections.Peers.Single(p => p.Direction == PeerDirection.Inbound);
        Assert.Equal("127.0.0.1", seenByA.RemoteEndPoint.Address.ToString());
        Assert.Equal(seenByA.RemoteEndPoint.ToString(), (string?)info["addrbind"]);
        Assert.Equal(_b.Connections.Peers.Single().LocalEndPoint!.ToString(), (string?)info["addrbind"]);
    }

    [Fact]
    public void Per_message_bytes_add_up_to_the_totals_and_count_every_block_received()
    {
        var info = PeerInfoOfA();
        var received = PerMessage(info, "bytesrecv_per_msg");
        var sent = PerMessage(info, "bytessent_per_msg");
        foreach (string type in new[] { "version", "verack", "headers", "block" }) Assert.True(received.GetValueOrDefault(type) >= MessageHeader.Size, type);
        foreach (string type in new[] { "version", "verack", "getheaders", "getdata" }) Assert.True(sent.GetValueOrDefault(type) >= MessageHeader.Size, type);
        Assert.All(received.Values.Concat(sent.Values), bytes => Assert.True(bytes > 0));
        Assert.Equal(received.Keys.Order(StringComparer.Ordinal), received.Keys);
        Assert.Equal(sent.Keys.Order(StringComparer.Ordinal), sent.Keys);
        Assert.Equal((long)info["bytesrecv"]!, received.Values.Sum());
        Assert.Equal((long)info["bytessent"]!, sent.Values.Sum());

        // Every block 1..438 came from A exactly once: its bytes plus a message header each.
        Assert.Equal(0, _b.Sync.Counters.UnrequestedBlocks);
        long blockBytes = RpcNode.Blocks.Value.Skip(1).Take(TipHeight).Sum(b => (long)(MessageHeader.Size + b.Length));
        Assert.Equal(blockBytes, received["block"]);
        // Fixed-size messages: verack is a bare header.
        Assert.Equal(MessageHeader.Size, received["verack"]);
        Assert.Equal(MessageHeader.Size, sent["verack"]);
    }

    [Fact]
    public async Task Getnettotals_counts_the_traffic_of_every_connection_including_closed_ones()
    {
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var info = PeerInfoOfA();
        var totals = One("getnettotals");
        Assert.InRange((long)totals["timemillis"]!, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(["totalbytesrecv", "totalbytessent", "timemillis", "uploadtarget"], totals.AsObject().Select(kv => kv.Key));
        // B's only connection is A (read first: a ping may come in between).
        Assert.True((long)totals["totalbytesrecv"]! >= (long)info["bytesrecv"]!);
        Assert.True((long)totals["totalbytessent"]! >= (long)info["bytessent"]!);
        long blockBytes = RpcNode.Blocks.Value.Skip(1).Take(TipHeight).Sum(b => (long)(MessageHeader.Size + b.Length));
        Assert.True((long)totals["totalbytesrecv"]! > blockBytes);
        // No -maxuploadtarget: Core's upload target with none set.
        Assert.Equal("""{"timeframe":86400,"target":0,"target_reached":false,"serve_historical_blocks":true,"bytes_left_in_cycle":0,"time_left_in_cycle":0}""",
            totals["uploadtarget"]!.ToJsonString());

        // Once A's connection is closed its traffic still counts.
        var peer = _b.Connections.Peers.Single();
        peer.Disconnect(DisconnectReason.Requested);
        await peer.Completion;
        var after = One("getnettotals");
        Assert.True((long)after["totalbytesrecv"]! >= (long)totals["totalbytesrecv"]!);
        Assert.True((long)after["totalbytessent"]! >= (long)totals["totalbytessent"]!);
    }
}
