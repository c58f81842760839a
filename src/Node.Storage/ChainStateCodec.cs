using System.Buffers.Binary;
using Node.Primitives;

namespace Node.Storage;

/// <summary>
/// The chain_state column family: key "s" holds format version (u32) | network magic (u32) |
/// tip hash (32) | last flat file number (i32); key "f" + file number (i32 big-endian, so files sort in order)
/// holds that file's committed size (u64), the end of the last block an index row points into.
/// </summary>
internal static class ChainStateCodec
{
    public const uint FormatVersion = 1;
    public const int StateSize = 4 + 4 + Hash256.Size + 4;
    public const int FileKeySize = 5;
    public const int FileSizeValueSize = 8;
    public static ReadOnlySpan<byte> StateKey => "s"u8;
    public const byte FileKeyPrefix = (byte)'f';

    public static void WriteState(in ChainStateRecord state, Span<byte> value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(value, FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(value[4..], state.Magic);
        state.Tip.WriteTo(value[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(value[40..], state.LastFile);
    }

    public static ChainStateRecord ReadState(ReadOnlySpan<byte> value)
    {
        if (value.Length != StateSize)
            throw new StorageCorruptionException(StorageError.BadIndexRow, $"chain_state record of {value.Length} bytes, expected {StateSize}");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(value);
        if (version != FormatVersion)
            throw new StorageCorruptionException(StorageError.UnsupportedFormatVersion, $"store format version {version}, this build reads {FormatVersion}");
        return new ChainStateRecord(
            BinaryPrimitives.ReadUInt32LittleEndian(value[4..]),
            new Hash256(value[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(value[40..]));
    }

    public static void WriteFileSize(int file, long size, Span<byte> key, Span<byte> value)
    {
        key[0] = FileKeyPrefix;
        BinaryPrimitives.WriteInt32BigEndian(key[1..], file);
        BinaryPrimitives.WriteUInt64LittleEndian(value, (ulong)size);
    }

    public static (int File, long Size) ReadFileSize(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (key.Length != FileKeySize || key[0] != FileKeyPrefix || value.Length != FileSizeValueSize)
            throw new StorageCorruptionException(StorageError.BadIndexRow, $"chain_state file record with a {key.Length}-byte key and a {value.Length}-byte value");
        return (BinaryPrimitives.ReadInt32BigEndian(key[1..]), (long)BinaryPrimitives.ReadUInt64LittleEndian(value));
    }
}

/// <summary>The committed state: which network the store belongs to, its tip, and the flat file being written.</summary>
internal readonly record struct ChainStateRecord(uint Magic, Hash256 Tip, int LastFile);
