using System.Runtime.CompilerServices;
using Node.Primitives;

namespace Node.Chain.Index;

/// <summary>
/// Open-addressing (linear probing) map from a block hash to its entry id. A slot packs the low
/// 32 bits of <see cref="Hash256.Low64"/> (a tag that filters almost every wrong candidate and
/// lets a resize rehash without touching the entries) with id+1 (0 marks an empty slot).
/// The full hash comparison reads the entry arena.
/// </summary>
internal sealed class HashIdTable
{
    private const int MinCapacity = 1024;
    private ulong[] _slots;
    private int _mask;
    private int _count;

    public HashIdTable(int expectedCount)
    {
        int capacity = MinCapacity;
        // Load factor at most 1/2 keeps unsuccessful probes short.
        while (capacity < 2L * expectedCount) capacity <<= 1;
        _slots = new ulong[capacity];
        _mask = capacity - 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryFind(in Hash256 hash, EntryArena arena, out int id)
    {
        uint tag = (uint)hash.Low64;
        var slots = _slots;
        int i = (int)tag & _mask;
        while (true)
        {
            ulong slot = slots[i];
            if (slot == 0)
            {
                id = BlockIndex.None;
                return false;
            }
            if ((uint)(slot >> 32) == tag)
            {
                int candidate = (int)(uint)slot - 1;
                if (arena[candidate]._hash == hash)
                {
                    id = candidate;
                    return true;
                }
            }
            i = (i + 1) & _mask;
        }
    }

    /// <summary>Adds a hash known to be absent.</summary>
    public void Insert(in Hash256 hash, int id)
    {
        if (2L * (_count + 1) > _slots.Length) Grow();
        Place(_slots, _mask, ((ulong)(uint)hash.Low64 << 32) | (uint)(id + 1));
        _count++;
    }

    private static void Place(ulong[] slots, int mask, ulong slot)
    {
        int i = (int)(slot >> 32) & mask;
        while (slots[i] != 0) i = (i + 1) & mask;
        slots[i] = slot;
    }

    private void Grow()
    {
        var bigger = new ulong[_slots.Length * 2];
        int mask = bigger.Length - 1;
        foreach (ulong slot in _slots)
            if (slot != 0) Place(bigger, mask, slot);
        _slots = bigger;
        _mask = mask;
    }
}
