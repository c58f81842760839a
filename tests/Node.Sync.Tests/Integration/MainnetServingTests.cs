using System.Buffers;
using Node.Chain.State;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Storage;
using Node.Sync.Hosting;
using Node.Tests;

namespace Node.Sync.Tests.Integration;

/// <summary>Real mainnet blocks 0–438 served by one node to a fresh one over loopback.</summary>
public sealed class MainnetServingTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private readonly LogCollector _logs = new();

    private static readonly ChainStateOptions NoMinimumWork = new() { MinimumChainWork = UInt256.Zero };

    private static Hash256 HashOf(byte[] block) => BlockHeader.HashOf(block.AsSpan(0, BlockHeader.Size));

    [Fact]
    public async Task A_fresh_node_syncs_to_438_from_a_node_serving_in_IBD_with_the_download_permission()
    {
        var blocks = TestData.BlkRecords("blocks/mainnet-0-438.blk");
        Assert.Equal(439, blocks.Count);
        var servingDir = TestNode.Preload(ChainParams.Main, NoMinimumWork, blocks.Skip(1));

        // A's tip is from 2009, so A is in initial block download: only the download permission makes it answer getheaders.
        await using var a = TestNode.Start(new NodeRunnerOptions
        {
            DataDirectory = servingDir,
            Network = ChainParams.Main,
            MinimumChainWork = UInt256.Zero,
            Whitelist = ["download@127.0.0.1"],
            Loggers = _logs.Factory("A"),
        });
        Assert.True(a.Node.Chain.IsInitialBlockDownload);

        var reached = new TaskCompletionSource<ChainBlock>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var b = TestNode.Start(new NodeRunnerOptions
        {
            DataDirectory = TestNode.NewDataDir(),
            Network = ChainParams.Main,
            MinimumChainWork = UInt256.Zero,
            Connect = [a.Address],
            Loggers = _logs.Factory("B"),
        }, node => node.Sync.BlockConnected += block =>
        {
            if (block.Height == 438) reached.TrySetResult(block);
        });

        using var flushLogs = new OutputOnExit(_logs, output);
        var tip = await Await.Within(reached.Task, TimeSpan.FromSeconds(60), () => $"B at height {b.Node.Sync.Counters.BlocksConnected}");
        Assert.Equal(HashOf(blocks[438]), tip.Hash);
        Assert.Equal(438, b.Node.Sync.Counters.BlocksConnected);
        Assert.Equal(0, b.Node.Sync.Counters.UnrequestedBlocks);

        await b.Node.StopAsync();
        Assert.True(a.Node.Sync.Counters.BlocksServed >= 438);
        using (var chain = ChainState.Open(b.DataDir, ChainParams.Main, NoMinimumWork))
        {
            Assert.Equal(438, chain.TipHeight);
            Assert.Equal(HashOf(blocks[438]), chain.Tip);
            var buffer = new ArrayBufferWriter<byte>();
            for (int h = 0; h <= 438; h++)
            {
                buffer.ResetWrittenCount();
                Assert.Equal(StorageError.None, chain.FetchBlock(HashOf(blocks[h]), buffer));
                Assert.True(buffer.WrittenSpan.SequenceEqual(blocks[h]), $"stored block {h} differs");
                // Received blocks keep the checksum of the message they came in (genesis: computed when stored).
                Assert.True(chain.Index.TryGet(HashOf(blocks[h]), out int id));
                Assert.Equal(ServingTests.Sha256dChecksum(blocks[h]), chain.Index[id].WireChecksum);
            }
        }
    }

    [Fact]
    public async Task With_a_maxtipage_spanning_its_2009_tip_a_node_is_out_of_IBD_and_answers_getheaders_without_permission()
    {
        var blocks = TestData.BlkRecords("blocks/mainnet-0-438.blk");
        var dir = TestNode.Preload(ChainParams.Main, NoMinimumWork, blocks.Skip(1));
        long tipAge = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - BlockHeader.Read(blocks[438]).Time;
        await using var a = TestNode.Start(new NodeRunnerOptions
        {
            DataDirectory = dir,
            Network = ChainParams.Main,
            MinimumChainWork = UInt256.Zero,
            MaxTipAge = TimeSpan.FromSeconds(tipAge + 86_400),
            Loggers = _logs.Factory("A"),
        });
        Assert.False(a.Node.Chain.IsInitialBlockDownload);

        using var client = await Net.Tests.RawClient.ConnectAsync(a.Node.ListenEndPoint!, magic: ChainParams.Main.Magic);
        await client.HandshakeAsync();
        Hash256[] genesis = [ChainParams.Main.GenesisHash];
        await client.SendBytesAsync(Net.Tests.RawClient.Frame(
            new Wire.LocatorMessage(Wire.Command.GetHeaders, Net.ProtocolVersions.Current, genesis, default), client.Magic));
        var (_, payload) = await client.ReadUntilAsync(Wire.Command.Headers);
        var headers = new BlockHeader[Wire.ProtocolLimits.MaxHeaders];
        Assert.Equal(438, Wire.HeadersMessage.Decode(new ReadOnlySequence<byte>(payload), headers));
        Assert.Equal(HashOf(blocks[438]), headers[437].GetHash());
    }
}
