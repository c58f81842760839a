using Node.Primitives;

namespace Node.Chain.State;

/// <summary>
/// Blocks whose parent is not known yet (btcd's orphan pool): bounded by count and bytes, each
/// dropped when its expiry passes; when full, the oldest is evicted first. Not thread-safe.
/// </summary>
public sealed class OrphanPool(int maxCount, long maxBytes, TimeSpan expiry, TimeProvider clock)
{
    private sealed record Orphan(Hash256 Hash, Hash256 Parent, byte[] Bytes, long Sequence, DateTimeOffset Expires);

    private long _sequence;

    private readonly Dictionary<Hash256, Orphan> _byHash = [];
    private readonly Dictionary<Hash256, List<Orphan>> _byParent = [];

    public int Count => _byHash.Count;

    public long Bytes { get; private set; }

    public bool Contains(in Hash256 hash) => _byHash.ContainsKey(hash);

    /// <summary>
    /// Adds a copy of the block; returns false (and keeps nothing) when it is already held or alone
    /// exceeds the byte limit. Expired orphans are dropped first, then the oldest until it fits.
    /// </summary>
    public bool Add(in Hash256 hash, ReadOnlySpan<byte> block)
    {
        if (_byHash.ContainsKey(hash) || block.Length > maxBytes || maxCount == 0) return false;
        RemoveExpired();
        while (_byHash.Count + 1 > maxCount || Bytes + block.Length > maxBytes) RemoveOldest();

        var parent = BlockHeader.Read(block).PrevBlock;
        var now = clock.GetUtcNow();
        var orphan = new Orphan(hash, parent, block.ToArray(), _sequence++, now + expiry);
        _byHash.Add(hash, orphan);
        if (!_byParent.TryGetValue(parent, out var siblings)) _byParent[parent] = siblings = [];
        siblings.Add(orphan);
        Bytes += block.Length;
        return true;
    }

    /// <summary>
    /// The first missing ancestor's child in the pool: walks parent links through the pool from
    /// <paramref name="hash"/> and returns the last hash reached (the hash itself if its parent is not an orphan).
    /// </summary>
    public Hash256 GetOrphanRoot(Hash256 hash)
    {
        var root = hash;
        while (_byHash.TryGetValue(root, out var orphan) && _byHash.ContainsKey(orphan.Parent)) root = orphan.Parent;
        return root;
    }

    /// <summary>Removes and returns the orphans whose parent is <paramref name="parent"/>, oldest first.</summary>
    public List<(Hash256 Hash, byte[] Bytes)> TakeChildren(in Hash256 parent)
    {
        var taken = new List<(Hash256, byte[])>();
        if (!_byParent.TryGetValue(parent, out var children)) return taken;
        foreach (var child in children.ToArray())
        {
            Remove(child);
            taken.Add((child.Hash, child.Bytes));
        }
        return taken;
    }

    /// <summary>Drops every orphan whose expiry has passed; returns how many.</summary>
    public int RemoveExpired()
    {
        var now = clock.GetUtcNow();
        int removed = 0;
        foreach (var orphan in _byHash.Values.Where(o => o.Expires <= now).ToList())
        {
            Remove(orphan);
            removed++;
        }
        return removed;
    }

    // A linear scan: the pool holds at most maxCount entries (100 by default).
    private void RemoveOldest()
    {
        Orphan? oldest = null;
        foreach (var orphan in _byHash.Values)
            if (oldest == null || orphan.Sequence < oldest.Sequence) oldest = orphan;
        if (oldest != null) Remove(oldest);
    }

    private void Remove(Orphan orphan)
    {
        _byHash.Remove(orphan.Hash);
        var siblings = _byParent[orphan.Parent];
        siblings.Remove(orphan);
        if (siblings.Count == 0) _byParent.Remove(orphan.Parent);
        Bytes -= orphan.Bytes.Length;
    }
}
