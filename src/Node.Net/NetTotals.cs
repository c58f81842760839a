namespace Node.Net;

/// <summary>
/// Bytes in and out over every connection of a node since it started, disconnected ones included (Core's
/// getnettotals), counted as each peer's <see cref="PeerCounters"/> counts its messages. Thread-safe.
/// </summary>
public sealed class NetTotals
{
    private long _received;
    private long _sent;

    public long BytesReceived => Interlocked.Read(ref _received);
    public long BytesSent => Interlocked.Read(ref _sent);

    internal void Received(long bytes) => Interlocked.Add(ref _received, bytes);
    internal void Sent(long bytes) => Interlocked.Add(ref _sent, bytes);
}
