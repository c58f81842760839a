using System.Buffers;
using Node.Primitives.Blocks;
using Node.Primitives.Buffers;
using Node.Tests;

namespace Node.Primitives.Tests;

public class SequenceLinearizerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(65_537)]
    public void A_block_in_segments_scans_like_the_contiguous_block(int segmentSize)
    {
        var raw = segmentSize == 1 ? RealBlocks.Load("blocks/btcd-blk_3A.blk")[0] : TestData.Bytes(RealBlocks.SegwitB);
        Assert.True(BlockScanner.TryReadTxCount(raw, out int count, out _));
        var expected = new byte[count * 32];
        var actual = new byte[count * 32];
        BlockScanner.Scan(raw, expected, default);

        using var linear = new SequenceLinearizer(Sequences.Chunked(raw, segmentSize));
        Assert.True(linear.IsCopied);
        Assert.True(linear.Span.SequenceEqual(raw));
        BlockScanner.Scan(linear.Span, actual, default);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_single_segment_is_used_in_place()
    {
        var raw = TestData.Bytes(RealBlocks.SegwitA);
        using var linear = new SequenceLinearizer(new ReadOnlySequence<byte>(raw));
        Assert.False(linear.IsCopied);
        Assert.True(linear.Span.SequenceEqual(raw));
    }

    [Fact]
    public void Linearising_again_reuses_the_pooled_buffer()
    {
        var sequence = Sequences.Chunked(TestData.Bytes(RealBlocks.SegwitB), 16_384);
        using (new SequenceLinearizer(sequence)) { }
        long before = GC.GetAllocatedBytesForCurrentThread();
        using (var linear = new SequenceLinearizer(sequence)) Assert.True(linear.IsCopied);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
