using Node.Chain.Mining;
using Node.Chain.State;
using Node.Net;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Hosting;
using Node.Tests;
using Node.Wire;

namespace Node.Sync.Tests.Integration;

/// <summary>
/// A peer's blocks are copied out of its receive buffer and handed to the core while the peer reads on, up to
/// <see cref="Core.SyncOptions.BlocksPerPeer"/> of them; the core owns and returns each copy. The core is held
/// still by taking its chain gate.
/// </summary>
public sealed class BlockPipelineTests
{
    private const int BlocksPerPeer = 3;
    private static readonly ChainStateOptions NoMinimumWork = new() { MinimumChainWork = UInt256.Zero };

    private static (TestNode Node, List<byte[]> Blocks) MainnetNodeAt(int height, Action<NodeRunner>? beforeStart = null)
    {
        var blocks = TestData.BlkRecords("blocks/mainnet-0-438.blk");
        var dir = TestNode.Preload(ChainParams.Main, NoMinimumWork, blocks.Skip(1).Take(height));
        var node = TestNode.Start(new NodeRunnerOptions
        {
            DataDirectory = dir,
            Network = ChainParams.Main,
            MinimumChainWork = UInt256.Zero,
            Sync = new Core.SyncOptions { BlocksPerPeer = BlocksPerPeer },
        }, beforeStart);
        return (node, blocks);
    }

    /// <summary>
    /// Connects a client that announces the headers of <paramref name="blocks"/> from <paramref name="from"/> on,
    /// when given, and waits for the node to ask it for those blocks (a peer never asked for blocks gets a single
    /// slot); then until the core has handled everything it sent so far (its sendheaders, lent to the core, would
    /// otherwise hold its reads while the test holds the core): a getdata of an unknown block is answered with
    /// notfound, in order.
    /// </summary>
    private static async Task<Peer> ConnectAsync(TestNode node, List<byte[]>? blocks = null, int from = 0)
    {
        var sink = new ClientSink();
        var options = new PeerOptions { Network = node.Node.Options.Network, RequiredOutboundServices = ServiceFlags.None };
        var client = await Peer.ConnectAsync(node.Node.ListenEndPoint!, options, sink);
        await sink.Connected.WaitAsync(TimeSpan.FromSeconds(30));
        if (blocks != null)
        {
            var headers = blocks.Skip(from).Select(b => BlockHeader.Read(b)).ToArray();
            await client.SendAsync(new HeadersMessage(headers));
            await sink.NextAsync(Command.GetData);
        }
        var unknown = new Hash256(Enumerable.Repeat((byte)0xcd, 32).ToArray());
        await client.SendAsync(new InventoryMessage(Command.GetData, [new InventoryVector(InventoryType.Block, unknown)]));
        await sink.NextAsync(Command.NotFound);
        return client;
    }

    /// <summary>Sends blocks <paramref name="from"/>..<paramref name="to"/>: unrequested, each extending the tip once the previous connected.</summary>
    private static async Task SendBlocksAsync(Peer client, List<byte[]> blocks, int from, int to)
    {
        for (int h = from; h <= to; h++) await client.SendRawAsync(Command.Block, blocks[h]);
    }

    private static async Task Until(Func<bool> condition, Func<string> what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (timeout.IsCancellationRequested) throw new TimeoutException("timed out waiting: " + what());
            await Task.Delay(10);
        }
    }

    private static TaskCompletionSource<int> TipAt(NodeRunner node, int height)
    {
        var reached = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Sync.BlockConnected += b =>
        {
            if (b.Height == height) reached.TrySetResult(height);
        };
        return reached;
    }

    [Fact]
    public async Task A_peer_hands_over_blocks_up_to_the_limit_while_the_core_is_busy_then_stops_reading()
    {
        TaskCompletionSource<int>? tip = null;
        var (node, blocks) = MainnetNodeAt(20, n => tip = TipAt(n, 28));
        await using (node)
        {
            var client = await ConnectAsync(node, blocks, 21);
            var counters = node.Node.Sync.Counters;
            using (new HeldGate(node.Node.Sync.Options.ChainGate))
            {
                await SendBlocksAsync(client, blocks, 21, 28);
                await Until(() => counters.BlocksPending >= BlocksPerPeer, () => $"{BlocksPerPeer} blocks handed over, saw {counters.BlocksPending}");
                // The other five stay in the connection: the peer waits for the core before reading on.
                await Task.Delay(300);
                Assert.Equal(BlocksPerPeer, counters.BlocksPending);
                Assert.Equal(0, counters.BlocksReceived);
            }
            Assert.Equal(28, await Await.Within(tip!.Task, TimeSpan.FromSeconds(30), () => "block 28 to connect"));
            await Until(() => counters.BlocksPending == 0, () => $"every block released, {counters.BlocksPending} held");
            Assert.Equal(8, counters.BlocksReceived);
            client.Disconnect(DisconnectReason.Requested);
            await client.Completion;
        }
    }

    [Fact]
    public async Task A_peer_never_asked_for_blocks_hands_over_one_at_a_time()
    {
        TaskCompletionSource<int>? tip = null;
        var (node, blocks) = MainnetNodeAt(20, n => tip = TipAt(n, 24));
        await using (node)
        {
            var client = await ConnectAsync(node);
            var counters = node.Node.Sync.Counters;
            using (new HeldGate(node.Node.Sync.Options.ChainGate))
            {
                await SendBlocksAsync(client, blocks, 21, 24);
                await Until(() => counters.BlocksPending >= 1, () => "a block handed over");
                await Task.Delay(300);
                Assert.Equal(1, counters.BlocksPending);
            }
            Assert.Equal(24, await Await.Within(tip!.Task, TimeSpan.FromSeconds(30), () => "block 24 to connect"));
            client.Disconnect(DisconnectReason.Requested);
            await client.Completion;
        }
    }

    [Fact]
    public async Task Blocks_held_by_the_core_when_their_peer_is_disconnected_are_released_unprocessed_and_their_buffers_reused()
    {
        TaskCompletionSource<int>? tip = null;
        var (node, blocks) = MainnetNodeAt(20, n => tip = TipAt(n, 28));
        await using (node)
        {
            var sync = node.Node.Sync;
            var first = await ConnectAsync(node, blocks, 21);
            using (new HeldGate(sync.Options.ChainGate))
            {
                await SendBlocksAsync(first, blocks, 21, 28);
                await Until(() => sync.Counters.BlocksPending == BlocksPerPeer, () => "the blocks to be handed over");
                var served = node.Node.Connections.Peers.Single();
                served.Disconnect(DisconnectReason.Requested, "test");
            }
            await first.Completion.WaitAsync(TimeSpan.FromSeconds(30));
            await Until(() => sync.Counters.BlocksPending == 0 && sync.PeerCount == 0, () => "the peer's blocks released and the peer removed");
            Assert.Equal(20, node.Node.Chain.TipHeight); // a closing peer's messages are not processed
            Assert.Equal(0, sync.Counters.BlocksReceived);

            // The returned buffers are rented again: the same blocks from another peer connect byte for byte.
            var second = await ConnectAsync(node, blocks, 21);
            await SendBlocksAsync(second, blocks, 21, 28);
            Assert.Equal(28, await Await.Within(tip!.Task, TimeSpan.FromSeconds(30), () => "block 28 to connect"));
            Assert.Equal(BlockHeader.HashOf(blocks[28].AsSpan(0, BlockHeader.Size)), node.Node.Chain.Tip);
            await Until(() => sync.Counters.BlocksPending == 0, () => "every block released");
            second.Disconnect(DisconnectReason.Requested);
            await second.Completion;
        }
    }

    [Fact]
    public async Task Stopping_the_node_while_the_core_holds_blocks_releases_every_one()
    {
        var (node, blocks) = MainnetNodeAt(20);
        await using (node)
        {
            var sync = node.Node.Sync;
            var client = await ConnectAsync(node, blocks, 21);
            Task stopping;
            using (new HeldGate(sync.Options.ChainGate))
            {
                await SendBlocksAsync(client, blocks, 21, 28);
                await Until(() => sync.Counters.BlocksPending == BlocksPerPeer, () => "the blocks to be handed over");
                stopping = node.Node.StopAsync();
            }
            await Await.Within(stopping, TimeSpan.FromSeconds(30), () => "the node to stop");
            Assert.Equal(0, sync.Counters.BlocksPending);
            await client.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>A regtest chain whose blocks past the coinbase maturity are large enough to be checked off the peer's task.</summary>
    private static List<byte[]> LargeBlockChain(int height)
    {
        var generator = new RegtestChainGenerator(new ChainGeneratorOptions { TargetBlockSize = 3 * Core.ReceivedBlock.InlineCheckBytes });
        var blocks = new List<byte[]>(height + 1) { ChainParams.Regtest.GenesisBlockBytes.ToArray() };
        generator.Generate(height, block => blocks.Add(block.Bytes.ToArray()));
        Assert.True(blocks[^1].Length > Core.ReceivedBlock.InlineCheckBytes);
        return blocks;
    }

    [Fact]
    public async Task A_chain_of_large_blocks_syncs_from_one_peer_byte_for_byte()
    {
        const int height = 130;
        var blocks = LargeBlockChain(height);
        var tipHash = BlockHeader.HashOf(blocks[height].AsSpan(0, BlockHeader.Size));
        var serving = TestNode.Preload(ChainParams.Regtest, new ChainStateOptions(), blocks.Skip(1));
        await using var server = TestNode.Start(new NodeRunnerOptions
        {
            DataDirectory = serving,
            Network = ChainParams.Regtest,
            Whitelist = ["download@127.0.0.1"],
        });
        var synced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var syncing = TestNode.Start(new NodeRunnerOptions
        {
            DataDirectory = TestNode.NewDataDir(),
            Network = ChainParams.Regtest,
            Connect = [server.Address],
            Sync = new Core.SyncOptions { BlocksPerPeer = BlocksPerPeer },
        }, node => node.Sync.BlockConnected += block =>
        {
            if (block.Hash == tipHash) synced.TrySetResult();
        });

        await Await.Within(synced.Task, TimeSpan.FromSeconds(60), () => $"the tip: {syncing.Node.Sync.Counters.BlocksConnected} connected");
        var counters = syncing.Node.Sync.Counters;
        Assert.Equal(height, counters.BlocksConnected);
        Assert.Equal(height, counters.BlocksReceived);
        await Until(() => counters.BlocksPending == 0, () => "every block released");
        var stored = new System.Buffers.ArrayBufferWriter<byte>();
        foreach (int h in new[] { 1, 100, 101, 115, height })
        {
            stored.ResetWrittenCount();
            Assert.Equal(Node.Storage.StorageError.None, syncing.Node.Chain.FetchBlock(BlockHeader.HashOf(blocks[h].AsSpan(0, BlockHeader.Size)), stored));
            Assert.True(stored.WrittenSpan.SequenceEqual(blocks[h]), $"block {h} stored as sent");
        }
    }

    [Fact]
    public async Task A_large_block_failing_its_context_free_checks_gets_the_peer_punished_with_the_reason()
    {
        const int height = 110;
        var blocks = LargeBlockChain(height + 1);
        var dir = TestNode.Preload(ChainParams.Regtest, new ChainStateOptions(), blocks.Skip(1).Take(height));
        var dropped = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var node = TestNode.Start(new NodeRunnerOptions { DataDirectory = dir, Network = ChainParams.Regtest },
            n => n.Sync.PeerDropped += (_, reason) => dropped.TrySetResult(reason));
        var client = await ConnectAsync(node, blocks, height + 1);

        // The next block with its last transaction's lock time changed: its header still extends our tip, its merkle root no longer matches.
        var mutated = blocks[height + 1].ToArray();
        Assert.True(mutated.Length > Core.ReceivedBlock.InlineCheckBytes);
        mutated[^1] ^= 0x01;
        await client.SendRawAsync(Command.Block, mutated);

        var reason = await Await.Within(dropped.Task, TimeSpan.FromSeconds(30), () => "the node to punish the peer");
        Assert.True(reason.Contains("bad-txnmrklroot"), reason);
        Assert.Equal(height, node.Node.Chain.TipHeight);
        await Until(() => node.Node.Sync.Counters.BlocksPending == 0, () => "the block released");
        await client.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Holds the core's chain gate on a thread of its own (a lock is released by the thread that took it).</summary>
    private sealed class HeldGate : IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private readonly Thread _holder;

        public HeldGate(object gate)
        {
            using var held = new ManualResetEventSlim();
            _holder = new Thread(() =>
            {
                lock (gate)
                {
                    held.Set();
                    _release.Wait();
                }
            });
            _holder.Start();
            held.Wait();
        }

        public void Dispose()
        {
            _release.Set();
            _holder.Join();
            _release.Dispose();
        }
    }
}
