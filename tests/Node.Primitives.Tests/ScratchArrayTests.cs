using Node.Primitives.Buffers;

namespace Node.Primitives.Tests;

public class ScratchArrayTests
{
    [Fact]
    public void An_array_grows_to_the_next_power_of_two_and_is_kept_while_long_enough()
    {
        int[]? array = null;
        var first = ScratchArray.Ensure(ref array, 100);
        Assert.Same(array, first);
        Assert.Equal(128, first.Length);
        Assert.Same(first, ScratchArray.Ensure(ref array, 128));
        Assert.Same(first, ScratchArray.Ensure(ref array, 3));
        var second = ScratchArray.Ensure(ref array, 129);
        Assert.Equal(256, second.Length);
        Assert.Same(array, second);
        Assert.Same(second, ScratchArray.Ensure(ref array, 0));
    }

    [Fact]
    public void An_array_beyond_the_kept_limit_is_lent_once_and_the_kept_one_stays()
    {
        byte[]? array = null;
        var kept = ScratchArray.Ensure(ref array, 1000, maxKept: 1024);
        Assert.Same(array, kept);
        var once = ScratchArray.Ensure(ref array, 1025, maxKept: 1024);
        Assert.Equal(2048, once.Length);
        Assert.Same(kept, array);
        Assert.Same(kept, ScratchArray.Ensure(ref array, 1024, maxKept: 1024));

        byte[]? none = null;
        Assert.Equal(4096, ScratchArray.Ensure(ref none, 4000, maxKept: 1024).Length);
        Assert.Null(none);
    }

    [Fact]
    public void A_negative_length_is_refused()
    {
        int[]? array = null;
        Assert.Throws<ArgumentOutOfRangeException>(() => ScratchArray.Ensure(ref array, -1));
        ScratchArray.Ensure(ref array, 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => ScratchArray.Ensure(ref array, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScratchArray.Ensure(ref array, -1, maxKept: 16));
    }
}
