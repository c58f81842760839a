using System.Buffers.Binary;
using Node.Primitives;

namespace Node.Storage;

/// <summary>
/// The fixed-size value of a block_index row (the key is the 32-byte hash):
/// version (1) | header (80) | height (i32) | status (u32) | chainwork (32, LE) |
/// file (i32) | offset (u32) | length (u32) | checksum (u64), integers little-endian.
/// </summary>
internal static class BlockIndexRowCodec
{
    public const byte Version = 1;
    public const int Size = 1 + BlockHeader.Size + 4 + 4 + UInt256.Size + 4 + 4 + 4 + 8;

    private const int HeaderAt = 1;
    private const int HeightAt = HeaderAt + BlockHeader.Size;
    private const int StatusAt = HeightAt + 4;
    private const int WorkAt = StatusAt + 4;
    private const int FileAt = WorkAt + UInt256.Size;
    private const int OffsetAt = FileAt + 4;
    private const int LengthAt = OffsetAt + 4;
    private const int ChecksumAt = LengthAt + 4;

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
        BinaryPrimitives.WriteUInt64LittleEndian(value[ChecksumAt..], row.Checksum);
    }

    public static BlockIndexRow Read(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (key.Length != Hash256.Size || value.Length != Size || value[0] != Version)
            throw new StorageCorruptionException(StorageError.BadIndexRow,
                $"block_index row with a {key.Length}-byte key and a {value.Length}-byte value (version {(value.IsEmpty ? -1 : value[0])}); expected 32 and {Size} bytes of version {Version}");
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
            BinaryPrimitives.ReadUInt64LittleEndian(value[ChecksumAt..]));
    }
}
