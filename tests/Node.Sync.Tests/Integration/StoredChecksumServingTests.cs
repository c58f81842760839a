using Node.Chain.State;
using Node.Net;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Storage.Tests;
using Node.Sync.Hosting;
using Node.Tests;
using Node.Wire;

namespace Node.Sync.Tests.Integration;

/// <summary>
/// Blocks served with the message checksum stored with them: from old-format rows (computed) and new ones alike,
/// and never with a damaged one. Real mainnet blocks 0–438 on a node over 127.0.0.1.
/// </summary>
public sealed class StoredChecksumServingTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly Lazy<List<byte[]>> Blocks = new(() => TestData.BlkRecords("blocks/mainnet-0-438.blk"));
    private readonly LogCollector _logs = new();

    private static Hash256 HashAt(int height) => BlockHeader.HashOf(Blocks.Value[height].AsSpan(0, BlockHeader.Size));

    private static string PreloadedDataDir() =>
        TestNode.Preload(ChainParams.Main, new ChainStateOptions { MinimumChainWork = UInt256.Zero }, Blocks.Value.Skip(1));

    [Fact]
    public async Task Blocks_of_old_format_rows_and_of_new_rows_are_served_in_frames_with_their_sha256d_checksum()
    {
        var dir = PreloadedDataDir();
        for (int h = 0; h <= 438; h += 2) RawIndex.RewriteAsVersion1(dir, HashAt(h));

        await using var node = StartServing(dir);
        await using var client = await ConnectAsync(node);
        var heights = Enumerable.Range(1, 438).ToArray();
        // MSG_WITNESS_BLOCK and MSG_BLOCK alike: these blocks have no witness data, so both send the stored bytes.
        await client.Peer.SendAsync(new InventoryMessage(Command.GetData,
            heights.Select(h => new InventoryVector(h % 3 == 0 ? InventoryType.Block : InventoryType.WitnessBlock, HashAt(h))).ToArray()));
        foreach (int h in heights)
        {
            var block = await client.Sink.NextAsync(Command.Block);
            Assert.Equal(Blocks.Value[h], block.Payload);
            Assert.Equal(ServingTests.Sha256dChecksum(block.Payload), block.Checksum);
        }
        Assert.Equal(438, node.Node.Sync.Counters.BlocksServed);
    }

    [Fact]
    public async Task A_block_whose_stored_checksum_was_damaged_is_not_sent_but_reported_not_found()
    {
        var dir = PreloadedDataDir();
        RawIndex.DamageWireChecksum(dir, HashAt(200), 0x00000100);

        await using var node = StartServing(dir);
        await using var client = await ConnectAsync(node);
        await client.Peer.SendAsync(new InventoryMessage(Command.GetData,
        [
            new InventoryVector(InventoryType.WitnessBlock, HashAt(200)),
            new InventoryVector(InventoryType.WitnessBlock, HashAt(201)),
        ]));
        var first = await client.Sink.NextAsync(Command.Block, Command.NotFound);
        var second = await client.Sink.NextAsync(Command.Block, Command.NotFound);

        Assert.Equal(Command.Block, first.Command);
        Assert.Equal(Blocks.Value[201], first.Payload);
        Assert.Equal(ServingTests.Sha256dChecksum(first.Payload), first.Checksum);
        Assert.Equal(Command.NotFound, second.Command);
        var items = new InventoryVector[2];
        int count = InventoryMessage.Decode(new System.Buffers.ReadOnlySequence<byte>(second.Payload), items);
        Assert.Equal([new InventoryVector(InventoryType.WitnessBlock, HashAt(200))], items.Take(count));
        Assert.Equal(1, node.Node.Sync.Counters.BlocksServed);
        Assert.Contains(_logs.Lines, l => l.Contains(HashAt(200).ToString()) && l.Contains("ChecksumMismatch"));
    }

    private TestNode StartServing(string dir) => TestNode.Start(new NodeRunnerOptions
    {
        DataDirectory = dir,
        Network = ChainParams.Main,
        MinimumChainWork = UInt256.Zero,
        Whitelist = ["download@127.0.0.1"],
        Loggers = _logs.Factory("A"),
    });

    private async Task<Client> ConnectAsync(TestNode node)
    {
        var sink = new ClientSink();
        var options = new PeerOptions { Network = ChainParams.Main, RequiredOutboundServices = ServiceFlags.None };
        var peer = await Peer.ConnectAsync(node.Node.ListenEndPoint!, options, sink);
        await sink.Connected.WaitAsync(TimeSpan.FromSeconds(30));
        return new Client(peer, sink, new OutputOnExit(_logs, output));
    }

    private sealed record Client(Peer Peer, ClientSink Sink, OutputOnExit Logs) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Peer.Disconnect(DisconnectReason.Requested);
            await Peer.Completion;
            Logs.Dispose();
        }
    }
}
