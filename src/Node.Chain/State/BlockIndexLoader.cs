using Node.Chain.Index;
using Node.Primitives;
using Node.Storage;

namespace Node.Chain.State;

/// <summary>
/// Rebuilds the in-memory block index from the stored rows. Rows stream in hash order; the index
/// needs parents before children, so they are ordered by height with a counting sort (O(n)).
/// Chain work is recomputed from the headers, as Core's LoadBlockIndex does.
/// </summary>
internal static class BlockIndexLoader
{
    private const int ChunkShift = 16;
    private const int ChunkMask = (1 << ChunkShift) - 1;

    private struct LoadedRow
    {
        public BlockHeader Header;
        public Hash256 Hash;
        public int Height;
        public BlockStatus Status;
        public StoredBlock Data;
    }

    public static BlockIndex Load(BlockStore store)
    {
        // Chunks, not one growing array: no copy of the rows while they stream in.
        var chunks = new List<LoadedRow[]>();
        int count = 0, maxHeight = -1;
        store.LoadAll((in BlockIndexRow row) =>
        {
            if (row.Height < 0)
                throw new ChainStateException(ChainStateError.InconsistentIndex, $"row {row.Hash} has height {row.Height}");
            if ((count & ChunkMask) == 0) chunks.Add(new LoadedRow[1 << ChunkShift]);
            ref var slot = ref chunks[count >> ChunkShift][count & ChunkMask];
            slot.Header = row.Header;
            slot.Hash = row.Hash;
            slot.Height = row.Height;
            slot.Status = row.Status;
            slot.Data = new StoredBlock(row.Location, row.Checksum, row.WireChecksum);
            count++;
            maxHeight = Math.Max(maxHeight, row.Height);
        });

        var start = new int[maxHeight + 2];
        for (int i = 0; i < count; i++) start[chunks[i >> ChunkShift][i & ChunkMask].Height + 1]++;
        for (int h = 1; h < start.Length; h++) start[h] += start[h - 1];
        var order = new int[count];
        for (int i = 0; i < count; i++) order[start[chunks[i >> ChunkShift][i & ChunkMask].Height]++] = i;

        var index = new BlockIndex(count);
        foreach (int i in order)
        {
            ref readonly var row = ref chunks[i >> ChunkShift][i & ChunkMask];
            int id;
            try
            {
                id = index.Restore(row.Header, row.Hash, row.Status, row.Data);
            }
            catch (BlockIndexException e)
            {
                throw new ChainStateException(ChainStateError.InconsistentIndex, $"row {row.Hash} at height {row.Height}: {e.Message}");
            }
            if (index[id].Height != row.Height)
                throw new ChainStateException(ChainStateError.InconsistentIndex,
                    $"row {row.Hash} says height {row.Height}; its ancestry gives {index[id].Height}");
        }
        return index;
    }

    /// <summary>The row that stores entry <paramref name="id"/>.</summary>
    public static BlockIndexRow RowOf(BlockIndex index, int id)
    {
        ref readonly var e = ref index[id];
        bool stored = (e.Status & BlockStatus.DataStored) != 0;
        return new BlockIndexRow(e.Hash, index.GetHeader(id), e.Height, e.Status, e.ChainWork,
            stored ? e.Location : BlockLocation.None, stored ? e.Checksum : 0, stored ? e.WireChecksum : 0);
    }
}
