using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Node.Chain.State;
using Node.Hosting;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Storage;

namespace Node.Tests;

/// <summary>Blocks imported with -loadblock are stored with the checksum of a message carrying them.</summary>
public sealed class LoadBlockChecksumTests
{
    [Fact]
    public void Every_block_imported_from_a_blk_file_keeps_its_sha256d_message_checksum()
    {
        var blocks = TestData.BlkRecords("blocks/mainnet-0-438.blk");
        using var dir = new TempDataDir();
        using var chain = ChainState.Open(dir.Path, ChainParams.Main, new ChainStateOptions { MinimumChainWork = UInt256.Zero });

        int read = BlockFileImporter.Import(TestData.PathOf("blocks/mainnet-0-438.blk"), chain, new object(), NullLogger.Instance, CancellationToken.None);

        Assert.Equal(439, read);
        Assert.Equal(438, chain.TipHeight);
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var block in blocks)
        {
            // SHA256d by the platform, independent of the node's hashing.
            uint expected = BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(SHA256.HashData(block)));
            var hash = BlockHeader.HashOf(block.AsSpan(0, BlockHeader.Size));
            Assert.True(chain.Index.TryGet(hash, out int id));
            Assert.Equal(expected, chain.Index[id].WireChecksum);
            buffer.ResetWrittenCount();
            Assert.Equal(StorageError.None, chain.FetchBlock(hash, buffer, out uint wireChecksum));
            Assert.Equal(expected, wireChecksum);
        }
    }
}
