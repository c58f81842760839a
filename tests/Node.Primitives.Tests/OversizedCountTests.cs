using Node.Primitives.Blocks;
using Node.Primitives.Transactions;
using Node.Tests;

namespace Node.Primitives.Tests;

/// <summary>
/// Counts above MAX_SIZE are <see cref="TxDecodeError.CountTooLarge"/>; counts the remaining bytes
/// cannot hold are <see cref="TxDecodeError.Truncated"/>. Neither allocates.
/// </summary>
public class OversizedCountTests
{
    private static readonly byte[] AboveMaxSize = [0xfe, 0x01, 0x00, 0x00, 0x02];         // 0x02000001
    private static readonly byte[] Huge = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
    private static readonly byte[] MaxSizeExactly = [0xfe, 0x00, 0x00, 0x00, 0x02];        // fits the limit, not the bytes

    private static byte[] LegacyTx => RealBlocks.TxBytes(RealBlocks.Legacy413567, 1);

    public static TheoryData<string> Places => new() { "inputs", "script", "outputs", "witness-items", "witness-item" };

    [Theory]
    [MemberData(nameof(Places))]
    public void Above_max_size_is_count_too_large(string place)
    {
        Assert.Equal(TxDecodeError.CountTooLarge, ReaderError(WithCount(place, AboveMaxSize)));
        Assert.Equal(TxDecodeError.CountTooLarge, ReaderError(WithCount(place, Huge)));
        Assert.Equal(TxDecodeError.CountTooLarge, MalformedTx.ErrorOf(WithCount(place, Huge)));
    }

    [Theory]
    [MemberData(nameof(Places))]
    public void Within_max_size_but_beyond_the_data_is_truncated(string place) =>
        Assert.Equal(TxDecodeError.Truncated, MalformedTx.ErrorOf(WithCount(place, MaxSizeExactly)));

    [Fact]
    public void Rejecting_oversized_counts_allocates_nothing()
    {
        var bad = new[] { WithCount("inputs", Huge), WithCount("outputs", AboveMaxSize), WithCount("inputs", MaxSizeExactly) };
        ReaderError(bad[0]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var raw in bad) ReaderError(raw);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Block_transaction_count_above_max_size_or_the_data()
    {
        var raw = TestData.Bytes(RealBlocks.Legacy413567);
        Assert.Equal(TxDecodeError.CountTooLarge, BlockError(MalformedTx.Splice(raw, 80, 3, Huge)));
        Assert.Equal(TxDecodeError.Truncated, BlockError(MalformedTx.Splice(raw, 80, 3, MaxSizeExactly)));
        // 999,887 bytes cannot hold 100,000 transactions of at least 10 bytes each
        Assert.Equal(TxDecodeError.Truncated, BlockError(MalformedTx.Splice(raw, 80, 3, 0xfe, 0xa0, 0x86, 0x01, 0x00)));
    }

    private static TxDecodeError ReaderError(byte[] raw)
    {
        Assert.False(TransactionReader.TryRead(raw, out _, out var error));
        return error;
    }

    private static TxDecodeError BlockError(byte[] raw)
    {
        Assert.False(BlockScanner.TryScan(raw, default, default, out _, out var error));
        return error;
    }

    private static byte[] WithCount(string place, byte[] count)
    {
        if (place is "witness-items" or "witness-item")
        {
            var segwit = RealBlocks.TxBytes(RealBlocks.SegwitB, 1);
            int at = TransactionReader.Read(segwit).WitnessOffset;
            Assert.True(segwit[at] is > 0 and < 0xfd);
            return place == "witness-items"
                ? MalformedTx.Splice(segwit, at, 1, count)
                : MalformedTx.Splice(segwit, at + 1, 1, count);
        }
        var raw = LegacyTx;
        var tx = TransactionReader.Read(raw);
        int offset = place switch
        {
            "inputs" => tx.InputsOffset,
            "script" => MalformedTx.FirstScriptLengthOffset(raw),
            _ => tx.OutputsOffset,
        };
        Assert.True(raw[offset] < 0xfd);
        return MalformedTx.Splice(raw, offset, 1, count);
    }
}
