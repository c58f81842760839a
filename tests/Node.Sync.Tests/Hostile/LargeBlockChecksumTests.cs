using Node.Chain.Mining;
using Node.Chain.State;
using Node.Net;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Hosting;
using Node.Sync.Tests.Integration;
using Node.Wire;

namespace Node.Sync.Tests.Hostile;

/// <summary>
/// A large block's message checksum is verified with the block's checks rather than by the frame reader; a mismatch
/// must still be what it is for Core: the message dropped, the peer kept, the block never judged and still in flight.
/// </summary>
public sealed class LargeBlockChecksumTests
{
    private const int Height = 110;

    [Fact]
    public async Task A_requested_large_block_with_a_bad_checksum_is_dropped_unjudged_and_the_honest_copy_connects()
    {
        var generator = new RegtestChainGenerator(new ChainGeneratorOptions { TargetBlockSize = 4 * Core.ReceivedBlock.InlineCheckBytes });
        var blocks = new List<byte[]>(Height + 2) { ChainParams.Regtest.GenesisBlockBytes.ToArray() };
        generator.Generate(Height + 1, block => blocks.Add(block.Bytes.ToArray()));
        var next = blocks[Height + 1];
        Assert.True(next.Length > Core.ReceivedBlock.InlineCheckBytes);
        var hash = BlockHeader.HashOf(next.AsSpan(0, BlockHeader.Size));

        var dir = TestNode.Preload(ChainParams.Regtest, new ChainStateOptions(), blocks.Skip(1).Take(Height));
        var dropped = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var node = TestNode.Start(new NodeRunnerOptions { DataDirectory = dir, Network = ChainParams.Regtest }, n =>
        {
            n.Sync.PeerDropped += (_, reason) => dropped.TrySetResult(reason);
            n.Sync.BlockConnected += b =>
            {
                if (b.Hash == hash) connected.TrySetResult();
            };
        });
        var sink = new ClientSink();
        var options = new PeerOptions { Network = ChainParams.Regtest, RequiredOutboundServices = ServiceFlags.None };
        var client = await Peer.ConnectAsync(node.Node.ListenEndPoint!, options, sink);
        await sink.Connected.WaitAsync(TimeSpan.FromSeconds(30));

        // Announce the block's header: the node asks us for the block.
        await client.SendAsync(new HeadersMessage(new[] { BlockHeader.Read(next) }));
        var (_, getData, _) = await sink.NextAsync(Command.GetData);
        var asked = new InventoryVector[1];
        Assert.Equal(1, InventoryMessage.Decode(new System.Buffers.ReadOnlySequence<byte>(getData), asked));
        Assert.Equal(hash, asked[0].Hash);

        uint good = FrameReader.Checksum(next);
        await client.SendRawAsync(Command.Block, next, good ^ 0x0100_0000);
        // A getdata of an unknown block, answered in order after the block was handled by the core.
        await client.SendAsync(new InventoryMessage(Command.GetData, [new InventoryVector(InventoryType.Block, new Hash256(new byte[32]))]));
        await sink.NextAsync(Command.NotFound);

        var chain = node.Node.Chain;
        Assert.True(client.IsConnected);
        Assert.False(dropped.Task.IsCompleted);
        Assert.Equal(Height, chain.TipHeight);
        Assert.False(chain.HaveBlock(hash));
        Assert.False(chain.IsKnownInvalid(hash));
        Assert.Equal(0, node.Node.Sync.Counters.BlocksReceived);

        // The same block with its true checksum: still the one requested from us, it connects.
        await client.SendRawAsync(Command.Block, next, good);
        await Await.Within(connected.Task, TimeSpan.FromSeconds(30), () => "the honest copy to connect");
        Assert.Equal(hash, chain.Tip);
        Assert.Equal(0, node.Node.Sync.Counters.UnrequestedBlocks);
        Assert.True(client.IsConnected);
        Assert.False(dropped.Task.IsCompleted);
        client.Disconnect(DisconnectReason.Requested);
    }
}
