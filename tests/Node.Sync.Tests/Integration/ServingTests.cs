using System.Buffers;
using BitcoinStream = NBitcoin.BitcoinStream;
using Network = NBitcoin.Network;
using TransactionOptions = NBitcoin.TransactionOptions;
using Node.Chain.Mining;
using Node.Chain.State;
using Node.Net;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Sync.Hosting;
using Node.Wire;

namespace Node.Sync.Tests.Integration;

/// <summary>getheaders, getblocks (with the continuation inv) and getdata as a raw peer sees them, checked against NBitcoin.</summary>
public sealed class ServingTests
{
    private const int Height = 600;

    [Fact]
    public async Task Serves_headers_inventory_witness_and_stripped_blocks_notfound_and_the_getblocks_continuation()
    {
        var generator = new RegtestChainGenerator(new ChainGeneratorOptions { TargetBlockSize = 4_000 });
        var blocks = new List<byte[]>(Height + 1) { ChainParams.Regtest.GenesisBlockBytes.ToArray() };
        generator.Generate(Height, block => blocks.Add(block.Bytes.ToArray()));
        var hashes = blocks.Select(b => BlockHeader.HashOf(b.AsSpan(0, BlockHeader.Size))).ToList();
        var dir = TestNode.Preload(ChainParams.Regtest, new ChainStateOptions(), blocks.Skip(1));
        await using var node = TestNode.Start(new NodeRunnerOptions
        {
            DataDirectory = dir,
            Network = ChainParams.Regtest,
            Whitelist = ["download@127.0.0.1"],
        });

        var sink = new ClientSink();
        var options = new PeerOptions { Network = ChainParams.Regtest, RequiredOutboundServices = ServiceFlags.None };
        var client = await Peer.ConnectAsync(node.Node.ListenEndPoint!, options, sink);
        try
        {
            await sink.Connected.WaitAsync(TimeSpan.FromSeconds(30));
            Hash256[] fromGenesis = [hashes[0]];

            await client.SendAsync(new LocatorMessage(Command.GetHeaders, ProtocolVersions.Current, fromGenesis, default));
            var headers = await sink.NextAsync(Command.Headers);
            var decoded = new BlockHeader[ProtocolLimits.MaxHeaders];
            int n = HeadersMessage.Decode(new ReadOnlySequence<byte>(headers.Payload), decoded);
            Assert.Equal(Height, n);
            Assert.Equal(hashes[1..], decoded.Take(n).Select(h => h.GetHash()));

            // getblocks: a full batch of 500, and asking for its last block brings an inv of the tip.
            await client.SendAsync(new LocatorMessage(Command.GetBlocks, ProtocolVersions.Current, fromGenesis, default));
            var inv = await sink.NextAsync(Command.Inv);
            var items = new InventoryVector[ProtocolLimits.MaxInventory];
            int count = InventoryMessage.Decode(new ReadOnlySequence<byte>(inv.Payload), items);
            Assert.Equal(500, count);
            Assert.Equal(hashes[1..501], items.Take(count).Select(i => i.Hash));

            await client.SendAsync(new InventoryMessage(Command.GetData, [new InventoryVector(InventoryType.WitnessBlock, hashes[500])]));
            var block500 = await sink.NextAsync(Command.Block);
            Assert.Equal(blocks[500], block500.Payload);
            Assert.Equal(Sha256dChecksum(blocks[500]), block500.Checksum); // the stored checksum, as hashing would give
            var tipInv = await sink.NextAsync(Command.Inv);
            count = InventoryMessage.Decode(new ReadOnlySequence<byte>(tipInv.Payload), items);
            Assert.Equal([new InventoryVector(InventoryType.Block, hashes[Height])], items.Take(count));

            // A block with witness data: exact bytes for MSG_WITNESS_BLOCK, the witness stripped for MSG_BLOCK; unknown -> notfound.
            int withWitness = Enumerable.Range(1, Height).First(h => NBitcoin.Block.Load(blocks[h], Network.RegTest).Transactions.Any(t => t.HasWitness));
            var unknown = new Hash256(Enumerable.Repeat((byte)0xab, 32).ToArray());
            await client.SendAsync(new InventoryMessage(Command.GetData,
            [
                new InventoryVector(InventoryType.WitnessBlock, hashes[withWitness]),
                new InventoryVector(InventoryType.Block, unknown),
                new InventoryVector(InventoryType.Block, hashes[withWitness]),
            ]));
            var witnessBlock = await sink.NextAsync(Command.Block);
            var strippedBlock = await sink.NextAsync(Command.Block);
            var notFound = await sink.NextAsync(Command.NotFound);
            Assert.Equal(blocks[withWitness], witnessBlock.Payload);
            Assert.Equal(Sha256dChecksum(blocks[withWitness]), witnessBlock.Checksum);
            Assert.Equal(StrippedByNBitcoin(blocks[withWitness]), strippedBlock.Payload);
            Assert.Equal(Sha256dChecksum(strippedBlock.Payload), strippedBlock.Checksum);
            Assert.True(strippedBlock.Payload.Length < witnessBlock.Payload.Length);
            count = InventoryMessage.Decode(new ReadOnlySequence<byte>(notFound.Payload), items);
            Assert.Equal([new InventoryVector(InventoryType.Block, unknown)], items.Take(count));
            Assert.Equal(1, node.Node.Sync.Counters.NotFoundSent);
        }
        finally
        {
            client.Disconnect(DisconnectReason.Requested);
            await client.Completion;
        }
    }

    /// <summary>The v1 message checksum by NBitcoin's hashing.</summary>
    internal static uint Sha256dChecksum(byte[] payload) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(NBitcoin.Crypto.Hashes.DoubleSHA256(payload).ToBytes());

    private static byte[] StrippedByNBitcoin(byte[] raw)
    {
        var block = NBitcoin.Block.Load(raw, Network.RegTest);
        using var stream = new MemoryStream();
        var bitcoinStream = new BitcoinStream(stream, true) { TransactionOptions = TransactionOptions.None };
        block.ReadWrite(bitcoinStream);
        return stream.ToArray();
    }
}
