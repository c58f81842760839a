namespace Node.Net.Tests;

public class SegmentPoolTests
{
    [Fact]
    public void A_returned_segment_is_rented_again_and_returning_twice_keeps_one_copy()
    {
        var pool = new SegmentPool(4096, maxRetained: 4);
        var first = pool.Rent(1000);
        Assert.Equal(4096, first.Memory.Length);
        var array = first.Memory;
        first.Dispose();
        first.Dispose();
        var again = pool.Rent();
        Assert.True(again.Memory.Span == array.Span, "the same segment comes back");
        var fresh = pool.Rent();
        Assert.False(fresh.Memory.Span == array.Span, "a second rent does not get the segment twice");
    }

    [Fact]
    public void At_most_max_retained_segments_are_kept()
    {
        var pool = new SegmentPool(4096, maxRetained: 2);
        var rented = Enumerable.Range(0, 3).Select(_ => pool.Rent()).ToList();
        var arrays = rented.Select(r => r.Memory).ToList();
        foreach (var r in rented) r.Dispose();
        var back = Enumerable.Range(0, 3).Select(_ => pool.Rent().Memory).ToList();
        Assert.True(back[0].Span == arrays[0].Span && back[1].Span == arrays[1].Span, "the first two come back in order");
        Assert.False(back[2].Span == arrays[2].Span, "the third was not kept");
    }

    [Fact]
    public void Asking_for_more_than_a_segment_is_refused_by_name()
    {
        var pool = new SegmentPool(4096, maxRetained: 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(4097));
    }

    [Fact]
    public void A_reservation_allocates_up_front_so_renting_within_it_allocates_nothing()
    {
        var pool = new SegmentPool(4096, maxRetained: 8);
        pool.Reserve(3);
        Assert.Equal(3, pool.LiveCount);
        var rented = Enumerable.Range(0, 3).Select(_ => pool.Rent()).ToList();
        Assert.Equal(3, pool.LiveCount);
        var beyond = pool.Rent();
        Assert.Equal(4, pool.LiveCount);

        foreach (var r in rented) r.Dispose();
        beyond.Dispose();
        // A second user's reservation is topped up from what exists; the retention limit caps it.
        pool.Reserve(3);
        Assert.Equal(6, pool.LiveCount);
        pool.Reserve(10);
        Assert.Equal(8, pool.LiveCount);

        // Reservations given back leave the segments for the next user.
        pool.Unreserve(13);
        pool.Reserve(3);
        Assert.Equal(8, pool.LiveCount);
    }
}
