using System.Numerics;
using System.Security.Cryptography;
using Node.Primitives;

namespace Node.Sync.Inventory;

/// <summary>
/// The hashes a peer is known to have (announced to us or by us), so they are not announced to it again:
/// a fixed-capacity set that forgets the oldest entry when full, where Core keeps a rolling bloom filter of
/// 50,000. Entries are 64-bit fingerprints (a hash's low 64 bits), in an open-addressing table with linear
/// probing and backward-shift deletion, plus a ring that remembers insertion order. A false "known" needs
/// a 64-bit collision and only skips one announcement. Table positions are salted per instance so
/// crafted hashes cannot pile into one probe run. No allocation after construction; one thread.
/// </summary>
public sealed class KnownInventory
{
    private const ulong Empty = 0;

    private readonly ulong[] _table;
    private readonly int _shift;
    private readonly ulong _salt = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) | 1;
    private readonly ulong[] _order;
    private int _head;
    private int _count;

    public KnownInventory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1 << 28);
        // At most half full: short probe runs.
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)capacity * 2);
        _table = new ulong[size];
        _shift = 64 - BitOperations.Log2((uint)size);
        _order = new ulong[capacity];
    }

    public int Capacity => _order.Length;

    public int Count => _count;

    public bool Contains(in Hash256 hash) => Find(Fingerprint(hash)) >= 0;

    /// <summary>Adds the hash, forgetting the oldest entry if full. False if it was already known.</summary>
    public bool Add(in Hash256 hash)
    {
        ulong fp = Fingerprint(hash);
        if (Find(fp) >= 0) return false;
        if (_count == _order.Length)
        {
            Delete(_order[_head]);
            _head = (_head + 1) % _order.Length;
            _count--;
        }
        int mask = _table.Length - 1;
        int i = Home(fp);
        while (_table[i] != Empty) i = (i + 1) & mask;
        _table[i] = fp;
        _order[(_head + _count) % _order.Length] = fp;
        _count++;
        return true;
    }

    public void Clear()
    {
        Array.Clear(_table);
        _head = 0;
        _count = 0;
    }

    private static ulong Fingerprint(in Hash256 hash) => hash.Low64 == Empty ? 1 : hash.Low64;

    private int Home(ulong fp) => (int)((fp ^ _salt) * 0x9E3779B97F4A7C15UL >> _shift);

    private int Find(ulong fp)
    {
        int mask = _table.Length - 1;
        for (int i = Home(fp); ; i = (i + 1) & mask)
        {
            ulong slot = _table[i];
            if (slot == fp) return i;
            if (slot == Empty) return -1;
        }
    }

    /// <summary>Removes a present fingerprint, shifting later members of its probe run back into the gap.</summary>
    private void Delete(ulong fp)
    {
        int mask = _table.Length - 1;
        int gap = Find(fp);
        for (int i = (gap + 1) & mask; _table[i] != Empty; i = (i + 1) & mask)
        {
            int home = Home(_table[i]);
            // Move the entry back if its home is not in the cyclic range (gap, i].
            if (((i - home) & mask) >= ((i - gap) & mask))
            {
                _table[gap] = _table[i];
                gap = i;
            }
        }
        _table[gap] = Empty;
    }
}
