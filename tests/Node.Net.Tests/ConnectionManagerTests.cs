using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Node.Wire;

namespace Node.Net.Tests;

public sealed class ConnectionManagerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("connman-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ConnectionManagerOptions Listening(PeerOptions? peer = null) => new()
    {
        Peer = peer ?? TestPeers.Options(),
        BindEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
        ReconnectDelay = TimeSpan.FromMilliseconds(100),
    };

    private static byte[] OversizedHeaders()
    {
        var payload = new byte[3 + 2001 * 81];
        payload[0] = 0xfd;
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(1), 2001);
        var frame = new byte[MessageHeader.Size + payload.Length];
        new MessageHeader(Node.Primitives.Consensus.ChainParams.Regtest.Magic, CommandNames.Of(Command.Headers),
            (uint)payload.Length, FrameReader.Checksum(payload)).Write(frame);
        payload.CopyTo(frame.AsSpan(MessageHeader.Size));
        return frame;
    }

    private static async Task<(RawClient Client, Peer Peer)> HandshakenAsync(ConnectionManager manager, RecordingSink sink)
    {
        var client = await RawClient.ConnectAsync(manager.ListenEndPoint!);
        await client.HandshakeAsync();
        return (client, await sink.NextConnectedAsync());
    }

    private static TaskCompletionSource<DisconnectReason> Refusals(ConnectionManager manager)
    {
        var refused = new TaskCompletionSource<DisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        manager.ConnectionRefused += (_, reason) => refused.TrySetResult(reason);
        return refused;
    }

    [Fact]
    public async Task Inbound_connections_beyond_the_limit_are_refused()
    {
        var sink = new RecordingSink();
        await using var manager = new ConnectionManager(Listening() with { MaxInbound = 1 }, sink);
        manager.Start();
        var refused = Refusals(manager);
        var (first, _) = await HandshakenAsync(manager, sink);
        using (first)
        {
            using var second = await RawClient.ConnectAsync(manager.ListenEndPoint!);
            Assert.Equal(DisconnectReason.InboundLimit, await refused.Task.Within());
            await second.WaitClosedAsync();
            Assert.Equal(1, manager.InboundCount);
        }
    }

    [Fact]
    public async Task Misbehaviour_adds_up_to_a_ban_and_a_banned_address_is_refused()
    {
        var sink = new RecordingSink();
        var options = Listening() with { BanLocalPeers = true, DataDirectory = _dir };
        await using var manager = new ConnectionManager(options, sink);
        manager.Start();
        var refused = Refusals(manager);
        var (client, peer) = await HandshakenAsync(manager, sink);
        using (client)
        {
            manager.Misbehaving(peer, 60, "first offence");
            Assert.True(peer.IsConnected);
            Assert.False(manager.Bans.IsBanned(IPAddress.Loopback));
            // The remaining 40 come from the wire: a headers message over MAX_HEADERS_RESULTS scores 100.
            await client.SendBytesAsync(OversizedHeaders());
            Assert.Equal(DisconnectReason.Misbehaviour, (await peer.Completion.Within()).Reason);
            await client.WaitClosedAsync();
        }
        Assert.True(manager.Bans.IsBanned(IPAddress.Loopback));
        Assert.True(File.Exists(Path.Combine(_dir, BanList.FileName)));

        using var again = await RawClient.ConnectAsync(manager.ListenEndPoint!);
        Assert.Equal(DisconnectReason.Banned, await refused.Task.Within());
        await again.WaitClosedAsync();
        Assert.Empty(manager.Peers);
    }

    [Fact]
    public async Task A_misbehaving_local_peer_is_disconnected_but_not_banned_by_default()
    {
        var sink = new RecordingSink();
        await using var manager = new ConnectionManager(Listening(), sink);
        manager.Start();
        var (client, peer) = await HandshakenAsync(manager, sink);
        using (client)
        {
            await client.SendBytesAsync(OversizedHeaders());
            Assert.Equal(DisconnectReason.Misbehaviour, (await peer.Completion.Within()).Reason);
        }
        Assert.False(manager.Bans.IsBanned(IPAddress.Loopback));
        var (next, _) = await HandshakenAsync(manager, sink);
        next.Dispose();
    }

    [Fact]
    public async Task A_noban_peer_is_never_banned_or_disconnected_for_misbehaviour()
    {
        var sink = new RecordingSink();
        var options = Listening() with { BanLocalPeers = true, Whitelist = [WhitelistParser.Parse("noban@127.0.0.1")] };
        await using var manager = new ConnectionManager(options, sink);
        manager.Start();
        var (client, peer) = await HandshakenAsync(manager, sink);
        using (client)
        {
            Assert.True(peer.Permissions.Has(PeerPermissions.NoBan));
            Assert.True(peer.Permissions.Has(PeerPermissions.Download));
            await client.SendBytesAsync(OversizedHeaders());
            manager.Misbehaving(peer, 1000, "more");
            await client.SendAsync(new PingMessage(12));
            var (_, pong) = await client.ReadUntilAsync(Command.Pong);
            Assert.Equal(12UL, PongMessage.Decode(new(pong)).Nonce);
            Assert.True(peer.IsConnected);
            Assert.False(manager.Bans.IsBanned(IPAddress.Loopback));
        }
    }

    [Fact]
    public async Task A_noban_peer_connects_even_from_a_banned_address()
    {
        var sink = new RecordingSink();
        var options = Listening() with { Whitelist = [WhitelistParser.Parse("127.0.0.1")] };
        await using var manager = new ConnectionManager(options, sink);
        manager.Bans.Ban(IPAddress.Loopback, TimeSpan.FromHours(1));
        manager.Start();
        var (client, peer) = await HandshakenAsync(manager, sink);
        client.Dispose();
        Assert.True(peer.Permissions.Has(PeerPermissions.Mempool | PeerPermissions.Relay | PeerPermissions.NoBan));
    }

    [Fact]
    public async Task Setban_disconnects_the_peers_in_the_network()
    {
        var sink = new RecordingSink();
        await using var manager = new ConnectionManager(Listening(), sink);
        manager.Start();
        var (client, peer) = await HandshakenAsync(manager, sink);
        using (client)
        {
            Subnets.TryParse("127.0.0.0/8", out var network);
            manager.Ban(network, TimeSpan.FromMinutes(5));
            Assert.Equal(DisconnectReason.Banned, (await peer.Completion.Within()).Reason);
            Assert.Single(manager.Bans.Entries);
        }
    }

    [Fact]
    public async Task A_connect_target_is_reconnected_after_it_drops_us()
    {
        await using var remote = new InboundServer(TestPeers.Options());
        var sink = new RecordingSink();
        var options = new ConnectionManagerOptions
        {
            Peer = TestPeers.Options(),
            Connect = [remote.EndPoint.ToString()],
            ReconnectDelay = TimeSpan.FromMilliseconds(100),
        };
        await using var manager = new ConnectionManager(options, sink);
        manager.Start();
        Assert.Null(manager.ListenEndPoint); // -connect implies no listening, as in Core

        var first = await sink.NextConnectedAsync();
        Assert.True(first.IsManual);
        Assert.Equal(PeerDirection.Outbound, first.Direction);
        (await remote.NextPeerAsync()).Disconnect(DisconnectReason.Requested, "go away");
        Assert.Equal(DisconnectReason.RemoteClosed, (await sink.NextDisconnectedAsync()).Reason.Reason);

        var second = await sink.NextConnectedAsync();
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(remote.EndPoint, second.RemoteEndPoint);
    }

    [Fact]
    public async Task Connecting_to_our_own_listener_is_detected()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }
        var sink = new RecordingSink();
        var options = Listening() with
        {
            BindEndPoint = new IPEndPoint(IPAddress.Loopback, port),
            AddNode = [$"127.0.0.1:{port}"],
        };
        await using var manager = new ConnectionManager(options, sink);
        manager.Start();
        while (true)
        {
            var (peer, reason) = await sink.NextDisconnectedAsync();
            if (peer.Direction == PeerDirection.Inbound)
            {
                Assert.Equal(DisconnectReason.SelfConnection, reason.Reason);
                break;
            }
        }
        Assert.Equal(0, sink.ConnectedCalls);
    }
}
