using System.Buffers;
using Node.Sync.Events;
using Node.Wire;

namespace Node.Sync.Tests.Events;

/// <summary>Waits that are woken every time: the paths where a lost wake-up would hang.</summary>
public class EventRingWakeUpTests
{
    [Fact]
    public async Task Ping_pong_between_two_rings_never_loses_a_wake_up()
    {
        const int Rounds = 20_000;
        var there = new EventRing<int>(2);
        var back = new EventRing<int>(2);

        var echo = Task.Run(async () =>
        {
            var writer = back.CreateWriter();
            for (int seen = 0; seen < Rounds;)
            {
                if (!await there.WaitToReadAsync()) return;
                while (there.TryRead(out int v))
                {
                    Assert.True(await writer.WriteAsync(v + 1));
                    seen++;
                }
            }
        });
        var origin = Task.Run(async () =>
        {
            var writer = there.CreateWriter();
            for (int i = 0; i < Rounds; i++)
            {
                Assert.True(await writer.WriteAsync(i));
                int reply;
                while (!back.TryRead(out reply)) Assert.True(await back.WaitToReadAsync());
                Assert.Equal(i + 1, reply);
            }
        });
        await Task.WhenAll(echo, origin).WaitAsync(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task A_slow_consumer_releases_waiting_writers_one_slot_at_a_time()
    {
        var ring = new EventRing<int>(2);
        const int Writers = 8, Each = 2_000;
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var writer = ring.CreateWriter();
            for (int i = 0; i < Each; i++) Assert.True(await writer.WriteAsync(w));
        })).ToArray();

        var counts = new int[Writers];
        for (int read = 0; read < Writers * Each;)
        {
            Assert.True(await ring.WaitToReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(2)));
            if (ring.TryRead(out int w))
            {
                counts[w]++;
                read++;
                if (read % 64 == 0) await Task.Yield();
            }
        }
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.All(counts, c => Assert.Equal(Each, c));
    }

    [Fact]
    public void A_sync_event_carries_its_lease_through_the_ring()
    {
        var lender = new ArrayLender([1, 2, 3, 4]);
        var ring = new EventRing<SyncEvent>(4);
        Assert.True(ring.TryWrite(new SyncEvent(7, SyncEventKind.Message, Command.Headers, new PayloadLease(lender, 42))));
        Assert.True(ring.TryRead(out var e));
        Assert.Equal((7, SyncEventKind.Message, Command.Headers), (e.PeerId, e.Kind, e.Command));
        Assert.Equal([1, 2, 3, 4], e.Lease.Payload.ToArray());
        e.Lease.Release();
        Assert.Equal([42], lender.Released);

        var empty = default(PayloadLease);
        Assert.True(empty.IsEmpty);
        Assert.True(empty.Payload.IsEmpty);
        empty.Release();
    }

    private sealed class ArrayLender(byte[] bytes) : IPayloadLender
    {
        public List<short> Released { get; } = [];

        public ReadOnlySequence<byte> GetPayload(short token) => new(bytes);

        public void Release(short token) => Released.Add(token);
    }
}
