using Node.Wire;

namespace Node.Net.Tests;

public class HandshakeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_peers_complete_the_handshake_in_both_directions(bool blocksOnly)
    {
        var options = TestPeers.Options() with { BlocksOnly = blocksOnly, StartHeight = () => 123 };
        await using var server = new InboundServer(options);
        var outboundSink = new RecordingSink();
        // Another node: its own nonce registry (sharing one is a self-connection, tested below).
        var outbound = await Peer.ConnectAsync(server.EndPoint, options with { Nonces = new() }, outboundSink).Within();
        var inbound = await server.NextPeerAsync();

        Assert.Same(outbound, await outboundSink.NextConnectedAsync());
        Assert.Same(inbound, await server.Sink.NextConnectedAsync());
        foreach (var (peer, direction) in new[] { (outbound, PeerDirection.Outbound), (inbound, PeerDirection.Inbound) })
        {
            Assert.True(peer.IsConnected);
            Assert.Equal(direction, peer.Direction);
            Assert.Equal(ProtocolVersions.Current, peer.CommonVersion);
            Assert.True(peer.WtxidRelay);
            Assert.True(peer.WantsAddrV2);
            var version = peer.PeerVersion!;
            Assert.Equal("/sharpnode:0.1.0/", version.UserAgent);
            Assert.Equal(ServiceFlags.Network | ServiceFlags.Witness, version.Services);
            Assert.Equal(123, version.StartHeight);
            Assert.Equal(!blocksOnly, version.Relay);
            Assert.NotEqual(0UL, version.Nonce);
        }
        // Each side addressed the other: the outbound's addr_recv is the listener.
        Assert.Equal(server.EndPoint.Port, inbound.PeerVersion!.Receiver.Port);
        Assert.Equal(server.EndPoint.Address, inbound.PeerVersion.Receiver.ToIPAddress());

        outbound.Disconnect(DisconnectReason.Requested, "done");
        Assert.Equal(DisconnectReason.Requested, (await outbound.Completion.Within()).Reason);
        Assert.Equal(DisconnectReason.RemoteClosed, (await inbound.Completion.Within()).Reason);
        Assert.Equal(1, outboundSink.DisconnectedCalls);
        Assert.Equal(1, server.Sink.DisconnectedCalls);
    }

    [Fact]
    public async Task After_verack_we_send_sendheaders_and_no_feefilter_in_blocks_only_mode()
    {
        var options = TestPeers.Options() with { BlocksOnly = true, FeeFilter = () => 1000 };
        await using var server = new InboundServer(options);
        using var client = await RawClient.ConnectAsync(server.EndPoint);
        await client.HandshakeAsync();
        await client.ReadUntilAsync(Command.SendHeaders);
        // The ping that follows the handshake comes next; no feefilter before it.
        var (before, _) = await client.ReadUntilAsync(Command.Ping);
        Assert.DoesNotContain(Command.FeeFilter, before);
    }

    [Fact]
    public async Task Feefilter_is_announced_when_relaying_transactions()
    {
        var options = TestPeers.Options() with { FeeFilter = () => 1000 };
        await using var server = new InboundServer(options);
        using var client = await RawClient.ConnectAsync(server.EndPoint);
        await client.HandshakeAsync();
        var (_, payload) = await client.ReadUntilAsync(Command.FeeFilter);
        Assert.Equal(1000, FeeFilterMessage.Decode(new(payload)).FeeRatePerKvB);
    }

    [Fact]
    public async Task Wtxidrelay_and_sendaddrv2_come_between_version_and_verack()
    {
        await using var server = new InboundServer(TestPeers.Options());
        using var client = await RawClient.ConnectAsync(server.EndPoint);
        await client.SendAsync(RawClient.Version());
        var (before, _) = await client.ReadUntilAsync(Command.Verack);
        Assert.Equal([Command.Version, Command.WtxidRelay, Command.SendAddrV2], before);
    }

    [Fact]
    public async Task A_peer_older_than_70016_gets_no_wtxidrelay_or_sendaddrv2()
    {
        await using var server = new InboundServer(TestPeers.Options());
        using var client = await RawClient.ConnectAsync(server.EndPoint);
        await client.SendAsync(RawClient.Version(version: 70015));
        var (before, _) = await client.ReadUntilAsync(Command.Verack);
        Assert.Equal([Command.Version], before);
        var peer = await server.NextPeerAsync();
        Assert.Equal(70015, peer.CommonVersion);
    }

    [Fact]
    public async Task Connecting_to_ourselves_is_detected_by_the_nonce()
    {
        // Two peers of one node share the nonce registry, as the connection manager's peers do.
        var options = TestPeers.Options();
        await using var server = new InboundServer(options);
        var outbound = await Peer.ConnectAsync(server.EndPoint, options, new RecordingSink()).Within();
        var inbound = await server.NextPeerAsync();
        var reason = await inbound.Completion.Within();
        Assert.Equal(DisconnectReason.SelfConnection, reason.Reason);
        Assert.NotEqual(DisconnectReason.None, (await outbound.Completion.Within()).Reason);
        Assert.False(outbound.IsHandshakeComplete);
    }

    [Fact]
    public async Task Two_nodes_with_their_own_nonces_are_not_a_self_connection()
    {
        await using var server = new InboundServer(TestPeers.Options());
        var sink = new RecordingSink();
        var outbound = await Peer.ConnectAsync(server.EndPoint, TestPeers.Options(), sink).Within();
        await sink.NextConnectedAsync();
        outbound.Disconnect(DisconnectReason.Requested);
        await outbound.Completion.Within();
    }

    [Theory]
    [InlineData(60000)]
    [InlineData(70000)]
    public async Task A_protocol_version_below_the_minimum_is_refused(int version)
    {
        await using var server = new InboundServer(TestPeers.Options());
        using var client = await RawClient.ConnectAsync(server.EndPoint);
        await client.SendAsync(RawClient.Version(version));
        var peer = await server.NextPeerAsync();
        Assert.Equal(DisconnectReason.ObsoleteVersion, (await peer.Completion.Within()).Reason);
        await client.WaitClosedAsync();
        Assert.Equal(0, server.Sink.ConnectedCalls);
    }

    [Theory]
    [InlineData(ServiceFlags.Witness)]
    [InlineData(ServiceFlags.Network)]
    [InlineData(ServiceFlags.NetworkLimited | ServiceFlags.Witness)]
    public async Task An_outbound_peer_without_network_and_witness_is_refused(ulong services)
    {
        await using var server = new InboundServer(TestPeers.Options() with { LocalServices = services });
        var sink = new RecordingSink();
        var outbound = await Peer.ConnectAsync(server.EndPoint, TestPeers.Options(), sink).Within();
        Assert.Equal(DisconnectReason.MissingServices, (await outbound.Completion.Within()).Reason);
        Assert.Equal(0, sink.ConnectedCalls);
    }

    [Fact]
    public async Task The_service_requirement_can_be_turned_off()
    {
        await using var server = new InboundServer(TestPeers.Options() with { LocalServices = ServiceFlags.Witness });
        var sink = new RecordingSink();
        var options = TestPeers.Options() with { RequiredOutboundServices = ServiceFlags.None };
        var outbound = await Peer.ConnectAsync(server.EndPoint, options, sink).Within();
        await sink.NextConnectedAsync();
        outbound.Disconnect(DisconnectReason.Requested);
        await outbound.Completion.Within();
    }

    [Fact]
    public async Task Messages_before_version_are_ignored_and_a_second_version_too()
    {
        await using var server = new InboundServer(TestPeers.Options());
        using var client = await RawClient.ConnectAsync(server.EndPoint);
        await client.SendAsync(new PingMessage(1));
        await client.SendAsync(new EmptyMessage(Command.Verack));
        var before = await client.HandshakeAsync();
        Assert.DoesNotContain(Command.Pong, before);
        await client.SendAsync(RawClient.Version(nonce: 99));
        await client.SendAsync(new PingMessage(2));
        var (seen, pong) = await client.ReadUntilAsync(Command.Pong);
        Assert.Equal(2UL, PongMessage.Decode(new(pong)).Nonce);
        Assert.DoesNotContain(Command.Version, seen);
        var peer = await server.NextPeerAsync();
        Assert.Equal(0x1234UL, peer.PeerVersion!.Nonce);
        Assert.True(peer.IsConnected);
    }

    [Fact]
    public async Task Messages_between_version_and_verack_other_than_the_features_are_ignored()
    {
        await using var server = new InboundServer(TestPeers.Options());
        using var client = await RawClient.ConnectAsync(server.EndPoint);
        await client.SendAsync(RawClient.Version());
        await client.ReadUntilAsync(Command.Verack);
        await client.SendAsync(new PingMessage(7));
        await client.SendAsync(new EmptyMessage(Command.SendHeaders));
        await client.SendAsync(new EmptyMessage(Command.Verack));
        await client.SendAsync(new PingMessage(8));
        var (_, pong) = await client.ReadUntilAsync(Command.Pong);
        Assert.Equal(8UL, PongMessage.Decode(new(pong)).Nonce);
        // Messages are handled in order, so everything before the answered ping is done: nothing was delivered.
        Assert.Equal(0, server.Sink.Messages.Reader.Count);

        await client.SendAsync(new EmptyMessage(Command.SendHeaders));
        Assert.Equal(Command.SendHeaders, (await server.Sink.NextMessageAsync()).Command);
    }

    [Theory]
    [InlineData(Command.WtxidRelay)]
    [InlineData(Command.SendAddrV2)]
    public async Task A_feature_message_after_verack_disconnects(Command command)
    {
        await using var server = new InboundServer(TestPeers.Options());
        using var client = await RawClient.ConnectAsync(server.EndPoint);
        await client.HandshakeAsync();
        await client.SendAsync(new EmptyMessage(command));
        var peer = await server.NextPeerAsync();
        Assert.Equal(DisconnectReason.ProtocolViolation, (await peer.Completion.Within()).Reason);
    }

    [Fact]
    public async Task No_handshake_within_the_timeout_disconnects()
    {
        var options = TestPeers.Options() with { HandshakeTimeout = TimeSpan.FromMilliseconds(300) };
        await using var server = new InboundServer(options);
        using var client = await RawClient.ConnectAsync(server.EndPoint);
        var peer = await server.NextPeerAsync();
        Assert.Equal(DisconnectReason.HandshakeTimeout, (await peer.Completion.Within()).Reason);
        await client.WaitClosedAsync();
        Assert.Equal(1, server.Sink.DisconnectedCalls);
    }
}
