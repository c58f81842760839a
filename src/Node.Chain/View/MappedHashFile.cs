using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using Node.Primitives;

namespace Node.Chain.View;

/// <summary>
/// chainview.dat: a 16-byte header (magic "SNCV", version, count of hashes as u64, all LE) followed
/// by one 32-byte hash per height, memory-mapped read/write. The file grows in chunks by remapping.
/// It is opened exclusively: a second node on the same data directory fails instead of corrupting it.
/// </summary>
internal sealed unsafe class MappedHashFile : IDisposable
{
    public const uint Magic = 0x5643_4E53; // "SNCV" as LE bytes
    public const uint Version = 1;
    public const int HeaderSize = 16;
    private const int GrowthHashes = 1 << 16;

    private readonly FileStream _stream;
    private MemoryMappedFile? _map;
    private MemoryMappedViewAccessor? _view;
    private byte* _base;
    private long _capacity;

    public MappedHashFile(string path)
    {
        _stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        ExistingLength = _stream.Length;
        Map(Math.Max(ExistingLength, HeaderSize + (long)GrowthHashes * Hash256.Size));
    }

    /// <summary>The file's length when opened (0 for a new file).</summary>
    public long ExistingLength { get; }

    public long HashCapacity => (_capacity - HeaderSize) / Hash256.Size;

    public uint StoredMagic => BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(_base, 4));
    public uint StoredVersion => BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(_base + 4, 4));
    public ulong StoredCount => BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(_base + 8, 8));

    /// <summary>Writes the header; the count goes last so hashes written before it are covered.</summary>
    public void WriteHeader(long count)
    {
        var header = new Span<byte>(_base, HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Version);
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], (ulong)count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Hash256 ReadHash(int height) => Unsafe.ReadUnaligned<Hash256>(_base + HeaderSize + (long)height * Hash256.Size);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteHash(int height, in Hash256 hash)
    {
        if (height >= HashCapacity) Grow(height);
        Unsafe.WriteUnaligned(_base + HeaderSize + (long)height * Hash256.Size, hash);
    }

    public void Flush()
    {
        _view!.Flush();
        _stream.Flush(flushToDisk: true);
    }

    private void Grow(int height)
    {
        long hashes = ((long)height / GrowthHashes + 1) * GrowthHashes;
        Unmap();
        Map(HeaderSize + hashes * Hash256.Size);
    }

    private void Map(long length)
    {
        if (_stream.Length < length) _stream.SetLength(length);
        _map = MemoryMappedFile.CreateFromFile(_stream, null, 0, MemoryMappedFileAccess.ReadWrite,
            HandleInheritability.None, leaveOpen: true);
        _view = _map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.ReadWrite);
        byte* p = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _base = p + _view.PointerOffset;
        _capacity = _stream.Length;
    }

    private void Unmap()
    {
        if (_view is null) return;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map!.Dispose();
        _view = null;
        _map = null;
        _base = null;
    }

    public void Dispose()
    {
        if (_view is null) return;
        _view.Flush();
        Unmap();
        _stream.Dispose();
    }
}
