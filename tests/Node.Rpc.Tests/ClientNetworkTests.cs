using System.Net;
using System.Text.Json.Nodes;
using Node.Net;
using Node.Net.Tests;
using Node.Primitives.Consensus;
using Node.Rpc.Backends;
using Node.Rpc.Http;
using Node.Rpc.Tests.Client;
using Node.Wire;
using static Node.Rpc.Tests.Client.BitcoinCoreClient;

namespace Node.Rpc.Tests;

/// <summary>The consumer of peer traffic is the sync core, which these tests do not need: messages are accepted and dropped.</summary>
internal sealed class DiscardingSink : IPeerMessageSink
{
    public void OnPeerConnected(Peer peer)
    {
    }

    public ValueTask OnMessageAsync(Peer peer, in Frame frame) => ValueTask.CompletedTask;

    public void OnPeerDisconnected(Peer peer, PeerDisconnect reason)
    {
    }
}

/// <summary>
/// The network methods through the npm client on a real connection manager (listening on 127.0.0.1)
/// to which a second real connection manager connects over loopback.
/// </summary>
public sealed class ClientNetworkTests : IAsyncLifetime
{
    private readonly GenesisChain _chain = new();
    private ConnectionManager _served = null!;
    private ConnectionManager _remote = null!;
    private RpcServer _server = null!;
    private readonly PeerOptions _peerOptions = new() { Network = ChainParams.Regtest, UserAgent = "/sharpnode:0.1.0/" };

    public async Task InitializeAsync()
    {
        _served = new ConnectionManager(new ConnectionManagerOptions { Peer = _peerOptions, BindEndPoint = new IPEndPoint(IPAddress.Loopback, 0), DataDirectory = _chain.DataDirectory }, new DiscardingSink());
        _served.Start();
        _remote = new ConnectionManager(new ConnectionManagerOptions
        {
            Peer = new PeerOptions { Network = ChainParams.Regtest, UserAgent = "/remote:1.0/", StartHeight = static () => 7 },
            Listen = false,
            Connect = [_served.ListenEndPoint!.ToString()],
            ReconnectDelay = TimeSpan.FromMilliseconds(200),
        }, new DiscardingSink());
        _remote.Start();
        var backends = _chain.Backends with { Network = new ConnectionManagerNetworkBackend(_served, _peerOptions, TimeProvider.System) };
        _server = await RpcServer.StartAsync(new RpcServerOptions { DataDirectory = _chain.DataDirectory, Port = 0 }, backends);
    }

    public async Task DisposeAsync()
    {
        await _server.StopAsync();
        await _remote.DisposeAsync();
        await _served.DisposeAsync();
        _chain.Dispose();
    }

    private IReadOnlyList<Outcome> Send(params Call[] calls) =>
        Run(new Uri($"http://127.0.0.1:{_server.Port}/"), "__cookie__", File.ReadAllText(_server.CookiePath!).Split(':')[1], calls);

    private async Task<Peer> HandshakenPeerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var peer = _served.Peers.FirstOrDefault(p => p.IsConnected);
            if (peer is not null) return peer;
            await Task.Delay(20, timeout.Token);
        }
    }

    private static void AssertError(Outcome outcome, int code, string message) => Assert.Equal((code, message), (outcome.ErrorCode!.Value, outcome.ErrorMessage));

    [Fact]
    public async Task Peers_disconnection_and_bans_through_the_client()
    {
        var peer = await HandshakenPeerAsync();
        var outcomes = Send(Call.Of("getpeerinfo"), Call.Of("getconnectioncount"), Call.Of("getnetworkinfo"));
        var info = outcomes[0].Value.AsArray().Single(p => (long)p!["id"]! == peer.Id)!;
        Assert.Equal(peer.RemoteEndPoint.ToString(), (string?)info["addr"]);
        Assert.Equal("/remote:1.0/", (string?)info["subver"]);
        Assert.Equal(70016, (int)info["version"]!);
        Assert.True((bool)info["inbound"]!);
        Assert.Equal("inbound", (string?)info["connection_type"]);
        Assert.Equal(7, (int)info["startingheight"]!);
        Assert.Equal("0000000000000009", (string?)info["services"]);
        Assert.True((long)info["bytesrecv"]! > 0);
        Assert.True((int)outcomes[1].Value >= 1);
        var network = outcomes[2].Value;
        Assert.Equal("/sharpnode:0.1.0/", (string?)network["subversion"]);
        Assert.Equal(70016, (int)network["protocolversion"]!);
        Assert.Equal("0000000000000009", (string?)network["localservices"]);
        Assert.Equal((int)outcomes[1].Value, (int)network["connections"]!);

        // Core v28's field order.
        Assert.Equal(["id", "addr", "addrbind", "network", "services", "servicesnames", "relaytxes", "lastsend", "lastrecv", "last_transaction", "last_block",
            "bytessent", "bytesrecv", "conntime", "timeoffset", .. info["pingtime"] is null ? Array.Empty<string>() : ["pingtime", "minping"],
            .. info["pingwait"] is null ? Array.Empty<string>() : ["pingwait"], "version", "subver", "inbound",
            "bip152_hb_to", "bip152_hb_from", "startingheight", "presynced_headers", "synced_headers", "synced_blocks", "inflight", "addr_relay_enabled",
            "addr_processed", "addr_rate_limited", "permissions", "minfeefilter", "bytessent_per_msg", "bytesrecv_per_msg", "connection_type",
            "transport_protocol_type", "session_id"], TxJsonOracle.Keys(info));
        Assert.Equal("not_publicly_routable", (string?)info["network"]);
        // An inbound connection's local end is the listening socket's address and port.
        Assert.Equal(_served.ListenEndPoint!.ToString(), (string?)info["addrbind"]);
        Assert.Equal(peer.LocalEndPoint!.ToString(), (string?)info["addrbind"]);
        Assert.Equal(["NETWORK", "WITNESS"], info["servicesnames"]!.AsArray().Select(n => (string)n!).ToArray());
        Assert.Equal(Codec.PeerNames.Permissions(peer.Permissions).ToArray(), info["permissions"]!.AsArray().Select(n => (string)n!).ToArray());
        Assert.Equal("v1", (string?)info["transport_protocol_type"]);
        Assert.Equal(["version", "subversion", "protocolversion", "localservices", "localservicesnames", "localrelay", "timeoffset", "networkactive",
            "connections", "connections_in", "connections_out", "networks", "relayfee", "incrementalfee", "localaddresses", "warnings"], TxJsonOracle.Keys(network));
        Assert.Equal(["NETWORK", "WITNESS"], network["localservicesnames"]!.AsArray().Select(n => (string)n!).ToArray());
        Assert.Equal(["ipv4", "ipv6", "onion", "i2p", "cjdns"], network["networks"]!.AsArray().Select(n => (string)n!["name"]!).ToArray());
        Assert.Equal([true, true, false, false, false], network["networks"]!.AsArray().Select(n => (bool)n!["reachable"]!).ToArray());
        Assert.Equal(0.00001m, (decimal)network["relayfee"]!);
        Assert.Equal(0.00001m, (decimal)network["incrementalfee"]!);

        // ping: every peer gets one more ping (the first went right after the handshake).
        await TestPeers.Eventually(() => peer.Counters.BytesSentOf(Command.Ping) > 0);
        long pingBytes = peer.Counters.BytesSentOf(Command.Ping);
        var ping = Send(Call.Of("ping")).Single();
        Assert.True(ping.Ok);
        Assert.Equal("null", ping.Result?.ToJsonString() ?? "null");
        await TestPeers.Eventually(() => peer.Counters.BytesSentOf(Command.Ping) > pingBytes);

        outcomes = Send(
            Call.Of("disconnectnode", "", peer.Id),
            Call.Of("disconnectnode", "", 999_999),
            Call.Of("disconnectnode", "127.0.0.1:1", 5),
            Call.Of("disconnectnode"),
            Call.Of("addnode", "127.0.0.1:18444", "add"),
            Call.Of("addnode", "127.0.0.1:18444", "bogus"),
            Call.Of("addnode", "127.0.0.1:18444", "add"),
            Call.Of("addnode", "127.0.0.1:18444", "remove"),
            Call.Of("addnode", "127.0.0.1:18444", "remove"));
        Assert.True(outcomes[0].Ok);
        await peer.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        AssertError(outcomes[1], -29, "Node not found in connected nodes");
        AssertError(outcomes[2], -32602, "Only one of address and nodeid should be provided.");
        AssertError(outcomes[3], -32602, "Only one of address and nodeid should be provided.");
        Assert.True(outcomes[4].Ok);
        Assert.Equal(-1, outcomes[5].ErrorCode);
        Assert.StartsWith("addnode \"node\" \"command\"", outcomes[5].ErrorMessage);
        AssertError(outcomes[6], -23, "Error: Node already added");
        Assert.True(outcomes[7].Ok);
        AssertError(outcomes[8], -24, "Error: Node could not be removed. It has not been added previously.");

        // The remote reconnects; banning its address disconnects it and keeps it out.
        var again = await HandshakenPeerAsync();
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        outcomes = Send(
            Call.Of("setban", "127.0.0.1", "add"),
            Call.Of("setban", "127.0.0.1", "add"),
            Call.Of("setban", "10.0.0.0/255.0.0.0", "add", now + 3600, true),
            Call.Of("setban", "10.1.0.0/16", "add", now - 10, true),
            Call.Of("setban", "not-an-ip", "add"),
            Call.Of("setban", "10.0.0.0/8", "ban"),
            Call.Of("listbanned"));
        Assert.True(outcomes[0].Ok);
        await again.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        AssertError(outcomes[1], -23, "Error: IP/Subnet already banned");
        Assert.True(outcomes[2].Ok);
        AssertError(outcomes[3], -8, "Error: Absolute timestamp is in the past");
        AssertError(outcomes[4], -30, "Error: Invalid IP/Subnet");
        Assert.Equal(-1, outcomes[5].ErrorCode);
        var banned = outcomes[6].Value.AsArray();
        Assert.Equal(["127.0.0.1/32", "10.0.0.0/8"], banned.Select(b => (string)b!["address"]!).ToArray());
        var local = banned[0]!;
        Assert.Equal(86_400, (long)local["ban_duration"]!);
        Assert.InRange((long)local["time_remaining"]!, 86_000, 86_400);
        Assert.Equal(now + 3600, (long)banned[1]!["banned_until"]!);
        Assert.True(_served.Bans.IsBanned(IPAddress.Loopback));

        outcomes = Send(
            Call.Of("setban", "10.0.0.0/8", "remove"),
            Call.Of("setban", "10.0.0.0/8", "remove"),
            Call.Of("clearbanned"),
            Call.Of("listbanned"));
        Assert.True(outcomes[0].Ok);
        AssertError(outcomes[1], -30, "Error: Unban failed. Requested address/subnet was not previously manually banned.");
        Assert.True(outcomes[2].Ok);
        Assert.Empty(outcomes[3].Value.AsArray());
        Assert.False(_served.Bans.IsBanned(IPAddress.Loopback));
        await HandshakenPeerAsync();
    }
}
