using Node.Primitives;

namespace Node.Sync.Inventory;

/// <summary>
/// Items requested and not yet received, each with the peer asked, bounded like btcd's requestedBlocks
/// and requestedTxns (maxRequestedBlocks / maxRequestedTxns = 50,000): when full, the oldest request is
/// forgotten (btcd drops an arbitrary one), so a peer flooding inv cannot grow it. Entries live in a
/// fixed array threaded by an insertion-order list; lookups go through a pre-sized dictionary keyed
/// with <see cref="SaltedHashComparer"/>. No
/// allocation after construction; one thread (the sync core).
/// </summary>
public sealed class RequestedInventory
{
    /// <summary>btcd's maxRequestedBlocks and maxRequestedTxns.</summary>
    public const int DefaultCapacity = 50_000;

    private const int Nil = -1;

    private struct Entry
    {
        public Hash256 Hash;
        public int Peer;
        public int Older;
        public int Newer;
    }

    private readonly Entry[] _entries;
    private readonly Dictionary<Hash256, int> _byHash;
    private int _oldest = Nil;
    private int _newest = Nil;
    private int _free;

    public RequestedInventory(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _entries = new Entry[capacity];
        _byHash = new Dictionary<Hash256, int>(capacity, SaltedHashComparer.Instance);
        for (int i = 0; i < capacity; i++) _entries[i].Newer = i + 1 < capacity ? i + 1 : Nil;
    }

    public int Capacity => _entries.Length;

    public int Count => _byHash.Count;

    public bool Contains(in Hash256 hash) => _byHash.ContainsKey(hash);

    /// <summary>The peer the item was requested from.</summary>
    public bool TryGetPeer(in Hash256 hash, out int peer)
    {
        if (_byHash.TryGetValue(hash, out int i))
        {
            peer = _entries[i].Peer;
            return true;
        }
        peer = -1;
        return false;
    }

    /// <summary>
    /// Records a request from <paramref name="peer"/>. False (and nothing changes) if the item is already
    /// requested. When full, the oldest request is forgotten first.
    /// </summary>
    public bool Add(in Hash256 hash, int peer)
    {
        if (_byHash.ContainsKey(hash)) return false;
        if (_free == Nil) Unlink(_oldest);
        int i = _free;
        _free = _entries[i].Newer;
        ref var e = ref _entries[i];
        e.Hash = hash;
        e.Peer = peer;
        e.Older = _newest;
        e.Newer = Nil;
        if (_newest != Nil) _entries[_newest].Newer = i;
        else _oldest = i;
        _newest = i;
        _byHash.Add(hash, i);
        return true;
    }

    /// <summary>Closes a request (the item arrived or was not found). False if it was not requested.</summary>
    public bool Remove(in Hash256 hash)
    {
        if (!_byHash.TryGetValue(hash, out int i)) return false;
        Unlink(i);
        return true;
    }

    /// <summary>Forgets every request made to <paramref name="peer"/> (it disconnected); returns how many.</summary>
    public int RemovePeer(int peer)
    {
        int removed = 0;
        for (int i = _oldest; i != Nil;)
        {
            int newer = _entries[i].Newer;
            if (_entries[i].Peer == peer)
            {
                Unlink(i);
                removed++;
            }
            i = newer;
        }
        return removed;
    }

    private void Unlink(int i)
    {
        ref var e = ref _entries[i];
        _byHash.Remove(e.Hash);
        if (e.Older != Nil) _entries[e.Older].Newer = e.Newer;
        else _oldest = e.Newer;
        if (e.Newer != Nil) _entries[e.Newer].Older = e.Older;
        else _newest = e.Older;
        e = default;
        e.Newer = _free;
        _free = i;
    }
}
