using Node.Wire;

namespace Node.Net.Tests;

public class PingTests
{
    [Fact]
    public async Task We_ping_after_the_handshake_and_time_the_matching_pong()
    {
        await using var server = new InboundServer(TestPeers.Options());
        using var client = await RawClient.ConnectAsync(server.EndPoint);
        await client.HandshakeAsync();
        var peer = await server.NextPeerAsync();
        Assert.Null(peer.Counters.LastPingTime);

        var (_, ping) = await client.ReadUntilAsync(Command.Ping);
        ulong nonce = PingMessage.Decode(new(ping)).Nonce;
        Assert.NotEqual(0UL, nonce);
        await client.SendAsync(new PongMessage(nonce + 1)); // mismatched: ignored
        await client.SendAsync(new PongMessage(nonce));
        // Our answer to a ping of theirs proves the pongs before it were handled.
        await client.SendAsync(new PingMessage(42));
        var (_, pong) = await client.ReadUntilAsync(Command.Pong);
        Assert.Equal(42UL, PongMessage.Decode(new(pong)).Nonce);
        Assert.NotNull(peer.Counters.LastPingTime);
        Assert.NotNull(peer.Counters.MinPingTime);
        Assert.True(peer.IsConnected);
    }

    [Fact]
    public async Task Two_peers_answer_each_others_pings()
    {
        var options = TestPeers.Options() with { PingInterval = TimeSpan.FromMilliseconds(100) };
        await using var server = new InboundServer(options);
        var sink = new RecordingSink();
        var outbound = await Peer.ConnectAsync(server.EndPoint, options with { Nonces = new() }, sink).Within();
        await sink.NextConnectedAsync();
        var inbound = await server.NextPeerAsync();
        // Pings every 100 ms: each side soon has a measured round trip and more messages than the handshake.
        await TestPeers.Eventually(() => outbound.Counters.LastPingTime is not null && inbound.Counters.LastPingTime is not null);
        Assert.True(outbound.IsConnected && inbound.IsConnected);
        Assert.True(outbound.Counters.MessagesReceived >= 5);
        outbound.Disconnect(DisconnectReason.Requested);
        await outbound.Completion.Within();
        await inbound.Completion.Within();
        Assert.Equal(outbound.Counters.BytesSent, inbound.Counters.BytesReceived);
        Assert.Equal(outbound.Counters.MessagesSent, inbound.Counters.MessagesReceived);
    }

    [Fact]
    public async Task A_ping_left_unanswered_disconnects_after_the_ping_timeout()
    {
        var options = TestPeers.Options() with { PingTimeout = TimeSpan.FromMilliseconds(400) };
        await using var server = new InboundServer(options);
        using var client = await RawClient.ConnectAsync(server.EndPoint);
        await client.HandshakeAsync();
        var peer = await server.NextPeerAsync();
        await client.ReadUntilAsync(Command.Ping);
        Assert.Equal(DisconnectReason.PingTimeout, (await peer.Completion.Within()).Reason);
        await client.WaitClosedAsync();
    }

    [Fact]
    public async Task Silence_disconnects_after_the_idle_timeout()
    {
        var options = TestPeers.Options() with { IdleTimeout = TimeSpan.FromMilliseconds(400) };
        await using var server = new InboundServer(options);
        using var client = await RawClient.ConnectAsync(server.EndPoint);
        await client.HandshakeAsync();
        var peer = await server.NextPeerAsync();
        Assert.Equal(DisconnectReason.IdleTimeout, (await peer.Completion.Within()).Reason);
        Assert.Equal(1, server.Sink.ConnectedCalls);
        Assert.Equal(1, server.Sink.DisconnectedCalls);
    }

    [Fact]
    public async Task A_queued_ping_goes_out_at_the_next_check_even_while_one_is_outstanding_and_its_wait_shows()
    {
        await using var server = new InboundServer(TestPeers.Options());
        using var client = await RawClient.ConnectAsync(server.EndPoint);
        await client.HandshakeAsync();
        var peer = await server.NextPeerAsync();
        var (_, first) = await client.ReadUntilAsync(Command.Ping);
        Assert.NotNull(peer.PingWait); // unanswered

        peer.QueuePing();
        var (_, second) = await client.ReadUntilAsync(Command.Ping);
        ulong nonce = PingMessage.Decode(new(second)).Nonce;
        Assert.NotEqual(PingMessage.Decode(new(first)).Nonce, nonce);
        await client.SendAsync(new PongMessage(nonce));
        await TestPeers.Eventually(() => peer.PingWait is null);
        Assert.NotNull(peer.Counters.LastPingTime);
    }
}
