using System.Buffers;
using Node.Chain.Mining;
using Node.Chain.State;
using Node.Net;
using Node.Net.Tests;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Hosting;
using Node.Wire;

namespace Node.Sync.Tests.Integration;

/// <summary>
/// New blocks announced as Core's SendMessages does: the blocks connected since the last round together, as one
/// headers message to a peer that sent sendheaders (at most 8 and connecting to what it has), else an inv of the tip.
/// </summary>
public sealed class AnnouncementTests
{
    private const int Preloaded = 10, Total = 30;

    [Fact]
    public async Task A_burst_of_blocks_goes_out_as_one_headers_message_more_than_eight_as_an_inv_of_the_tip()
    {
        var blocks = new List<byte[]>(Total);
        new RegtestChainGenerator(new ChainGeneratorOptions { CoinbaseOnly = true })
            .Generate(Total, block => blocks.Add(block.Bytes.ToArray()));
        var hashes = blocks.Select(b => BlockHeader.HashOf(b.AsSpan(0, BlockHeader.Size))).ToArray();
        var dir = TestNode.Preload(ChainParams.Regtest, new ChainStateOptions(), blocks.Take(Preloaded));
        await using var node = TestNode.Start(new NodeRunnerOptions
        {
            DataDirectory = dir,
            Network = ChainParams.Regtest,
            Clock = FixedClock.AtUnix(BlockHeader.Read(blocks[^1]).Time + 3600), // current, not in initial download
        });

        var (headersPeer, headersSink) = await ConnectAsync(node);
        using var invPeer = await ConnectWithoutSendHeadersAsync(node);
        try
        {
            // Three blocks connected in one burst: one headers message with all three; the other peer an inv of the third.
            Submit(node, blocks.Skip(Preloaded).Take(3));
            var (command, payload, _) = await headersSink.NextAsync(Command.Headers, Command.Inv);
            Assert.Equal(Command.Headers, command);
            Assert.Equal(hashes[Preloaded..(Preloaded + 3)], DecodeHeaders(payload));
            var (before, invPayload) = await invPeer.ReadUntilAsync(Command.Inv);
            Assert.DoesNotContain(Command.Headers, before);
            Assert.Equal([new InventoryVector(InventoryType.Block, hashes[Preloaded + 2])], DecodeInventory(invPayload));

            // Ten at once are more than eight: both get an inv of the newest only.
            Submit(node, blocks.Skip(Preloaded + 3).Take(10));
            (command, payload, _) = await headersSink.NextAsync(Command.Headers, Command.Inv);
            Assert.Equal(Command.Inv, command);
            Assert.Equal([new InventoryVector(InventoryType.Block, hashes[Preloaded + 12])], DecodeInventory(payload));
            (before, invPayload) = await invPeer.ReadUntilAsync(Command.Inv);
            Assert.DoesNotContain(Command.Headers, before);
            Assert.Equal([new InventoryVector(InventoryType.Block, hashes[Preloaded + 12])], DecodeInventory(invPayload));

            // The headers peer never fetched the inv'd blocks' headers, so the next block does not connect to what it
            // has: an inv again. Once it has fetched them, a single new block comes as one header.
            Submit(node, blocks.Skip(Preloaded + 13).Take(1));
            (command, payload, _) = await headersSink.NextAsync(Command.Headers, Command.Inv);
            Assert.Equal(Command.Inv, command);
            Assert.Equal([new InventoryVector(InventoryType.Block, hashes[Preloaded + 13])], DecodeInventory(payload));
            await headersPeer.SendAsync(new LocatorMessage(Command.GetHeaders, ProtocolVersions.Current, [hashes[Preloaded - 1]], default));
            (command, payload, _) = await headersSink.NextAsync(Command.Headers);
            Assert.Equal(hashes[Preloaded..(Preloaded + 14)], DecodeHeaders(payload));
            Submit(node, blocks.Skip(Preloaded + 14).Take(1));
            (command, payload, _) = await headersSink.NextAsync(Command.Headers, Command.Inv);
            Assert.Equal(Command.Headers, command);
            Assert.Equal([hashes[Preloaded + 14]], DecodeHeaders(payload));
        }
        finally
        {
            headersPeer.Disconnect(DisconnectReason.Requested);
            await headersPeer.Completion;
        }
    }

    private static readonly Hash256[] FromGenesis = [ChainParams.Regtest.GenesisHash];

    /// <summary>
    /// A client (it sends sendheaders in its handshake) known to hold the preloaded headers: it asked for them, so the
    /// node's last header sent to it is the tip.
    /// </summary>
    private static async Task<(Peer Peer, ClientSink Sink)> ConnectAsync(TestNode node)
    {
        var sink = new ClientSink();
        var options = new PeerOptions { Network = ChainParams.Regtest, RequiredOutboundServices = ServiceFlags.None };
        var peer = await Peer.ConnectAsync(node.Node.ListenEndPoint!, options, sink);
        await sink.Connected.WaitAsync(TimeSpan.FromSeconds(30));
        await peer.SendAsync(new LocatorMessage(Command.GetHeaders, ProtocolVersions.Current, FromGenesis, default));
        var (_, payload, _) = await sink.NextAsync(Command.Headers);
        Assert.Equal(Preloaded, DecodeHeaders(payload).Length);
        return (peer, sink);
    }

    /// <summary>A raw client that never sends sendheaders, holding the preloaded headers too.</summary>
    private static async Task<RawClient> ConnectWithoutSendHeadersAsync(TestNode node)
    {
        var client = await RawClient.ConnectAsync(node.Node.ListenEndPoint!, magic: ChainParams.Regtest.Magic);
        await client.HandshakeAsync();
        await client.SendBytesAsync(RawClient.Frame(new LocatorMessage(Command.GetHeaders, ProtocolVersions.Current, FromGenesis, default), client.Magic));
        var (_, payload) = await client.ReadUntilAsync(Command.Headers);
        Assert.Equal(Preloaded, DecodeHeaders(payload).Length);
        return client;
    }

    /// <summary>Connects blocks as submitblock does: under the lock the sync core holds per event.</summary>
    private static void Submit(TestNode node, IEnumerable<byte[]> blocks)
    {
        lock (node.Node.Options.Sync.ChainGate)
        {
            foreach (var block in blocks)
                Assert.Equal(BlockProcessStatus.Connected, node.Node.Chain.ProcessBlock(block).Status);
        }
    }

    private static Hash256[] DecodeHeaders(byte[] payload)
    {
        var headers = new BlockHeader[ProtocolLimits.MaxHeaders];
        int n = HeadersMessage.Decode(new ReadOnlySequence<byte>(payload), headers);
        return headers.Take(n).Select(h => h.GetHash()).ToArray();
    }

    private static InventoryVector[] DecodeInventory(byte[] payload)
    {
        var items = new InventoryVector[ProtocolLimits.MaxInventory];
        int n = InventoryMessage.Decode(new ReadOnlySequence<byte>(payload), items);
        return items.Take(n).ToArray();
    }
}
