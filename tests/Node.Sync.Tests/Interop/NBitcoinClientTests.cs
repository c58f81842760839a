using NBitcoin;
using NBitcoin.Protocol;
using Node.Chain.State;
using Node.Sync.Hosting;
using Node.Sync.Tests.Hostile;
using Node.Sync.Tests.Integration;
using Node.Tests;
using ChainParams = Node.Primitives.Consensus.ChainParams;
using UInt256 = Node.Primitives.UInt256;

namespace Node.Sync.Tests.Interop;

/// <summary>NBitcoin's P2P client, an independent implementation, downloads mainnet 0–438 from our node.</summary>
public sealed class NBitcoinClientTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private readonly LogCollector _logs = new();

    [Fact]
    public async Task NBitcoins_client_downloads_every_header_and_block_and_checks_them_itself()
    {
        var raw = TestData.BlkRecords("blocks/mainnet-0-438.blk");
        using var flushLogs = new OutputOnExit(_logs, output);
        // Our tip is from 2009, so we are in IBD: the download permission makes us serve headers anyway (as Core).
        await using var serving = TestNode.Start(new NodeRunnerOptions
        {
            DataDirectory = TestNode.Preload(ChainParams.Main, new ChainStateOptions { MinimumChainWork = UInt256.Zero }, raw.Skip(1)),
            Network = ChainParams.Main,
            MinimumChainWork = UInt256.Zero,
            Whitelist = ["download@127.0.0.1"],
            Loggers = _logs.Factory("N"),
        });

        var network = Network.Main;
        using var cancel = new CancellationTokenSource(AttackedNode.Timeout);
        using var node = await NBitcoin.Protocol.Node.ConnectAsync(network, serving.Node.ListenEndPoint!, new NodeConnectionParameters()).WaitAsync(cancel.Token);
        using var listener = node.CreateListener();
        await node.VersionHandshakeAsync(cancel.Token);

        // Headers, 2,000 a message, until a shorter message says the tip was reached.
        var genesis = network.GetGenesis();
        var headers = new List<BlockHeader> { genesis.Header };
        while (true)
        {
            var locator = new BlockLocator();
            locator.Blocks.Add(headers[^1].GetHash());
            await node.SendMessageAsync(new GetHeadersPayload(locator));
            var batch = listener.ReceivePayload<HeadersPayload>(cancel.Token).Headers;
            headers.AddRange(batch);
            if (batch.Count < 2000) break;
        }
        Assert.Equal(439, headers.Count);
        for (int h = 1; h < headers.Count; h++)
        {
            Assert.Equal(headers[h - 1].GetHash(), headers[h].HashPrevBlock);
            Assert.True(headers[h].CheckProofOfWork(), $"proof of work of header {h}");
        }

        // Every block by getdata, checked by NBitcoin: hash, merkle root, proof of work and the block's own rules.
        var wanted = new GetDataPayload([.. headers.Select(x => new InventoryVector(InventoryType.MSG_BLOCK, x.GetHash()))]);
        await node.SendMessageAsync(wanted);
        var blocks = new Dictionary<uint256, Block>();
        while (blocks.Count < headers.Count)
        {
            var block = listener.ReceivePayload<BlockPayload>(cancel.Token).Object;
            Assert.True(blocks.TryAdd(block.GetHash(), block), "a block arrived twice");
        }
        for (int h = 0; h < headers.Count; h++)
        {
            var block = blocks[headers[h].GetHash()];
            Assert.True(block.CheckMerkleRoot(), $"merkle root of block {h}");
            Assert.True(block.Check(), $"block {h}");
            Assert.Equal(raw[h], block.ToBytes());
        }
        Assert.Equal(439, blocks.Count);
        Assert.True(serving.Node.Sync.Counters.BlocksServed >= 438);
        node.Disconnect();
    }
}
