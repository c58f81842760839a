using Node.Net;

namespace Node.Hosting;

/// <summary>
/// Bytes received and sent over every peer since start: the live peers' counters plus the last values
/// seen of peers that have gone (sampled whenever the totals are read, so at most the bytes of a peer's
/// last moments between two reads are missed).
/// </summary>
internal sealed class PeerTraffic(ConnectionManager connections)
{
    private readonly object _lock = new();
    private readonly Dictionary<long, (long Received, long Sent)> _live = [];
    private long _goneReceived;
    private long _goneSent;

    public (long Received, long Sent) Totals()
    {
        lock (_lock)
        {
            var peers = connections.Peers;
            var seen = new HashSet<long>();
            long received = 0, sent = 0;
            foreach (var peer in peers)
            {
                long r = peer.Counters.BytesReceived, s = peer.Counters.BytesSent;
                _live[peer.Id] = (r, s);
                seen.Add(peer.Id);
                received += r;
                sent += s;
            }
            foreach (long id in _live.Keys.Where(id => !seen.Contains(id)).ToList())
            {
                _goneReceived += _live[id].Received;
                _goneSent += _live[id].Sent;
                _live.Remove(id);
            }
            return (received + _goneReceived, sent + _goneSent);
        }
    }
}
