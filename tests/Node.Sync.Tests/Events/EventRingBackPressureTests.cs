using Node.Sync.Events;

namespace Node.Sync.Tests.Events;

/// <summary>A full ring makes producers wait (not fail, not spin) until the consumer frees space.</summary>
public class EventRingBackPressureTests
{
    [Fact]
    public void TryWrite_refuses_when_full_and_accepts_after_a_read()
    {
        var ring = new EventRing<int>(4);
        for (int i = 0; i < 4; i++) Assert.True(ring.TryWrite(i));
        Assert.False(ring.TryWrite(99));
        Assert.Equal(4, ring.Count);

        Assert.True(ring.TryRead(out int first));
        Assert.Equal(0, first);
        Assert.True(ring.TryWrite(4));
        Assert.False(ring.TryWrite(5));
    }

    [Fact]
    public async Task WriteAsync_waits_while_full_and_completes_when_the_consumer_reads()
    {
        var ring = new EventRing<int>(2);
        var writer = ring.CreateWriter();
        Assert.True(await writer.WriteAsync(1));
        Assert.True(await writer.WriteAsync(2));

        var blocked = writer.WriteAsync(3);
        Assert.False(blocked.IsCompleted);
        var blockedTask = blocked.AsTask();
        await Task.Delay(50);
        Assert.False(blockedTask.IsCompleted);

        Assert.True(ring.TryRead(out int a));
        Assert.Equal(1, a);
        Assert.True(await blockedTask.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.True(ring.TryRead(out int b));
        Assert.True(ring.TryRead(out int c));
        Assert.Equal((2, 3), (b, c));
    }

    [Fact]
    public async Task Several_blocked_producers_all_get_through_as_space_frees()
    {
        var ring = new EventRing<int>(2);
        Assert.True(ring.TryWrite(-1));
        Assert.True(ring.TryWrite(-2));
        var writes = Enumerable.Range(0, 6).Select(i => ring.CreateWriter().WriteAsync(i).AsTask()).ToArray();
        Assert.All(writes, w => Assert.False(w.IsCompleted));

        var seen = new List<int>();
        while (seen.Count < 8)
        {
            Assert.True(await ring.WaitToReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
            while (ring.TryRead(out int v)) seen.Add(v);
        }
        Assert.All(await Task.WhenAll(writes), Assert.True);
        Assert.Equal([-2, -1, 0, 1, 2, 3, 4, 5], seen.Order());
    }

    [Fact]
    public async Task Consumer_waits_for_an_event_and_wakes_on_write()
    {
        var ring = new EventRing<int>(4);
        var wait = ring.WaitToReadAsync();
        Assert.False(wait.IsCompleted);
        var waitTask = wait.AsTask();
        await Task.Delay(50);
        Assert.False(waitTask.IsCompleted);

        Assert.True(ring.TryWrite(7));
        Assert.True(await waitTask.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(ring.TryRead(out int v));
        Assert.Equal(7, v);
    }
}
