using Node.Wire;

namespace Node.Net;

/// <summary>
/// Traffic and timing of one connection, updated by its tasks and readable from any thread; its bytes also go to the
/// node's <paramref name="totals"/>.
/// </summary>
public sealed class PeerCounters(NetTotals? totals = null)
{
    private readonly long _connectedTicks = Environment.TickCount64;
    private long _bytesIn;
    private long _bytesOut;
    private long _messagesIn;
    private long _messagesOut;
    private long _lastReceiveTicks;
    private long _lastSendTicks;
    private long _lastPingMicros = -1;
    private long _minPingMicros = -1;
    private readonly long[] _bytesInByCommand = new long[CommandCount];
    private readonly long[] _bytesOutByCommand = new long[CommandCount];

    private const int CommandCount = (int)Command.MemPool + 1;

    /// <summary>When the connection was established (accepted or connected).</summary>
    public DateTimeOffset ConnectedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>Whole messages received, header included, counted as each is framed.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesIn);

    /// <summary>Whole messages handed to the send queue, header included.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesOut);

    public long MessagesReceived => Interlocked.Read(ref _messagesIn);
    public long MessagesSent => Interlocked.Read(ref _messagesOut);

    public DateTimeOffset? LastReceive => At(Volatile.Read(ref _lastReceiveTicks));
    public DateTimeOffset? LastSend => At(Volatile.Read(ref _lastSendTicks));

    /// <summary>The round trip of the last answered ping.</summary>
    public TimeSpan? LastPingTime => Micros(Volatile.Read(ref _lastPingMicros));
    public TimeSpan? MinPingTime => Micros(Volatile.Read(ref _minPingMicros));

    /// <summary>Bytes received in messages of this command, header included (<see cref="Command.Unknown"/>: every command without a codec).</summary>
    public long BytesReceivedOf(Command command) => Interlocked.Read(ref _bytesInByCommand[(int)command]);

    /// <summary>Bytes sent in messages of this command, header included.</summary>
    public long BytesSentOf(Command command) => Interlocked.Read(ref _bytesOutByCommand[(int)command]);

    internal long LastReceiveTicks => Volatile.Read(ref _lastReceiveTicks);
    internal long ConnectedTicks => _connectedTicks;

    internal void Received(Command command, long bytes, long now)
    {
        Interlocked.Add(ref _bytesIn, bytes);
        totals?.Received(bytes);
        Interlocked.Add(ref _bytesInByCommand[(int)command], bytes);
        Interlocked.Increment(ref _messagesIn);
        Volatile.Write(ref _lastReceiveTicks, now);
    }

    internal void Sent(Command command, long bytes)
    {
        Interlocked.Add(ref _bytesOut, bytes);
        totals?.Sent(bytes);
        Interlocked.Add(ref _bytesOutByCommand[(int)command], bytes);
        Interlocked.Increment(ref _messagesOut);
        Volatile.Write(ref _lastSendTicks, Environment.TickCount64);
    }

    internal void PingAnswered(TimeSpan roundTrip)
    {
        long micros = (long)roundTrip.TotalMicroseconds;
        Volatile.Write(ref _lastPingMicros, micros);
        long min = Volatile.Read(ref _minPingMicros);
        if (min < 0 || micros < min) Volatile.Write(ref _minPingMicros, micros);
    }

    private DateTimeOffset? At(long ticks) => ticks == 0 ? null : ConnectedAt.AddMilliseconds(ticks - _connectedTicks);

    private static TimeSpan? Micros(long micros) => micros < 0 ? null : TimeSpan.FromMicroseconds(micros);
}
