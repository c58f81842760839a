using System.Buffers.Binary;
using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;

namespace Node.Storage;

/// <summary>
/// Reads block records back with positional reads into the caller's buffer and checks them
/// against the index: the record's magic and length prefix, then the checksum of the bytes.
/// Thread-safe; read handles stay open for the life of the store.
/// </summary>
internal sealed class BlockFileReader : IDisposable
{
    /// <summary>No block can be larger than a network message (Core's MAX_SIZE); a longer row is not trusted with a buffer.</summary>
    public const uint MaxBlockLength = (uint)Node.Primitives.CompactSize.MaxSize;

    private readonly string _directory;
    private readonly uint _magic;
    private readonly ConcurrentDictionary<int, SafeFileHandle> _handles = new();
    private readonly Lock _opening = new();

    public BlockFileReader(string directory, uint magic)
    {
        _directory = directory;
        _magic = magic;
    }

    /// <summary>Reads the block at <paramref name="location"/> into <paramref name="destination"/>; its bytes count only if the result is <see cref="StorageError.None"/>.</summary>
    public StorageError Read(BlockLocation location, ulong checksum, Span<byte> destination)
    {
        if (location.Length > MaxBlockLength) return StorageError.BadIndexRow;
        if (destination.Length < location.Length) return StorageError.DestinationTooSmall;
        if (location.Offset < FlatFiles.RecordPrefixSize) return StorageError.BadRecordMagic;
        var handle = HandleOf(location.File);
        if (handle is null) return StorageError.FileMissing;

        Span<byte> prefix = stackalloc byte[FlatFiles.RecordPrefixSize];
        if (!ReadExactly(handle, prefix, location.Offset - FlatFiles.RecordPrefixSize)) return StorageError.Truncated;
        if (BinaryPrimitives.ReadUInt32LittleEndian(prefix) != _magic) return StorageError.BadRecordMagic;
        if (BinaryPrimitives.ReadUInt32LittleEndian(prefix[4..]) != location.Length) return StorageError.LengthMismatch;

        var block = destination[..(int)location.Length];
        if (!ReadExactly(handle, block, location.Offset)) return StorageError.Truncated;
        return BlockChecksum.Of(block) == checksum ? StorageError.None : StorageError.ChecksumMismatch;
    }

    /// <summary>Length of a flat file, or -1 if it does not exist.</summary>
    public long LengthOf(int file)
    {
        var handle = HandleOf(file);
        return handle is null ? -1 : RandomAccess.GetLength(handle);
    }

    private static bool ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            int n = RandomAccess.Read(handle, buffer, offset);
            if (n == 0) return false;
            buffer = buffer[n..];
            offset += n;
        }
        return true;
    }

    private SafeFileHandle? HandleOf(int file)
    {
        if (_handles.TryGetValue(file, out var handle)) return handle;
        lock (_opening)
        {
            if (_handles.TryGetValue(file, out handle)) return handle;
            var path = FlatFiles.PathOf(_directory, file);
            if (!File.Exists(path)) return null;
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            _handles[file] = handle;
            return handle;
        }
    }

    public void Dispose()
    {
        foreach (var handle in _handles.Values) handle.Dispose();
        _handles.Clear();
    }
}
