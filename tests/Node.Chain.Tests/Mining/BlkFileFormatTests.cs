using System.Buffers.Binary;
using Node.Chain.Mining;
using Node.Primitives.Consensus;

namespace Node.Chain.Tests.Mining;

public class BlkFileFormatTests
{
    [Fact]
    public void Blk_file_holds_each_block_behind_the_regtest_magic_and_its_length()
    {
        using var stream = new MemoryStream();
        new RegtestChainGenerator(GeneratedChain.Options).WriteBlkFile(stream, 105);
        var file = stream.ToArray();
        int offset = 0;
        for (int height = 1; height <= 105; height++)
        {
            Assert.Equal("fabfb5da", Convert.ToHexStringLower(file.AsSpan(offset, 4)));
            Assert.Equal(ChainParams.Regtest.MessageStart.ToArray(), file[offset..(offset + 4)]);
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 4));
            Assert.Equal(GeneratedChain.Instance.Blocks[height - 1], file[(offset + 8)..(offset + 8 + length)]);
            offset += BlkFileFormat.RecordHeaderSize + length;
        }
        Assert.Equal(file.Length, offset);
    }
}
