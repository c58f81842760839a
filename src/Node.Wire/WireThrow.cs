using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Node.Wire;

/// <summary>Out-of-line throws keep the decoding hot paths small.</summary>
internal static class WireThrow
{
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void Truncated(string what) =>
        throw new WireException(WireError.Truncated, $"payload ends inside {what}");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void NonCanonicalCompactSize(string what) =>
        throw new WireException(WireError.NonCanonicalCompactSize, $"non-canonical CompactSize for {what}");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void CompactSizeTooLarge(string what, ulong value) =>
        throw new WireException(WireError.CompactSizeTooLarge,
            $"{what} {value} exceeds MAX_SIZE {Primitives.CompactSize.MaxSize}", (long)Primitives.CompactSize.MaxSize);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void TooManyEntries(string what, ulong count, int limit, string limitName) =>
        throw new WireException(WireError.TooManyEntries, $"{what}: {count} entries exceed {limitName} {limit}", limit);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void StringTooLong(string what, ulong length, int limit) =>
        throw new WireException(WireError.StringTooLong, $"{what}: {length} bytes exceed the limit of {limit}", limit);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void Error(WireError error, string message, long limit = 0) =>
        throw new WireException(error, message, limit);
}
