using System.Buffers;
using Node.Wire;

namespace Node.Net.Tests;

public class FlowControlTests
{
    [Fact]
    public async Task A_peer_that_never_reads_stalls_our_senders_and_is_disconnected_without_our_memory_growing()
    {
        const int pause = 1 << 20;
        var options = TestPeers.Options() with
        {
            SendBufferPauseBytes = pause,
            SendBufferResumeBytes = pause / 2,
            SendStallTimeout = TimeSpan.FromSeconds(1),
        };
        await using var server = new InboundServer(options);
        using var client = await RawClient.ConnectAsync(server.EndPoint, receiveBufferSize: 4096); // and never reads
        var peer = await server.NextPeerAsync();

        var payload = new byte[1 << 20];
        int accepted = 0;
        long maxQueued = 0;
        // A gigabyte offered; without back-pressure it would all be queued in memory.
        for (int i = 0; i < 1000; i++)
        {
            if (!await peer.SendRawAsync(Command.Tx, payload).Within()) break;
            accepted++;
            maxQueued = Math.Max(maxQueued, peer.QueuedSendBytes);
        }

        var reason = await peer.Completion.Within();
        Assert.Equal(DisconnectReason.SendStalled, reason.Reason);
        Assert.True(accepted < 100, $"{accepted} MB were accepted for a peer that reads nothing");
        Assert.True(maxQueued <= pause + payload.Length + MessageHeader.Size, $"queued {maxQueued} bytes");
        Assert.False(await peer.SendAsync(new PingMessage(1)));
    }

    [Fact]
    public async Task Concurrent_senders_deliver_every_message_whole()
    {
        await using var server = new InboundServer(TestPeers.Options());
        var sink = new RecordingSink();
        var outbound = await Peer.ConnectAsync(server.EndPoint, TestPeers.Options(), sink).Within();
        await sink.NextConnectedAsync();
        var inbound = await server.NextPeerAsync();
        await server.Sink.NextConnectedAsync();

        const int perSender = 200;
        var senders = Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
        {
            var items = new InventoryVector[1 + s];
            for (int i = 0; i < perSender; i++)
                Assert.True(await outbound.SendAsync(new InventoryMessage(Command.Inv, items)));
        })).ToArray();
        await Task.WhenAll(senders).Within();

        var counts = new int[4];
        for (int i = 0; i < 4 * perSender;)
        {
            var (_, command, payload) = await server.Sink.NextMessageAsync();
            if (command == Command.SendHeaders) continue; // the handshake's
            Assert.Equal(Command.Inv, command);
            i++;
            counts[InventoryMessage.ReadCount(new ReadOnlySequence<byte>(payload)) - 1]++;
        }
        Assert.All(counts, c => Assert.Equal(perSender, c));
        Assert.True(inbound.IsConnected);
    }

    [Fact]
    public async Task A_held_block_keeps_its_bytes_and_stops_reading_until_released()
    {
        var sink = new RecordingSink { HoldBlocks = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var server = new InboundServer(TestPeers.Options(), sink);
        using var client = await RawClient.ConnectAsync(server.EndPoint);
        await client.HandshakeAsync();
        var peer = await server.NextPeerAsync();

        var block = Node.Tests.TestData.Bytes("blocks/mainnet-413567.raw");
        var blockFrame = new ArrayBufferWriter<byte>();
        new MessageWriter(blockFrame, Node.Primitives.Consensus.ChainParams.Regtest.Magic).WriteRaw(Command.Block, block);
        await client.SendBytesAsync(blockFrame.WrittenSpan.ToArray());
        while ((await sink.NextMessageAsync()).Command != Command.Block) { }

        // While the block is held, more bytes arrive but are not read as messages.
        long before = peer.Counters.MessagesReceived;
        long socketBytes = peer.SocketBytesReceived;
        var ping = RawClient.Frame(new PingMessage(31));
        await client.SendBytesAsync(ping);
        await TestPeers.Eventually(() => peer.SocketBytesReceived >= socketBytes + ping.Length);
        Assert.Equal(before, peer.Counters.MessagesReceived);
        Assert.Equal(block, sink.HeldPayload.ToArray()); // the receive buffer was not reused under the consumer

        sink.HoldBlocks.SetResult();
        var (_, pong) = await client.ReadUntilAsync(Command.Pong);
        Assert.Equal(31UL, PongMessage.Decode(new(pong)).Nonce);
    }
}
