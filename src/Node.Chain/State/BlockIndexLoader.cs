using Node.Chain.Index;
using Node.Primitives;
using Node.Storage;

namespace Node.Chain.State;

/// <summary>
/// Rebuilds the in-memory block index from the stored rows. Rows stream in hash order; the index
/// needs parents before children, so they are ordered by height with a counting sort (O(n)).
/// </summary>
internal static class BlockIndexLoader
{
    public static BlockIndex Load(BlockStore store)
    {
        var rows = new List<BlockIndexRow>();
        int maxHeight = -1;
        store.LoadAll((in BlockIndexRow row) =>
        {
            if (row.Height < 0)
                throw new ChainStateException(ChainStateError.InconsistentIndex, $"row {row.Hash} has height {row.Height}");
            rows.Add(row);
            maxHeight = Math.Max(maxHeight, row.Height);
        });

        var start = new int[maxHeight + 2];
        foreach (var row in rows) start[row.Height + 1]++;
        for (int h = 1; h < start.Length; h++) start[h] += start[h - 1];
        var order = new int[rows.Count];
        for (int i = 0; i < rows.Count; i++) order[start[rows[i].Height]++] = i;

        var index = new BlockIndex(rows.Count);
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows);
        foreach (int i in order)
        {
            ref readonly var row = ref span[i];
            if (row.Height > 0 && !index.Contains(row.Header.PrevBlock))
                throw new ChainStateException(ChainStateError.InconsistentIndex, $"row {row.Hash} at height {row.Height} builds on {row.Header.PrevBlock}, which has no row");
            if (row.Height == 0 && index.Count > 0)
                throw new ChainStateException(ChainStateError.InconsistentIndex, $"a second genesis row {row.Hash}");
            int id = index.Restore(row.Header, row.Hash, row.Status, row.Location, row.Checksum);
            ref readonly var e = ref index[id];
            if (e.Height != row.Height || e.ChainWork != row.ChainWork)
                throw new ChainStateException(ChainStateError.InconsistentIndex,
                    $"row {row.Hash} says height {row.Height} and chain work {row.ChainWork}; its ancestry gives {e.Height} and {e.ChainWork}");
        }
        return index;
    }

    /// <summary>The row that stores entry <paramref name="id"/>.</summary>
    public static BlockIndexRow RowOf(BlockIndex index, int id)
    {
        ref readonly var e = ref index[id];
        bool stored = (e.Status & BlockStatus.DataStored) != 0;
        return new BlockIndexRow(e.Hash, index.GetHeader(id), e.Height, e.Status, e.ChainWork,
            stored ? e.Location : BlockLocation.None, stored ? e.Checksum : 0);
    }
}
