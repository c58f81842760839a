using System.Buffers.Binary;
using Node.Primitives.Consensus;
using Node.Wire;

namespace Node.Net.Tests;

/// <summary>A plain socket writing bytes no honest peer would, against an inbound peer.</summary>
public class HostileInputTests
{
    private static readonly uint Magic = ChainParams.Regtest.Magic;

    private static byte[] RawFrame(ReadOnlySpan<byte> command12, byte[] payload, uint? magic = null, uint? length = null, uint? checksum = null)
    {
        var frame = new byte[MessageHeader.Size + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, magic ?? Magic);
        command12.CopyTo(frame.AsSpan(4, 12));
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(16), length ?? (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(20), checksum ?? FrameReader.Checksum(payload));
        payload.CopyTo(frame.AsSpan(MessageHeader.Size));
        return frame;
    }

    private static byte[] Command12(string text)
    {
        var field = new byte[12];
        System.Text.Encoding.ASCII.GetBytes(text).CopyTo(field, 0);
        return field;
    }

    private static async Task<(InboundServer Server, RawClient Client, Peer Peer)> ConnectedAsync(bool handshake = true)
    {
        var server = new InboundServer(TestPeers.Options());
        var client = await RawClient.ConnectAsync(server.EndPoint);
        if (handshake) await client.HandshakeAsync();
        return (server, client, await server.NextPeerAsync());
    }

    /// <summary>A ping we answer proves every byte sent before it was read and the peer is still there.</summary>
    private static async Task AssertStillAnswersAsync(RawClient client, Peer peer, ulong nonce = 77)
    {
        await client.SendAsync(new PingMessage(nonce));
        ulong answered;
        do
        {
            var (_, pong) = await client.ReadUntilAsync(Command.Pong);
            answered = PongMessage.Decode(new(pong)).Nonce;
        }
        while (answered != nonce);
        Assert.True(peer.IsConnected);
    }

    [Fact]
    public async Task Wrong_magic_disconnects_with_reason_WrongMagic()
    {
        var (server, client, peer) = await ConnectedAsync();
        await using (server)
        using (client)
        {
            await client.SendBytesAsync(RawClient.Frame(new PingMessage(1), ChainParams.Main.Magic));
            Assert.Equal(DisconnectReason.WrongMagic, (await peer.Completion.Within()).Reason);
            await client.WaitClosedAsync();
        }
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_disconnects_before_the_payload_arrives()
    {
        var (server, client, peer) = await ConnectedAsync();
        await using (server)
        using (client)
        {
            await client.SendBytesAsync(RawFrame(Command12("block"), [], length: ProtocolLimits.MaxPayloadLength + 1));
            var reason = await peer.Completion.Within();
            Assert.Equal(DisconnectReason.OversizedPayload, reason.Reason);
            Assert.Contains("4000001", reason.Detail);
        }
    }

    [Fact]
    public async Task Garbage_disconnects()
    {
        var (server, client, peer) = await ConnectedAsync(handshake: false);
        await using (server)
        using (client)
        {
            var garbage = new byte[300];
            new Random(7).NextBytes(garbage);
            await client.SendBytesAsync(garbage);
            Assert.Equal(DisconnectReason.WrongMagic, (await peer.Completion.Within()).Reason);
            await client.WaitClosedAsync();
            Assert.Equal(0, server.Sink.ConnectedCalls);
            Assert.Equal(1, server.Sink.DisconnectedCalls);
        }
    }

    [Fact]
    public async Task A_bad_checksum_drops_the_message_and_keeps_the_connection()
    {
        var (server, client, peer) = await ConnectedAsync();
        await using (server)
        using (client)
        {
            var ping = RawClient.Frame(new PingMessage(5));
            ping[20] ^= 0xFF;
            await client.SendBytesAsync(ping);
            await AssertStillAnswersAsync(client, peer, nonce: 6);
        }
    }

    [Fact]
    public async Task A_malformed_command_drops_the_message_and_keeps_the_connection()
    {
        // Core drops a message whose command is not printable ASCII padded with NULs, without disconnecting.
        var (server, client, peer) = await ConnectedAsync();
        await using (server)
        using (client)
        {
            var command = Command12("ping");
            command[6] = (byte)'x'; // text after the NUL padding
            await client.SendBytesAsync(RawFrame(command, new byte[8]));
            await AssertStillAnswersAsync(client, peer);
        }
    }

    [Fact]
    public async Task An_unknown_command_is_ignored()
    {
        var (server, client, peer) = await ConnectedAsync();
        await using (server)
        using (client)
        {
            await client.SendBytesAsync(RawFrame(Command12("sendtxrcncl"), new byte[12]));
            await AssertStillAnswersAsync(client, peer);
            Assert.Equal(0, server.Sink.Messages.Reader.Count);
        }
    }

    [Fact]
    public async Task A_payload_that_does_not_decode_is_ignored_as_Core_does()
    {
        var (server, client, peer) = await ConnectedAsync();
        await using (server)
        using (client)
        {
            await client.SendBytesAsync(RawFrame(Command12("ping"), [1, 2, 3, 4])); // truncated nonce
            await AssertStillAnswersAsync(client, peer);
        }
    }

    [Fact]
    public async Task A_list_over_its_protocol_limit_is_misbehaviour()
    {
        // Without a connection manager the peer disconnects itself; the manager's scoring is tested there.
        var (server, client, peer) = await ConnectedAsync();
        await using (server)
        using (client)
        {
            var payload = new byte[3 + 2001 * 81];
            payload[0] = 0xfd;
            BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(1), 2001);
            await client.SendBytesAsync(RawFrame(Command12("headers"), payload));
            var reason = await peer.Completion.Within();
            Assert.Equal(DisconnectReason.Misbehaviour, reason.Reason);
            Assert.Contains("MAX_HEADERS_RESULTS", reason.Detail);
        }
    }

    [Fact]
    public async Task Messages_in_one_write_or_split_byte_by_byte_are_all_delivered()
    {
        var (server, client, peer) = await ConnectedAsync();
        await using (server)
        using (client)
        {
            var inv = RawClient.Frame(new InventoryMessage(Command.Inv, [new InventoryVector(InventoryType.Block, default)]));
            var both = inv.Concat(RawClient.Frame(new EmptyMessage(Command.SendHeaders))).ToArray();
            foreach (byte b in both) await client.SendBytesAsync([b]);
            Assert.Equal(Command.Inv, (await server.Sink.NextMessageAsync()).Command);
            Assert.Equal(Command.SendHeaders, (await server.Sink.NextMessageAsync()).Command);
            await AssertStillAnswersAsync(client, peer);
        }
    }

    [Fact]
    public async Task A_block_arriving_in_pieces_is_delivered_whole_and_the_messages_behind_it_too()
    {
        var (server, client, peer) = await ConnectedAsync();
        await using (server)
        using (client)
        {
            var block = Node.Tests.TestData.Bytes("blocks/mainnet-413567.raw");
            var frame = RawFrame(Command12("block"), block);
            var ping = RawClient.Frame(new PingMessage(5));
            // The header alone, then the payload in uneven pieces, the last one carrying the next message.
            await client.SendBytesAsync(frame[..MessageHeader.Size]);
            int at = MessageHeader.Size;
            for (int piece = 1; at < frame.Length - 1000; piece++)
            {
                int n = Math.Min(piece * 7919, frame.Length - 1000 - at);
                await client.SendBytesAsync(frame[at..(at + n)]);
                at += n;
            }
            await client.SendBytesAsync([.. frame[at..], .. ping]);

            var received = await server.Sink.NextMessageAsync();
            Assert.Equal(Command.Block, received.Command);
            Assert.True(received.Payload.AsSpan().SequenceEqual(block), "the block arrives as sent");
            var (_, pong) = await client.ReadUntilAsync(Command.Pong);
            Assert.Equal(5UL, PongMessage.Decode(new(pong)).Nonce);
            await AssertStillAnswersAsync(client, peer);
        }
    }
}
