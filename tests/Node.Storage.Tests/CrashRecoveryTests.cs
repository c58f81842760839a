using Node.Tests;

namespace Node.Storage.Tests;

public class CrashRecoveryTests
{
    /// <summary>Every row with data fetches and verifies, and the tip row exists with intact bytes.</summary>
    private static void AssertConsistent(BlockStore store)
    {
        var withData = new List<BlockIndexRow>();
        store.LoadAll((in BlockIndexRow row) => { if (row.HasData) withData.Add(row); });
        foreach (var row in withData)
        {
            Assert.Equal(Blocks.Mainnet0To438[row.Height], Blocks.Fetch(store, row.Hash, out var error));
            Assert.Equal(StorageError.None, error);
        }
        if (!store.Tip.IsZero)
        {
            Assert.True(store.TryGetRow(store.Tip, out var tip));
            Assert.True(tip.HasData);
            Assert.Equal(StorageError.None, store.ReadBlock(tip, new byte[tip.Location.Length]));
        }
    }

    [Fact]
    public void Blocks_flushed_but_never_committed_are_discarded_on_reopen()
    {
        using var dir = new TempDirectory();
        List<BlockIndexRow> committed, lost;
        long committedEnd;
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic))
        {
            committed = Blocks.AppendChain(store, 100);
            store.Commit(committed[^1].Hash);
            committedEnd = committed[^1].Location.End;
            lost = Blocks.AppendChain(store, 50, first: 100);
            store.Flush(); // bytes are on disk, the index batch never is: the crash happens here
        }
        Assert.True(new FileInfo(dir.BlkFile(0)).Length > committedEnd);

        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic))
        {
            Assert.Equal(new FileInfo(dir.BlkFile(0)).Length, committedEnd);
            Assert.True(store.Recovery.DiscardedBytes >= lost.Sum(r => 8 + r.Location.Length));
            Assert.Empty(store.Recovery.DroppedBlocks);
            Assert.False(store.Recovery.TipRolledBack);
            Assert.Equal(committed[^1].Hash, store.Tip);
            Assert.All(lost, r => Assert.False(store.TryGetRow(r.Hash, out _)));
            AssertConsistent(store);

            // the node continues from the committed tip: the lost blocks go right after it
            var again = Blocks.AppendChain(store, 50, first: 100);
            Assert.Equal(committedEnd + 8, again[0].Location.Offset);
            store.Commit(again[^1].Hash);
        }
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic))
        {
            Assert.True(store.Recovery.Clean);
            AssertConsistent(store);
            var stored = File.ReadAllBytes(dir.BlkFile(0));
            Assert.Equal(TestData.Bytes("blocks/mainnet-0-438.blk").AsSpan(0, stored.Length).ToArray(), stored);
        }
    }

    [Fact]
    public void Uncommitted_files_after_a_rollover_are_deleted_and_the_last_committed_file_is_cut_back()
    {
        using var dir = new TempDirectory();
        var options = new BlockStoreOptions { MaxFileSize = 10_000, PreallocationChunk = 4096 };
        List<BlockIndexRow> committed;
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic, options))
        {
            committed = Blocks.AppendChain(store, 60);
            store.Commit(committed[^1].Hash);
            Blocks.AppendChain(store, 200, first: 60);
            store.Flush();
        }
        int lastCommittedFile = committed[^1].Location.File;
        Assert.True(File.Exists(dir.BlkFile(lastCommittedFile + 2)));

        using var reopened = BlockStore.Open(dir.Path, Blocks.MainnetMagic, options);
        Assert.NotEmpty(reopened.Recovery.DeletedFiles);
        Assert.Equal(lastCommittedFile + 1, reopened.Recovery.DeletedFiles.Min());
        Assert.False(File.Exists(dir.BlkFile(lastCommittedFile + 1)));
        Assert.Equal(committed[^1].Location.End, new FileInfo(dir.BlkFile(lastCommittedFile)).Length);
        Assert.Equal(committed[^1].Hash, reopened.Tip);
        AssertConsistent(reopened);
    }

    [Fact]
    public void A_committed_index_over_a_truncated_flat_file_drops_the_lost_blocks_and_rolls_the_tip_back()
    {
        using var dir = new TempDirectory();
        List<BlockIndexRow> rows;
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic))
        {
            rows = Blocks.AppendChain(store, 300);
            store.Commit(rows[^1].Hash);
        }
        // the tail of the file is lost after the commit: blocks 297, 298, 299 (297 only partly)
        using (var file = File.Open(dir.BlkFile(0), FileMode.Open, FileAccess.ReadWrite))
            file.SetLength(rows[297].Location.Offset + 100);

        var logger = new ListLogger();
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic, logger: logger))
        {
            var report = store.Recovery;
            Assert.Equal([297, 298, 299], report.DroppedBlocks.Select(d => d.Height).Order().ToArray());
            Assert.All(report.DroppedBlocks, d => Assert.Equal(StorageError.Truncated, d.Reason));
            Assert.True(report.TipRolledBack);
            Assert.Equal(rows[299].Hash, report.StoredTip);
            Assert.Equal(rows[296].Hash, report.Tip);
            Assert.Equal(rows[296].Hash, store.Tip);
            Assert.True(store.TryGetRow(rows[298].Hash, out var dropped));
            Assert.False(dropped.HasData);
            Assert.Equal(rows[298].Header, dropped.Header);
            Assert.Contains(logger.Entries, e => e.Message.Contains(rows[299].Hash.ToString()));
            AssertConsistent(store);

            // downloading the lost blocks again restores the chain
            var again = Blocks.AppendChain(store, 3, first: 297);
            Assert.Equal(rows[296].Location.End + 8, again[0].Location.Offset);
            store.Commit(again[^1].Hash);
        }
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic))
        {
            Assert.True(store.Recovery.Clean);
            Assert.Equal(rows[299].Hash, store.Tip);
            AssertConsistent(store);
        }
    }

    [Fact]
    public void A_corrupted_tip_block_rolls_the_tip_back_to_its_parent()
    {
        using var dir = new TempDirectory();
        List<BlockIndexRow> rows;
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic))
        {
            rows = Blocks.AppendChain(store, 30);
            store.Commit(rows[^1].Hash);
        }
        using (var file = File.Open(dir.BlkFile(0), FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = rows[29].Location.Offset + 90;
            file.WriteByte(0xEE);
        }
        using var reopened = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        var dropped = Assert.Single(reopened.Recovery.DroppedBlocks);
        Assert.Equal((rows[29].Hash, 29, StorageError.ChecksumMismatch), (dropped.Hash, dropped.Height, dropped.Reason));
        Assert.Equal(rows[28].Hash, reopened.Tip);
        AssertConsistent(reopened);
    }

    [Fact]
    public void A_missing_flat_file_drops_every_block_in_it()
    {
        using var dir = new TempDirectory();
        var options = new BlockStoreOptions { MaxFileSize = 10_000, PreallocationChunk = 4096 };
        List<BlockIndexRow> rows;
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic, options))
        {
            rows = Blocks.AppendChain(store, 200);
            store.Commit(rows[^1].Hash);
        }
        File.Delete(dir.BlkFile(1));
        using var reopened = BlockStore.Open(dir.Path, Blocks.MainnetMagic, options);
        var inFile1 = rows.Where(r => r.Location.File == 1).Select(r => r.Hash).Order().ToArray();
        Assert.Equal(inFile1, reopened.Recovery.DroppedBlocks.Select(d => d.Hash).Order().ToArray());
        Assert.All(reopened.Recovery.DroppedBlocks, d => Assert.Equal(StorageError.FileMissing, d.Reason));
        Assert.False(reopened.Recovery.TipRolledBack); // the tip's own bytes are intact, in a later file
        AssertConsistent(reopened);
    }

    [Fact]
    public void Restart_keeps_every_row_and_the_tip()
    {
        using var dir = new TempDirectory();
        List<BlockIndexRow> rows;
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic))
        {
            rows = Blocks.AppendChain(store, 250);
            store.Commit(rows[199].Hash);
            rows.AddRange(Blocks.AppendChain(store, 189, first: 250));
            store.Commit(rows[^1].Hash);
        }
        using var reopened = BlockStore.Open(dir.Path, Blocks.MainnetMagic);
        Assert.True(reopened.Recovery.Clean);
        Assert.Equal(rows[^1].Hash, reopened.Tip);
        var loaded = new List<BlockIndexRow>();
        Assert.Equal(439, reopened.LoadAll((in BlockIndexRow row) => loaded.Add(row)));
        Assert.Equal(rows.OrderBy(r => r.Hash).ToList(), loaded.OrderBy(r => r.Hash).ToList());
        AssertConsistent(reopened);
    }
}
