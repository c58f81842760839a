using System.Runtime.InteropServices;

namespace Node.Sync.Events;

/// <summary>
/// The ring's two cursors, each on its own 64-byte cache line (with a line of padding before the
/// first), so producers contending on the enqueue cursor do not invalidate the consumer's line.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 3 * CacheLine)]
internal struct RingPositions
{
    private const int CacheLine = 64;

    /// <summary>Next position producers claim; <see cref="ClosedBit"/> is set once the ring is completed.</summary>
    [FieldOffset(CacheLine)] public long Enqueue;

    /// <summary>Next position the consumer reads. Written only by the consumer.</summary>
    [FieldOffset(2 * CacheLine)] public long Dequeue;

    /// <summary>Set in <see cref="Enqueue"/> by completion: every claim compares against the bare
    /// position, so no producer can claim once it is set.</summary>
    public const long ClosedBit = 1L << 62;
}
