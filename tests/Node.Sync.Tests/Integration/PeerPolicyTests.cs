using System.Buffers;
using Node.Chain.State;
using Node.Net;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Hosting;
using Node.Tests;
using Node.Wire;

namespace Node.Sync.Tests.Integration;

/// <summary>What a node in IBD refuses to serve, and what gets a peer dropped, seen from a raw peer.</summary>
public sealed class PeerPolicyTests
{
    private static readonly ChainStateOptions NoMinimumWork = new() { MinimumChainWork = UInt256.Zero };

    private static async Task<(Peer Client, ClientSink Sink)> ConnectAsync(TestNode node)
    {
        var sink = new ClientSink();
        var options = new PeerOptions { Network = node.Node.Options.Network, RequiredOutboundServices = ServiceFlags.None };
        var client = await Peer.ConnectAsync(node.Node.ListenEndPoint!, options, sink);
        await sink.Connected.WaitAsync(TimeSpan.FromSeconds(30));
        return (client, sink);
    }

    private static byte[] SecondTransaction(byte[] block)
    {
        Assert.True(Node.Primitives.Blocks.BlockReader.TryOpen(block, out var reader, out _));
        Assert.True(reader.TryReadNext(out _, out _));
        Assert.True(reader.TryReadNext(out var tx, out _));
        return tx.Raw.ToArray();
    }

    [Fact]
    public async Task A_node_in_IBD_ignores_getheaders_from_a_peer_without_the_download_permission()
    {
        var blocks = TestData.BlkRecords("blocks/mainnet-0-438.blk");
        var dir = TestNode.Preload(ChainParams.Main, NoMinimumWork, blocks.Skip(1).Take(20));
        await using var node = TestNode.Start(new NodeRunnerOptions { DataDirectory = dir, Network = ChainParams.Main, MinimumChainWork = UInt256.Zero });
        Assert.True(node.Node.Chain.IsInitialBlockDownload);
        var (client, sink) = await ConnectAsync(node);
        try
        {
            var genesis = ChainParams.Main.GenesisHash;
            await client.SendAsync(new LocatorMessage(Command.GetHeaders, ProtocolVersions.Current, [genesis], default));
            // Messages are handled in order: the notfound for this getdata comes after whatever the getheaders produced.
            var unknown = new Hash256(Enumerable.Repeat((byte)0xcd, 32).ToArray());
            await client.SendAsync(new InventoryMessage(Command.GetData, [new InventoryVector(InventoryType.Block, unknown)]));
            var reply = await sink.NextAsync(Command.Headers, Command.NotFound);
            Assert.Equal(Command.NotFound, reply.Command);
            Assert.Equal(0, node.Node.Sync.Counters.HeadersServed);

            // getblocks is answered in IBD, as in Core.
            await client.SendAsync(new LocatorMessage(Command.GetBlocks, ProtocolVersions.Current, [genesis], default));
            var inv = await sink.NextAsync(Command.Inv);
            Assert.Equal(20, InventoryMessage.ReadCount(new ReadOnlySequence<byte>(inv.Payload)));
        }
        finally
        {
            client.Disconnect(DisconnectReason.Requested);
            await client.Completion;
        }
    }

    [Fact]
    public async Task A_blocks_only_node_drops_a_peer_that_sends_a_transaction()
    {
        var dropped = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var node = TestNode.Start(new NodeRunnerOptions
        {
            DataDirectory = TestNode.NewDataDir(),
            Network = ChainParams.Regtest,
            BlocksOnly = true,
        }, n => n.Sync.PeerDropped += (_, reason) => dropped.TrySetResult(reason));
        var (client, _) = await ConnectAsync(node);
        var block = TestData.BlkRecords("blocks/mainnet-0-438.blk")[170]; // the first block with a transaction besides its coinbase
        var tx = SecondTransaction(block);
        await client.SendRawAsync(Command.Tx, tx);

        var reason = await Await.Within(dropped.Task, TimeSpan.FromSeconds(30), () => "the node to drop the peer");
        Assert.Equal("transaction sent in violation of protocol", reason);
        var disconnect = await client.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(DisconnectReason.RemoteClosed, disconnect.Reason);
    }

    private static (TestNode Node, List<byte[]> Blocks, TaskCompletionSource<string> Dropped) MainnetNodeAt(int height,
        Action<Hosting.NodeRunner>? beforeStart = null)
    {
        var blocks = TestData.BlkRecords("blocks/mainnet-0-438.blk");
        var dir = TestNode.Preload(ChainParams.Main, NoMinimumWork, blocks.Skip(1).Take(height));
        var dropped = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var node = TestNode.Start(new NodeRunnerOptions { DataDirectory = dir, Network = ChainParams.Main, MinimumChainWork = UInt256.Zero }, n =>
        {
            n.Sync.PeerDropped += (_, reason) => dropped.TrySetResult(reason);
            beforeStart?.Invoke(n);
        });
        return (node, blocks, dropped);
    }

    [Fact]
    public async Task An_unrequested_block_extending_the_tip_is_processed_and_one_with_an_unknown_parent_drops_the_peer()
    {
        var connected = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (node, blocks, dropped) = MainnetNodeAt(20, n => n.Sync.BlockConnected += b => connected.TrySetResult(b.Height));
        await using (node)
        {
            var (client, _) = await ConnectAsync(node);
            // Block 21 extends our tip with more work: Core processes it although nobody asked for it.
            await client.SendRawAsync(Command.Block, blocks[21]);
            Assert.Equal(21, await Await.Within(connected.Task, TimeSpan.FromSeconds(30), () => "block 21 to connect"));
            Assert.False(dropped.Task.IsCompleted);

            await client.SendRawAsync(Command.Block, blocks[30]);
            var reason = await Await.Within(dropped.Task, TimeSpan.FromSeconds(30), () => "the node to drop the peer");
            Assert.StartsWith("unrequested block", reason);
            Assert.Equal(2, node.Node.Sync.Counters.UnrequestedBlocks);
            await client.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task A_header_failing_proof_of_work_gets_the_peer_disconnected_with_the_reason()
    {
        var (node, blocks, dropped) = MainnetNodeAt(5);
        await using (node)
        {
            var (client, _) = await ConnectAsync(node);
            var header = BlockHeader.Read(blocks[6]);
            BlockHeader[] bad = [header with { Nonce = header.Nonce + 1 }];
            await client.SendAsync(new HeadersMessage(bad));
            var reason = await Await.Within(dropped.Task, TimeSpan.FromSeconds(30), () => "the node to drop the peer");
            // Core's CheckHeadersPoW, which runs before the header is looked at any further.
            Assert.StartsWith("header with invalid proof of work: header " + bad[0].GetHash(), reason);
            Assert.Contains("high-hash", reason);
            var disconnect = await client.Completion.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(DisconnectReason.RemoteClosed, disconnect.Reason);
        }
    }

    [Fact]
    public async Task Headers_that_do_not_connect_are_answered_with_getheaders_from_our_best_header()
    {
        var (node, blocks, dropped) = MainnetNodeAt(5);
        await using (node)
        {
            var (client, sink) = await ConnectAsync(node);
            BlockHeader[] gap = [BlockHeader.Read(blocks[30])];
            await client.SendAsync(new HeadersMessage(gap));
            var getHeaders = await sink.NextAsync(Command.GetHeaders);
            Assert.Equal(BlockHeader.HashOf(blocks[5].AsSpan(0, BlockHeader.Size)), FirstLocatorHash(getHeaders.Payload));
            Assert.False(dropped.Task.IsCompleted);
        }
    }

    private static Hash256 FirstLocatorHash(byte[] payload)
    {
        Span<Hash256> buffer = stackalloc Hash256[ProtocolLimits.MaxLocator];
        return LocatorMessage.Decode(Command.GetHeaders, new ReadOnlySequence<byte>(payload), buffer).Locator[0];
    }
}
