using System.Runtime.CompilerServices;

namespace Node.Chain.Index;

/// <summary>
/// Block index entries stored by value in fixed-size chunks, so growth never copies entries
/// and no object exists per header.
/// </summary>
internal sealed class EntryArena
{
    private const int ChunkShift = 14;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private BlockIndexEntry[][] _chunks = new BlockIndexEntry[4][];
    private int _count;

    public int Count => _count;

    public ref BlockIndexEntry this[int id]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _chunks[id >> ChunkShift][id & ChunkMask];
    }

    /// <summary>Reserves the next id and returns a reference to its (zeroed) entry.</summary>
    public ref BlockIndexEntry Append(out int id)
    {
        id = _count;
        int chunk = id >> ChunkShift;
        if (chunk == _chunks.Length) Array.Resize(ref _chunks, _chunks.Length * 2);
        _chunks[chunk] ??= new BlockIndexEntry[ChunkSize];
        _count++;
        return ref _chunks[chunk][id & ChunkMask];
    }
}
