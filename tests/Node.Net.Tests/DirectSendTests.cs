using Node.Primitives;
using Node.Wire;

namespace Node.Net.Tests;

/// <summary>
/// Large payloads go from the sender's buffer to the socket without a copy into the send pipe: the connection's bytes
/// must still be whole frames in the order of the calls, whatever other messages are sent from other threads meanwhile.
/// </summary>
public class DirectSendTests
{
    private static readonly byte[] Block = Node.Tests.TestData.Bytes("blocks/mainnet-413567.raw");

    [Fact]
    public async Task Large_blocks_sent_from_several_threads_between_small_messages_arrive_whole_and_in_each_senders_order()
    {
        const int Senders = 4, BlocksEach = 6, InvsEach = 25;
        Assert.True(Block.Length > 64 * 1024); // large enough to go direct
        await using var server = new InboundServer(TestPeers.Options());
        using var client = await RawClient.ConnectAsync(server.EndPoint);
        await client.HandshakeAsync();
        var peer = await server.NextPeerAsync();

        // Each block is the real block with its last two bytes naming the sender and the index (hashed on send).
        var blocks = new byte[Senders][][];
        for (int s = 0; s < Senders; s++)
        {
            blocks[s] = new byte[BlocksEach][];
            for (int i = 0; i < BlocksEach; i++)
            {
                var copy = (byte[])Block.Clone();
                copy[^2] = (byte)s;
                copy[^1] = (byte)i;
                blocks[s][i] = copy;
            }
        }
        var senders = Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            for (int i = 0; i < Math.Max(BlocksEach, InvsEach); i++)
            {
                if (i < BlocksEach) Assert.True(await peer.SendRawAsync(Command.Block, blocks[s][i]));
                if (i < InvsEach)
                {
                    var hash = new byte[Hash256.Size];
                    hash[0] = (byte)s;
                    hash[1] = (byte)i;
                    Assert.True(await peer.SendAsync(new InventoryMessage(Command.Inv, [new InventoryVector(InventoryType.Block, new Hash256(hash))])));
                }
            }
        })).ToArray();

        var nextBlock = new int[Senders];
        var nextInv = new int[Senders];
        int received = 0;
        while (received < Senders * (BlocksEach + InvsEach))
        {
            // The raw client's frame reader checks each frame's checksum against the payload it received.
            var (command, payload) = await client.ReadFrameAsync() ?? throw new InvalidOperationException("closed");
            if (command == Command.Block)
            {
                int s = payload[^2];
                Assert.Equal(blocks[s][nextBlock[s]++], payload);
                received++;
            }
            else if (command == Command.Inv)
            {
                // One vector: the count (1 byte), its type (4), then its hash.
                Assert.Equal(1 + InventoryVector.Size, payload.Length);
                int s = payload[5];
                Assert.Equal(nextInv[s]++, payload[6]);
                received++;
            }
        }
        await Task.WhenAll(senders).Within();
        Assert.All(nextBlock, n => Assert.Equal(BlocksEach, n));
        Assert.All(nextInv, n => Assert.Equal(InvsEach, n));
    }

    [Fact]
    public async Task Blocks_sent_while_the_socket_is_full_with_earlier_messages_go_after_all_of_them()
    {
        const int Earlier = 300, EarlierBytes = 60_000, Blocks = 10; // the earlier ones are below the direct-send size
        await using var server = new InboundServer(TestPeers.Options());
        using var client = await RawClient.ConnectAsync(server.EndPoint);
        await client.HandshakeAsync();
        var peer = await server.NextPeerAsync();

        // The client does not read at first: the earlier messages (18 MB, through the pipe) fill the socket, and the send
        // pump is in the middle of them whenever a block is queued.
        var earlier = Task.Run(async () =>
        {
            for (int i = 0; i < Earlier; i++)
            {
                var payload = new byte[EarlierBytes];
                payload[0] = (byte)i;
                Assert.True(await peer.SendRawAsync(Command.Tx, payload));
            }
        });
        var blocks = Task.Run(async () =>
        {
            for (int i = 0; i < Blocks; i++)
            {
                await Task.Delay(30);
                Assert.True(await peer.SendRawAsync(Command.Block, Block, FrameReader.Checksum(Block)));
            }
        });
        await Task.Delay(300);

        int txs = 0, received = 0;
        while (txs < Earlier || received < Blocks)
        {
            // The raw client checks each frame's magic and checksum: a block's bytes ahead of its header break both.
            var (command, payload) = await client.ReadFrameAsync() ?? throw new InvalidOperationException("closed");
            if (command == Command.Tx) Assert.Equal((byte)txs++, payload[0]);
            if (command != Command.Block) continue;
            Assert.Equal(Block, payload);
            received++;
        }
        await Task.WhenAll(earlier, blocks).Within();
    }
}
