using Node.Sync.Events;

namespace Node.Sync.Tests.Events;

/// <summary>Completion refuses new writes, releases waiting producers, and lets the consumer drain what was written.</summary>
public class EventRingCompletionTests
{
    [Fact]
    public async Task Consumer_drains_written_events_then_sees_the_end()
    {
        var ring = new EventRing<int>(8);
        Assert.True(ring.TryWrite(1));
        Assert.True(ring.TryWrite(2));
        ring.Complete();
        Assert.True(ring.IsCompleted);
        Assert.False(ring.TryWrite(3));

        var read = new List<int>();
        while (await ring.WaitToReadAsync())
            while (ring.TryRead(out int v)) read.Add(v);
        Assert.Equal([1, 2], read);
        ring.Complete();
        Assert.False(await ring.WaitToReadAsync());
    }

    [Fact]
    public async Task Complete_wakes_a_waiting_consumer_with_false()
    {
        var ring = new EventRing<int>(4);
        var wait = ring.WaitToReadAsync().AsTask();
        Assert.False(wait.IsCompleted);
        ring.Complete();
        bool more = await wait.WaitAsync(TimeSpan.FromSeconds(30));
        // A woken consumer either learns the end at once or on its next wait.
        Assert.False(more && await ring.WaitToReadAsync());
    }

    [Fact]
    public async Task Complete_releases_blocked_producers_with_false()
    {
        var ring = new EventRing<int>(2);
        Assert.True(ring.TryWrite(1));
        Assert.True(ring.TryWrite(2));
        var blocked = ring.CreateWriter().WriteAsync(3).AsTask();
        Assert.False(blocked.IsCompleted);
        ring.Complete();
        Assert.False(await blocked.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(ring.TryRead(out _));
        Assert.True(ring.TryRead(out _));
        Assert.False(ring.TryRead(out _));
    }

    [Fact]
    public async Task Completion_during_writes_loses_no_accepted_event()
    {
        var ring = new EventRing<(int Producer, int Seq)>(16);
        const int Producers = 4;
        var accepted = new int[Producers];
        var writers = Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            var writer = ring.CreateWriter();
            for (int i = 0; ; i++)
            {
                if (!await writer.WriteAsync((p, i))) break;
                accepted[p] = i + 1;
            }
        })).ToArray();

        var received = new int[Producers];
        var reader = Task.Run(async () =>
        {
            while (await ring.WaitToReadAsync())
                while (ring.TryRead(out var e))
                {
                    Assert.Equal(received[e.Producer], e.Seq);
                    received[e.Producer]++;
                }
        });

        while (received.Sum() < 20_000) await Task.Delay(1);
        ring.Complete();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
        await reader.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(accepted, received);
    }
}
