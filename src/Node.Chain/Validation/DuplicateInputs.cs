using System.Numerics;
using System.Runtime.InteropServices;

namespace Node.Chain.Validation;

/// <summary>
/// Finds a transaction spending one outpoint twice (CVE-2018-17144) input by input, as a walk meets them, without
/// allocating once warm: a few outpoints are compared pairwise (on their first 8 bytes, then in full), more go
/// through an open-addressing set of their offsets, kept in <paramref name="scratch"/>'s table.
/// </summary>
internal struct DuplicateInputs(BlockCheckScratch scratch)
{
    /// <summary>Up to this many inputs are compared pairwise.</summary>
    public const int PairwiseLimit = 16;

    // Pairwise: the offsets of the outpoints met so far. Hashed: a set of those offsets + 1 (0 is empty).
    private int[]? _table;
    private int _count;
    private int _mask;

    /// <summary>Entries the table needs for <paramref name="inputCount"/> inputs.</summary>
    public static int TableLength(int inputCount) =>
        inputCount <= PairwiseLimit ? PairwiseLimit : (int)BitOperations.RoundUpToPowerOf2((uint)inputCount * 2);

    /// <summary>Starts on a transaction of <paramref name="inputCount"/> inputs.</summary>
    public void Begin(int inputCount)
    {
        int needed = TableLength(inputCount);
        _table = scratch.Table(needed);
        _count = 0;
        _mask = 0;
        if (inputCount > PairwiseLimit)
        {
            _mask = needed - 1;
            _table.AsSpan(0, needed).Clear();
        }
    }

    /// <summary>
    /// True when an earlier input of the transaction <paramref name="tx"/> named the outpoint at
    /// <paramref name="offset"/> in it; records it otherwise.
    /// </summary>
    public bool SeenBefore(ReadOnlySpan<byte> tx, int offset) => _mask == 0 ? SeenBeforePairwise(tx, offset) : SeenBeforeHashed(tx, offset);

    private bool SeenBeforePairwise(ReadOnlySpan<byte> tx, int offset)
    {
        var prevOut = tx.Slice(offset, 36);
        ulong head = MemoryMarshal.Read<ulong>(prevOut);
        var seen = _table.AsSpan(0, _count);
        foreach (int earlier in seen)
            if (MemoryMarshal.Read<ulong>(tx[earlier..]) == head && prevOut.SequenceEqual(tx.Slice(earlier, 36))) return true;
        _table![_count++] = offset;
        return false;
    }

    private bool SeenBeforeHashed(ReadOnlySpan<byte> tx, int offset)
    {
        var prevOut = tx.Slice(offset, 36);
        var table = _table.AsSpan(0, _mask + 1);
        // HashCode is seeded per process, so outpoints cannot be chosen to collide.
        var hasher = new HashCode();
        hasher.AddBytes(prevOut);
        int slot = hasher.ToHashCode() & _mask;
        while (table[slot] != 0)
        {
            if (prevOut.SequenceEqual(tx.Slice(table[slot] - 1, 36))) return true;
            slot = (slot + 1) & _mask;
        }
        table[slot] = offset + 1;
        return false;
    }
}
