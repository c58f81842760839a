using Node.Sync.Events;

namespace Node.Sync.Tests.Events;

/// <summary>Every event written is read exactly once, in each producer's order, however producers interleave.</summary>
public class EventRingDeliveryTests
{
    private readonly record struct Stamped(int Producer, int Sequence);

    [Fact]
    public void Single_thread_round_trip_keeps_order_across_laps()
    {
        var ring = new EventRing<int>(8);
        int next = 0, expected = 0;
        for (int lap = 0; lap < 50; lap++)
        {
            for (int i = 0; i < 5; i++) Assert.True(ring.TryWrite(next++));
            Assert.Equal(5, ring.Count);
            for (int i = 0; i < 5; i++)
            {
                Assert.True(ring.TryRead(out int value));
                Assert.Equal(expected++, value);
            }
            Assert.False(ring.TryRead(out _));
        }
    }

    [Theory]
    [InlineData(2, 4, 100_000)]
    [InlineData(64, 8, 25_000)]
    [InlineData(1024, 3, 50_000)]
    public async Task Many_producers_deliver_every_item_once_in_per_producer_order(int capacity, int producers, int perProducer)
    {
        var ring = new EventRing<Stamped>(capacity);
        var writers = Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            var writer = ring.CreateWriter();
            for (int i = 0; i < perProducer; i++) Assert.True(await writer.WriteAsync(new Stamped(p, i)));
        })).ToArray();

        var next = new int[producers];
        long total = 0;
        var reader = Task.Run(async () =>
        {
            while (total < (long)producers * perProducer && await ring.WaitToReadAsync())
            {
                while (ring.TryRead(out var e))
                {
                    Assert.Equal(next[e.Producer], e.Sequence);
                    next[e.Producer]++;
                    total++;
                }
            }
        });

        // A lost wake-up would hang: fail instead.
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(2));
        await reader.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.All(next, n => Assert.Equal(perProducer, n));
        Assert.False(ring.TryRead(out _));
    }

    [Fact]
    public void Reference_payloads_are_not_kept_alive_by_read_slots()
    {
        var ring = new EventRing<object?>(4);
        var weak = WriteAndReadOne(ring);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.False(weak.IsAlive);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference WriteAndReadOne(EventRing<object?> ring)
    {
        var payload = new byte[100];
        Assert.True(ring.TryWrite(payload));
        Assert.True(ring.TryRead(out var read));
        Assert.Same(payload, read);
        return new WeakReference(payload);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Capacity_must_be_a_power_of_two_of_at_least_two(int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventRing<int>(capacity));
}
