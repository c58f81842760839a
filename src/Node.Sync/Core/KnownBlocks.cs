using Node.Primitives;

namespace Node.Sync.Core;

/// <summary>A bounded set of block hashes a peer is known to have; the oldest entries are forgotten first.</summary>
internal sealed class KnownBlocks(int capacity = 1024)
{
    private readonly HashSet<Hash256> _set = new(capacity);
    private readonly Queue<Hash256> _order = new(capacity);

    public bool Contains(in Hash256 hash) => _set.Contains(hash);

    public void Add(in Hash256 hash)
    {
        if (!_set.Add(hash)) return;
        _order.Enqueue(hash);
        if (_order.Count > capacity) _set.Remove(_order.Dequeue());
    }
}
