using System.Net;
using System.Net.Sockets;
using NBitcoin;
using NBitcoin.Protocol;

namespace Node.Net.Tests;

/// <summary>An independent implementation of the protocol, NBitcoin's, on the other end of the socket.</summary>
public class NBitcoinInteropTests
{
    [Fact]
    public async Task NBitcoins_client_completes_a_handshake_with_our_listener_and_exchanges_pings()
    {
        await using var server = new InboundServer(TestPeers.Options());
        using var node = await NBitcoin.Protocol.Node.ConnectAsync(Network.RegTest, server.EndPoint, new NodeConnectionParameters()).Within();
        await node.VersionHandshakeAsync(CancellationToken.None).Within();

        var ours = await server.Sink.NextConnectedAsync();
        Assert.Equal(NodeState.HandShaked, node.State);
        Assert.Equal("/sharpnode:0.1.0/", node.PeerVersion.UserAgent);
        Assert.Equal(70016u, node.PeerVersion.Version);
        Assert.True(node.PeerVersion.Services.HasFlag(NodeServices.Network | NodeServices.NODE_WITNESS));
        Assert.Equal(PeerDirection.Inbound, ours.Direction);
        Assert.Equal((int)node.MyVersion.Version, ours.PeerVersion!.Version);

        // NBitcoin pings us; we answer.
        var roundTrip = await Task.Run(() => node.PingPong(new CancellationTokenSource(TestPeers.Timeout).Token)).Within();
        Assert.True(roundTrip >= TimeSpan.Zero);
        // We ping right after the handshake; NBitcoin answers.
        await TestPeers.Eventually(() => ours.Counters.LastPingTime is not null);
        Assert.True(ours.IsConnected);

        node.Disconnect();
        Assert.Equal(DisconnectReason.RemoteClosed, (await ours.Completion.Within()).Reason);
    }

    [Fact]
    public async Task Our_peer_completes_a_handshake_with_a_listener_speaking_NBitcoins_serialization()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var remote = Task.Run(() => ServeOneAsync(listener));

        var sink = new RecordingSink();
        var peer = await Peer.ConnectAsync((IPEndPoint)listener.LocalEndPoint!, TestPeers.Options() with { StartHeight = () => 7 }, sink).Within();
        Assert.Same(peer, await sink.NextConnectedAsync());
        var (ourVersion, beforeVerack, afterVerack) = await remote.Within();

        Assert.Equal(70016u, ourVersion.Version);
        Assert.Equal("/sharpnode:0.1.0/", ourVersion.UserAgent);
        Assert.Equal(NodeServices.Network | NodeServices.NODE_WITNESS, ourVersion.Services);
        Assert.Equal(7, ourVersion.StartHeight);
        Assert.True(ourVersion.Relay);
        Assert.Equal(((IPEndPoint)listener.LocalEndPoint!).Port, ((IPEndPoint)ourVersion.AddressReceiver).Port);
        Assert.Equal(["wtxidrelay", "sendaddrv2"], beforeVerack);
        Assert.Equal("sendheaders", afterVerack[0]);
        Assert.Contains("ping", afterVerack);

        Assert.Equal("/nbitcoin-listener/", peer.PeerVersion!.UserAgent);
        Assert.Equal(5, peer.PeerVersion.StartHeight);
        Assert.False(peer.WtxidRelay || peer.WantsAddrV2); // this listener announces neither
        await TestPeers.Eventually(() => peer.Counters.LastPingTime is not null);
        peer.Disconnect(DisconnectReason.Requested);
        await peer.Completion.Within();
    }

    private static async Task<(VersionPayload Ours, List<string> BeforeVerack, List<string> AfterVerack)> ServeOneAsync(Socket listener)
    {
        using var socket = await listener.AcceptAsync();
        using var stream = new NetworkStream(socket);
        var network = Network.RegTest;
        var cancel = new CancellationTokenSource(TestPeers.Timeout).Token;
        Message Read() => Message.ReadNext(stream, network, 70016, cancel);
        void Send(Payload payload)
        {
            var message = new Message { Magic = network.Magic, Payload = payload };
            message.ReadWrite(new BitcoinStream(stream, true) { ProtocolVersion = 70016 });
        }

        var ours = Assert.IsType<VersionPayload>(Read().Payload);
        Send(new VersionPayload
        {
            Version = 70016,
            Services = NodeServices.Network | NodeServices.NODE_WITNESS,
            Timestamp = DateTimeOffset.UtcNow,
            AddressReceiver = socket.RemoteEndPoint!,
            AddressFrom = new IPEndPoint(IPAddress.IPv6Any, 0),
            Nonce = 0x5555,
            UserAgent = "/nbitcoin-listener/",
            StartHeight = 5,
            Relay = true,
        });
        var before = new List<string>();
        for (var m = Read(); m.Command != "verack"; m = Read()) before.Add(m.Command);
        Send(new VerAckPayload());
        var after = new List<string>();
        while (true)
        {
            var m = Read();
            after.Add(m.Command);
            if (m.Payload is PingPayload ping)
            {
                Send(new PongPayload { Nonce = ping.Nonce });
                return (ours, before, after);
            }
        }
    }
}
