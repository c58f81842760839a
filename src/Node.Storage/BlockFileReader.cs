using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Node.Storage;

/// <summary>
/// Reads block records back with positional reads into the caller's buffer and checks them
/// against the index: the record's magic and length prefix, then the checksum of the bytes.
/// Thread-safe. The most recently read files stay open, at most <see cref="MaxOpenFiles"/> of them: a full
/// chain has thousands of block files, and a handle kept for each would exhaust the process's descriptors.
/// </summary>
internal sealed class BlockFileReader : IDisposable
{
    /// <summary>No block can be larger than a network message (Core's MAX_SIZE); a longer row is not trusted with a buffer.</summary>
    public const uint MaxBlockLength = (uint)Node.Primitives.CompactSize.MaxSize;

    /// <summary>Read handles kept open; the least recently used one not in use is closed to open another.</summary>
    public const int MaxOpenFiles = 64;

    private readonly string _directory;
    private readonly uint _magic;
    private readonly Dictionary<int, OpenFile> _open = [];
    private readonly Lock _lock = new();
    private long _uses;

    /// <summary>An open block file: readers using it now, and when it was last taken.</summary>
    private sealed class OpenFile(SafeFileHandle handle)
    {
        public SafeFileHandle Handle { get; } = handle;
        public int Users { get; set; }
        public long LastUse { get; set; }
    }

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
        var open = Take(location.File);
        if (open is null) return StorageError.FileMissing;
        try
        {
            var handle = open.Handle;
            Span<byte> prefix = stackalloc byte[FlatFiles.RecordPrefixSize];
            if (!ReadExactly(handle, prefix, location.Offset - FlatFiles.RecordPrefixSize)) return StorageError.Truncated;
            if (BinaryPrimitives.ReadUInt32LittleEndian(prefix) != _magic) return StorageError.BadRecordMagic;
            if (BinaryPrimitives.ReadUInt32LittleEndian(prefix[4..]) != location.Length) return StorageError.LengthMismatch;

            var block = destination[..(int)location.Length];
            if (!ReadExactly(handle, block, location.Offset)) return StorageError.Truncated;
            return BlockChecksum.Of(block) == checksum ? StorageError.None : StorageError.ChecksumMismatch;
        }
        finally
        {
            Return(open);
        }
    }

    /// <summary>Length of a flat file, or -1 if it does not exist.</summary>
    public long LengthOf(int file)
    {
        var open = Take(file);
        if (open is null) return -1;
        try
        {
            return RandomAccess.GetLength(open.Handle);
        }
        finally
        {
            Return(open);
        }
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

    /// <summary>The file opened (or already open) and marked in use until <see cref="Return"/>; null when it does not exist.</summary>
    private OpenFile? Take(int file)
    {
        lock (_lock)
        {
            if (!_open.TryGetValue(file, out var open))
            {
                var path = FlatFiles.PathOf(_directory, file);
                if (!File.Exists(path)) return null;
                if (_open.Count >= MaxOpenFiles) CloseLeastRecentlyUsed();
                open = new OpenFile(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
                _open[file] = open;
            }
            open.Users++;
            open.LastUse = ++_uses;
            return open;
        }
    }

    private void Return(OpenFile open)
    {
        lock (_lock) open.Users--;
    }

    /// <summary>Closes the least recently used file nobody is reading (none when all are in use: one more stays open).</summary>
    private void CloseLeastRecentlyUsed()
    {
        int oldest = -1;
        long oldestUse = long.MaxValue;
        foreach (var (file, open) in _open)
        {
            if (open.Users == 0 && open.LastUse < oldestUse)
            {
                oldest = file;
                oldestUse = open.LastUse;
            }
        }
        if (oldest < 0) return;
        _open.Remove(oldest, out var closed);
        closed!.Handle.Dispose();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var open in _open.Values) open.Handle.Dispose();
            _open.Clear();
        }
    }
}
