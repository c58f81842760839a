using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Node.Sync.Events;
using Node.Wire;

namespace Node.Bench;

/// <summary>
/// The sync core's event ring against a bounded System.Threading.Channels channel (each group's
/// baseline), on the events peers post: producer tasks writing through a full-enough ring to one
/// consuming task. Per-event rows (OperationsPerInvoke).
/// The ring and channel are built once and reused; every invocation drains exactly what it wrote.
/// </summary>
[MemoryDiagnoser]
public class EventRingBenchmarks
{
    private const int Capacity = 1024;
    private const int Events = 1 << 18;

    private EventRing<SyncEvent> _ring = null!;
    private EventRingWriter<SyncEvent>[] _writers = null!;
    private Channel<SyncEvent> _channel = null!;

    [Params(1, 4)]
    public int Producers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ring = new EventRing<SyncEvent>(Capacity);
        _writers = Enumerable.Range(0, Producers).Select(_ => _ring.CreateWriter()).ToArray();
        _channel = Channel.CreateBounded<SyncEvent>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    internal static SyncEvent Event(int peer) => new(peer, SyncEventKind.Message, Command.Block, default);

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public async Task<long> Channel_Bounded()
    {
        var writer = _channel.Writer;
        var producers = new Task[Producers];
        for (int p = 0; p < producers.Length; p++)
        {
            int peer = p;
            producers[p] = Task.Run(async () =>
            {
                for (int i = Events / Producers; i > 0; i--) await writer.WriteAsync(Event(peer));
            });
        }
        var reader = _channel.Reader;
        long sum = 0;
        for (int left = Events / Producers * Producers; left > 0;)
        {
            await reader.WaitToReadAsync();
            while (left > 0 && reader.TryRead(out var e))
            {
                sum += e.PeerId;
                left--;
            }
        }
        await Task.WhenAll(producers);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public async Task<long> EventRing()
    {
        var producers = new Task[Producers];
        for (int p = 0; p < producers.Length; p++)
        {
            var writer = _writers[p];
            int peer = p;
            producers[p] = Task.Run(async () =>
            {
                for (int i = Events / Producers; i > 0; i--) await writer.WriteAsync(Event(peer));
            });
        }
        long sum = 0;
        for (int left = Events / Producers * Producers; left > 0;)
        {
            await _ring.WaitToReadAsync();
            while (left > 0 && _ring.TryRead(out var e))
            {
                sum += e.PeerId;
                left--;
            }
        }
        await Task.WhenAll(producers);
        return sum;
    }
}

/// <summary>One write and one read on a single thread: the uncontended cost per event; the channel is the baseline.</summary>
[MemoryDiagnoser]
public class EventRingRoundTripBenchmarks
{
    private const int RoundTrips = 1 << 16;

    private readonly EventRing<SyncEvent> _ring = new(1024);
    private readonly Channel<SyncEvent> _channel = Channel.CreateBounded<SyncEvent>(new BoundedChannelOptions(1024) { SingleReader = true });

    private static SyncEvent Event(int peer) => EventRingBenchmarks.Event(peer);

    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips)]
    public long Channel_Bounded_RoundTrip()
    {
        var writer = _channel.Writer;
        var reader = _channel.Reader;
        long sum = 0;
        for (int i = 0; i < RoundTrips; i++)
        {
            writer.TryWrite(Event(i));
            reader.TryRead(out var e);
            sum += e.PeerId;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public long EventRing_RoundTrip()
    {
        long sum = 0;
        for (int i = 0; i < RoundTrips; i++)
        {
            _ring.TryWrite(Event(i));
            _ring.TryRead(out var e);
            sum += e.PeerId;
        }
        return sum;
    }
}
