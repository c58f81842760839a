using Node.Wire;

namespace Node.Net.Tests;

public class LifecycleTests
{
    private sealed class ThrowingSink : IPeerMessageSink
    {
        public RecordingSink Inner { get; } = new();
        public void OnPeerConnected(Peer peer) => Inner.OnPeerConnected(peer);
        public ValueTask OnMessageAsync(Peer peer, in Frame frame) => throw new InvalidOperationException("consumer bug");
        public void OnPeerDisconnected(Peer peer, PeerDisconnect reason) => Inner.OnPeerDisconnected(peer, reason);
    }

    [Fact]
    public async Task Concurrent_disconnects_report_the_first_reason_exactly_once()
    {
        await using var server = new InboundServer(TestPeers.Options());
        var sink = new RecordingSink();
        var peer = await Peer.ConnectAsync(server.EndPoint, TestPeers.Options() with { Nonces = new() }, sink).Within();
        await sink.NextConnectedAsync();

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await start.Task;
            peer.Disconnect(i % 2 == 0 ? DisconnectReason.Requested : DisconnectReason.Misbehaviour, $"racer {i}");
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(racers).Within();

        var result = await peer.Completion.Within();
        var (reported, reason) = await sink.NextDisconnectedAsync();
        Assert.Same(peer, reported);
        Assert.Equal(result, reason);
        Assert.StartsWith("racer ", reason.Detail);
        Assert.Equal(1, sink.DisconnectedCalls);
        Assert.False(peer.IsConnected);
        Assert.False(await peer.SendAsync(new PingMessage(1)));
    }

    [Fact]
    public async Task A_consumer_fault_disconnects_with_InternalError()
    {
        var sink = new ThrowingSink();
        var options = TestPeers.Options();
        var server = new InboundServer(options);
        await using (server)
        {
            var outbound = await Peer.ConnectAsync(server.EndPoint, options with { Nonces = new() }, sink).Within();
            await sink.Inner.NextConnectedAsync();
            // The inbound side's sendheaders is the first message delivered to the throwing consumer.
            var reason = await outbound.Completion.Within();
            Assert.Equal(DisconnectReason.InternalError, reason.Reason);
            Assert.Contains("consumer bug", reason.Detail);
            Assert.Equal(1, sink.Inner.DisconnectedCalls);
        }
    }

    [Fact]
    public async Task Counters_agree_on_both_ends_of_a_connection()
    {
        await using var server = new InboundServer(TestPeers.Options());
        var sink = new RecordingSink();
        var outbound = await Peer.ConnectAsync(server.EndPoint, TestPeers.Options() with { Nonces = new() }, sink).Within();
        await sink.NextConnectedAsync();
        var inbound = await server.NextPeerAsync();
        for (int i = 0; i < 10; i++) await outbound.SendAsync(new PingMessage((ulong)i + 1));
        // A disconnect drops what is still queued (as Core closes the socket), so let the queue drain first.
        await TestPeers.Eventually(() => inbound.Counters.MessagesReceived == outbound.Counters.MessagesSent
            && outbound.Counters.MessagesReceived == inbound.Counters.MessagesSent);
        outbound.Disconnect(DisconnectReason.Requested);
        await outbound.Completion.Within();
        await inbound.Completion.Within();

        Assert.Equal(outbound.Counters.BytesSent, inbound.Counters.BytesReceived);
        Assert.Equal(outbound.Counters.MessagesSent, inbound.Counters.MessagesReceived);
        Assert.Equal(inbound.Counters.BytesSent, outbound.Counters.BytesReceived);
        Assert.True(outbound.Counters.MessagesSent >= 14); // version, verack, sendheaders, wtxidrelay, sendaddrv2, pings
        Assert.NotNull(outbound.Counters.LastSend);
        Assert.NotNull(inbound.Counters.LastReceive);
        Assert.True(inbound.Counters.LastReceive >= inbound.Counters.ConnectedAt);
    }

    [Fact]
    public async Task Per_command_bytes_agree_on_both_ends_and_add_up_to_the_totals()
    {
        await using var server = new InboundServer(TestPeers.Options());
        var sink = new RecordingSink();
        var outbound = await Peer.ConnectAsync(server.EndPoint, TestPeers.Options() with { Nonces = new() }, sink).Within();
        await sink.NextConnectedAsync();
        var inbound = await server.NextPeerAsync();
        for (int i = 0; i < 10; i++) await outbound.SendAsync(new PingMessage((ulong)i + 1));
        await TestPeers.Eventually(() => inbound.Counters.MessagesReceived == outbound.Counters.MessagesSent
            && outbound.Counters.MessagesReceived == inbound.Counters.MessagesSent);
        outbound.Disconnect(DisconnectReason.Requested);
        await outbound.Completion.Within();
        await inbound.Completion.Within();

        var commands = Enum.GetValues<Command>();
        foreach (var command in commands)
        {
            Assert.Equal(outbound.Counters.BytesSentOf(command), inbound.Counters.BytesReceivedOf(command));
            Assert.Equal(inbound.Counters.BytesSentOf(command), outbound.Counters.BytesReceivedOf(command));
        }
        Assert.Equal(outbound.Counters.BytesSent, commands.Sum(outbound.Counters.BytesSentOf));
        Assert.Equal(inbound.Counters.BytesSent, commands.Sum(inbound.Counters.BytesSentOf));
        Assert.Equal(MessageHeader.Size, outbound.Counters.BytesSentOf(Command.Verack));
        Assert.True(outbound.Counters.BytesSentOf(Command.Ping) >= 10 * (MessageHeader.Size + 8));
        Assert.Equal(0, outbound.Counters.BytesSentOf(Command.Unknown));
    }

    [Fact]
    public async Task Each_end_knows_its_local_end_point()
    {
        await using var server = new InboundServer(TestPeers.Options());
        var sink = new RecordingSink();
        var outbound = await Peer.ConnectAsync(server.EndPoint, TestPeers.Options() with { Nonces = new() }, sink).Within();
        await sink.NextConnectedAsync();
        var inbound = await server.NextPeerAsync();

        Assert.Equal(inbound.RemoteEndPoint, outbound.LocalEndPoint);
        Assert.Equal(server.EndPoint, inbound.LocalEndPoint);
        outbound.Disconnect(DisconnectReason.Requested);
        await inbound.Completion.Within();
    }
}
