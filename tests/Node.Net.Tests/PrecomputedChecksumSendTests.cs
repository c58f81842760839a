using System.Buffers.Binary;
using System.Security.Cryptography;
using Node.Wire;

namespace Node.Net.Tests;

/// <summary>Sending a payload with the message checksum the caller holds (a stored block's), instead of hashing it.</summary>
public class PrecomputedChecksumSendTests
{
    private static readonly byte[] Block = Node.Tests.TestData.Bytes("blocks/mainnet-413567.raw");

    /// <summary>SHA256d by the platform, independent of the node's hashing.</summary>
    private static uint Sha256dChecksum(byte[] payload) => BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(SHA256.HashData(payload)));

    [Fact]
    public async Task A_block_sent_with_its_known_checksum_arrives_as_a_whole_valid_frame_like_one_hashed_on_send()
    {
        await using var server = new InboundServer(TestPeers.Options());
        using var client = await RawClient.ConnectAsync(server.EndPoint);
        await client.HandshakeAsync();
        var peer = await server.NextPeerAsync();

        Assert.True(await peer.SendRawAsync(Command.Block, Block, Sha256dChecksum(Block)).Within());
        Assert.True(await peer.SendRawAsync(Command.Block, Block).Within());

        // The raw client's frame reader checks each header's checksum against the payload it received.
        // (A ping of the peer's own may come in between: its first one goes out on its timer's first tick.)
        var (_, withKnown) = await client.ReadUntilAsync(Command.Block);
        var (_, hashed) = await client.ReadUntilAsync(Command.Block);
        Assert.Equal(Block, withKnown);
        Assert.Equal(Block, hashed);
    }

    [Fact]
    public async Task The_checksum_is_taken_as_given_so_a_wrong_one_makes_the_receiver_drop_the_message()
    {
        await using var server = new InboundServer(TestPeers.Options());
        var sink = new RecordingSink();
        var outbound = await Peer.ConnectAsync(server.EndPoint, TestPeers.Options(), sink).Within();
        await sink.NextConnectedAsync();
        await server.Sink.NextConnectedAsync();

        uint checksum = Sha256dChecksum(Block);
        Assert.True(await outbound.SendRawAsync(Command.Block, Block, checksum ^ 1).Within());
        Assert.True(await outbound.SendRawAsync(Command.Block, Block, checksum).Within());
        Assert.True(await outbound.SendAsync(new PingMessage(5)).Within());
        Assert.True(await outbound.SendAsync(new InventoryMessage(Command.Inv, [])).Within());

        var received = new List<Command>();
        while (received.LastOrDefault() != Command.Inv)
        {
            var (_, command, payload) = await server.Sink.NextMessageAsync();
            if (command == Command.SendHeaders) continue; // the handshake's
            received.Add(command);
            if (command == Command.Block) Assert.Equal(Block, payload);
        }
        Assert.Equal([Command.Block, Command.Inv], received); // the ping is answered by the peer itself
    }
}
