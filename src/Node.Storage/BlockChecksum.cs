using System.Buffers;
using System.IO.Hashing;

namespace Node.Storage;

/// <summary>
/// Checksum of stored block bytes. XxHash3-64 because its job is catching accidental damage
/// (bit rot, torn or zeroed writes), not resisting an adversary: the bytes were already tied to
/// their hash by consensus checks before storage. It runs at tens of GB/s, so verifying a 1 MB
/// block on every read costs tens of microseconds where SHA-256d would cost milliseconds.
/// </summary>
internal static class BlockChecksum
{
    public static ulong Of(ReadOnlySpan<byte> block) => XxHash3.HashToUInt64(block);

    /// <summary>Checksum of a segmented block, using a caller-owned hasher so nothing is allocated.</summary>
    public static ulong Of(in ReadOnlySequence<byte> block, XxHash3 hasher)
    {
        if (block.IsSingleSegment) return XxHash3.HashToUInt64(block.FirstSpan);
        hasher.Reset();
        foreach (var segment in block) hasher.Append(segment.Span);
        return hasher.GetCurrentHashAsUInt64();
    }
}
