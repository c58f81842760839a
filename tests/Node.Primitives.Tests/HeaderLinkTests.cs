using Node.Primitives.Blocks;
using Node.Tests;

namespace Node.Primitives.Tests;

/// <summary>Headers read through the block reader link record to record, and hash as published.</summary>
public class HeaderLinkTests
{
    [Theory]
    [InlineData("blocks/mainnet-0-438.blk", 439)]
    [InlineData("blocks/btcd-blk_0_to_4.blk", 5)]
    public void Consecutive_records_link_by_previous_hash(string file, int records)
    {
        var blocks = RealBlocks.Load(file);
        Assert.Equal(records, blocks.Count);
        for (int i = 1; i < blocks.Count; i++)
            Assert.Equal(HeaderHash(blocks[i - 1]), Header(blocks[i]).PrevBlock);
    }

    [Fact]
    public void The_fork_branch_builds_on_record_2()
    {
        var main = RealBlocks.Load("blocks/btcd-blk_0_to_4.blk");
        var a3 = RealBlocks.Load("blocks/btcd-blk_3A.blk")[0];
        var a4 = RealBlocks.Load("blocks/btcd-blk_4A.blk")[0];
        var a5 = RealBlocks.Load("blocks/btcd-blk_5A.blk")[0];
        Assert.Equal(HeaderHash(main[2]), Header(a3).PrevBlock);
        Assert.Equal(HeaderHash(a3), Header(a4).PrevBlock);
        Assert.Equal(HeaderHash(a4), Header(a5).PrevBlock);
    }

    [Fact]
    public void Block_413567_has_its_published_hash()
    {
        var raw = TestData.Bytes(RealBlocks.Legacy413567);
        Assert.Equal("0000000000000000025aff8be8a55df8f89c77296db6198f272d6577325d4069", HeaderHash(raw).ToString());
    }

    private static BlockHeader Header(byte[] raw)
    {
        Assert.True(BlockReader.TryOpen(raw, out var reader, out _));
        return BlockHeader.Read(reader.Header);
    }

    private static Hash256 HeaderHash(byte[] raw)
    {
        Assert.True(BlockReader.TryOpen(raw, out var reader, out _));
        return BlockHeader.HashOf(reader.Header);
    }
}
