using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Node.Primitives.Buffers;

/// <summary>
/// The arrays a reusable scratch object owns: grown to the next power of two when too short (uninitialized, the old
/// contents dropped), then kept. Whoever owns the field uses it one operation at a time.
/// </summary>
public static class ScratchArray
{
    /// <summary><paramref name="array"/>, first replaced by a larger one when it holds fewer than <paramref name="length"/> items.</summary>
    public static T[] Ensure<T>([NotNull] ref T[]? array, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (array is null || array.Length < length) array = Grown<T>(length);
        return array;
    }

    /// <summary>
    /// <see cref="Ensure{T}(ref T[], int)"/> that keeps no array of more than <paramref name="maxKept"/> items: a
    /// length beyond what the owner expects to reuse gets an array of its own, for this once.
    /// </summary>
    public static T[] Ensure<T>(ref T[]? array, int length, int maxKept)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (array is not null && array.Length >= length) return array;
        var grown = Grown<T>(length);
        if (grown.Length <= maxKept) array = grown;
        return grown;
    }

    private static T[] Grown<T>(int length) =>
        GC.AllocateUninitializedArray<T>(length > 1 << 30 ? length : (int)BitOperations.RoundUpToPowerOf2((uint)length));
}
