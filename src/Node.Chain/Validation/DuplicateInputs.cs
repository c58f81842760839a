using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Node.Primitives.Transactions;

namespace Node.Chain.Validation;

/// <summary>
/// Finds a transaction spending one outpoint twice (CVE-2018-17144) without allocating: a few inputs
/// are compared pairwise, more go through an open-addressing set of offsets in a caller's table.
/// </summary>
public static class DuplicateInputs
{
    private const int PairwiseLimit = 16;

    /// <summary>Entries the table passed to <see cref="Any"/> needs for <paramref name="inputCount"/> inputs (0: none).</summary>
    public static int TableLength(int inputCount) =>
        inputCount <= PairwiseLimit ? 0 : (int)BitOperations.RoundUpToPowerOf2((uint)inputCount * 2);

    /// <summary>True when two inputs of <paramref name="tx"/> name the same outpoint.</summary>
    public static bool Any(TransactionReader tx, Span<int> table)
    {
        if (tx.InputCount < 2) return false;
        int needed = TableLength(tx.InputCount);
        if (needed == 0) return AnyPairwise(tx);
        if (table.Length < needed) throw new ArgumentException($"the table needs {needed} entries for {tx.InputCount} inputs", nameof(table));
        return AnyHashed(tx, table[..needed]);
    }

    [SkipLocalsInit]
    private static bool AnyPairwise(TransactionReader tx)
    {
        var raw = tx.Raw;
        Span<int> offsets = stackalloc int[PairwiseLimit];
        int n = 0;
        foreach (var input in tx.Inputs)
        {
            var prevOut = input.PrevOut;
            for (int j = 0; j < n; j++)
                if (prevOut.SequenceEqual(raw.Slice(offsets[j], 36))) return true;
            offsets[n++] = OffsetIn(raw, prevOut);
        }
        return false;
    }

    private static bool AnyHashed(TransactionReader tx, Span<int> table)
    {
        var raw = tx.Raw;
        table.Clear();
        int mask = table.Length - 1;
        foreach (var input in tx.Inputs)
        {
            var prevOut = input.PrevOut;
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
        }
        return false;
    }

    private static int OffsetIn(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> part) =>
        (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(raw), ref MemoryMarshal.GetReference(part));
}
