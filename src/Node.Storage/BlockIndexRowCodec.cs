using System.Buffers.Binary;
using Node.Primitives;

namespace Node.Storage;

/// <summary>
/// The value of a block_index row (the key is the 32-byte hash), integers little-endian:
/// version (1) | header (80) | height (i32) | status (u32) | chainwork (32, LE) |
/// file (i32) | offset (u32) | length (u32) | checksum (u64) | wire checksum (u32, version 2 only).
/// Version 2 is written; version 1 rows (141 bytes, before the wire checksum was kept) still read,
/// with <see cref="BlockIndexRow.WireChecksum"/> 0.
/// <para>
/// In a version 2 row the checksum field holds the block checksum XOR the wire checksum spread over
/// 64 bits (<see cref="Seal"/>): damage to either field then fails the block's verification on read,
/// so a wrong wire checksum is never sent. A wire checksum of 0 seals to the plain block checksum,
/// which keeps version 1 rows and version 2 rows without one alike.
/// </para>
/// </summary>
internal static class BlockIndexRowCodec
{
    public const byte Version = 2;
    public const byte Version1 = 1;
    public const int Version1Size = 1 + BlockHeader.Size + 4 + 4 + UInt256.Size + 4 + 4 + 4 + 8;
    public const int Size = Version1Size + 4;

    private const int HeaderAt = 1;
    private const int HeightAt = HeaderAt + BlockHeader.Size;
    private const int StatusAt = HeightAt + 4;
    private const int WorkAt = StatusAt + 4;
    private const int FileAt = WorkAt + UInt256.Size;
    private const int OffsetAt = FileAt + 4;
    private const int LengthAt = OffsetAt + 4;
    private const int ChecksumAt = LengthAt + 4;
    private const int WireChecksumAt = ChecksumAt + 8;

    public static void Write(in BlockIndexRow row, Span<byte> value)
    {
        value[0] = Version;
        row.Header.Write(value[HeaderAt..]);
        BinaryPrimitives.WriteInt32LittleEndian(value[HeightAt..], row.Height);
        BinaryPrimitives.WriteUInt32LittleEndian(value[StatusAt..], (uint)row.Status);
        row.ChainWork.WriteLittleEndian(value[WorkAt..]);
        BinaryPrimitives.WriteInt32LittleEndian(value[FileAt..], row.Location.File);
        BinaryPrimitives.WriteUInt32LittleEndian(value[OffsetAt..], row.Location.Offset);
        BinaryPrimitives.WriteUInt32LittleEndian(value[LengthAt..], row.Location.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(value[ChecksumAt..], Seal(row.Checksum, row.WireChecksum));
        BinaryPrimitives.WriteUInt32LittleEndian(value[WireChecksumAt..], row.WireChecksum);
    }

    public static BlockIndexRow Read(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        bool valid = key.Length == Hash256.Size && !value.IsEmpty
            && (value[0] == Version ? value.Length == Size : value[0] == Version1 && value.Length == Version1Size);
        if (!valid)
            throw new StorageCorruptionException(StorageError.BadIndexRow,
                $"block_index row with a {key.Length}-byte key and a {value.Length}-byte value (version {(value.IsEmpty ? -1 : value[0])}); expected 32 and {Size} bytes of version {Version} or {Version1Size} of version {Version1}");
        uint wireChecksum = value[0] == Version ? BinaryPrimitives.ReadUInt32LittleEndian(value[WireChecksumAt..]) : 0;
        return new BlockIndexRow(
            new Hash256(key),
            BlockHeader.Read(value[HeaderAt..]),
            BinaryPrimitives.ReadInt32LittleEndian(value[HeightAt..]),
            (BlockStatus)BinaryPrimitives.ReadUInt32LittleEndian(value[StatusAt..]),
            UInt256.FromLittleEndian(value[WorkAt..]),
            new BlockLocation(
                BinaryPrimitives.ReadInt32LittleEndian(value[FileAt..]),
                BinaryPrimitives.ReadUInt32LittleEndian(value[OffsetAt..]),
                BinaryPrimitives.ReadUInt32LittleEndian(value[LengthAt..])),
            Seal(BinaryPrimitives.ReadUInt64LittleEndian(value[ChecksumAt..]), wireChecksum),
            wireChecksum);
    }

    /// <summary>
    /// Binds the wire checksum to the block checksum (its own inverse). The multiplier is odd, so the
    /// spread is a bijection: every change of the 4 bytes changes the sealed value.
    /// </summary>
    private static ulong Seal(ulong checksum, uint wireChecksum) => checksum ^ (wireChecksum * 0x9E3779B97F4A7C15UL);
}
