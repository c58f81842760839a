using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Node.Chain.Validation;

/// <summary>
/// Finds a transaction spending one outpoint twice (CVE-2018-17144) input by input, as a walk over the
/// inputs meets them, without allocating: a few outpoints are compared pairwise (on their first 8 bytes,
/// then in full), more go through an open-addressing set of offsets.
/// </summary>
public ref struct DuplicateInputs
{
    /// <summary>Up to this many inputs are compared pairwise.</summary>
    public const int PairwiseLimit = 16;

    private readonly ReadOnlySpan<byte> _raw;
    // Pairwise: the offsets in _raw of the outpoints met so far. Hashed: a set of those offsets + 1 (0 is empty).
    private readonly Span<int> _seen;
    private readonly bool _hashed;
    private int _count;

    /// <summary>
    /// A finder for the inputs of the transaction <paramref name="raw"/>, whose outpoints must be slices of it;
    /// <paramref name="seen"/> needs <see cref="TableLength"/> entries for <paramref name="inputCount"/> inputs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DuplicateInputs(ReadOnlySpan<byte> raw, int inputCount, Span<int> seen)
    {
        int needed = TableLength(inputCount);
        if (seen.Length < needed) throw new ArgumentException($"the table needs {needed} entries for {inputCount} inputs", nameof(seen));
        _raw = raw;
        _hashed = inputCount > PairwiseLimit;
        _seen = seen[..needed];
        if (_hashed) _seen.Clear();
    }

    /// <summary>Entries the table of a finder needs for <paramref name="inputCount"/> inputs.</summary>
    public static int TableLength(int inputCount) =>
        inputCount <= PairwiseLimit ? inputCount : (int)BitOperations.RoundUpToPowerOf2((uint)inputCount * 2);

    /// <summary>True when an earlier input named the 36-byte outpoint <paramref name="prevOut"/>; records it otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool SeenBefore(ReadOnlySpan<byte> prevOut) => _hashed ? SeenBeforeHashed(prevOut) : SeenBeforePairwise(prevOut);

    private bool SeenBeforePairwise(ReadOnlySpan<byte> prevOut)
    {
        var raw = _raw;
        ulong head = MemoryMarshal.Read<ulong>(prevOut);
        var seen = _seen[.._count];
        foreach (int offset in seen)
            if (MemoryMarshal.Read<ulong>(raw[offset..]) == head && prevOut.SequenceEqual(raw.Slice(offset, 36))) return true;
        _seen[_count++] = OffsetIn(raw, prevOut);
        return false;
    }

    private bool SeenBeforeHashed(ReadOnlySpan<byte> prevOut)
    {
        var raw = _raw;
        var table = _seen;
        int mask = table.Length - 1;
        // HashCode is seeded per process, so outpoints cannot be chosen to collide.
        var hasher = new HashCode();
        hasher.AddBytes(prevOut);
        int slot = hasher.ToHashCode() & mask;
        while (table[slot] != 0)
        {
            if (prevOut.SequenceEqual(raw.Slice(table[slot] - 1, 36))) return true;
            slot = (slot + 1) & mask;
        }
        table[slot] = OffsetIn(raw, prevOut) + 1;
        return false;
    }

    private static int OffsetIn(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> part) =>
        (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(raw), ref MemoryMarshal.GetReference(part));
}
