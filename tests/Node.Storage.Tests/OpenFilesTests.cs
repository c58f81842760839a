namespace Node.Storage.Tests;

/// <summary>A chain of many block files is read without keeping a descriptor open for each file.</summary>
public class OpenFilesTests
{
    /// <summary>Descriptors this process holds open on block files (blk*.dat) in <paramref name="directory"/> (Linux: /proc/self/fd).</summary>
    private static int BlockFileDescriptors(string directory)
    {
        int count = 0;
        foreach (var fd in Directory.GetFiles("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && Path.GetDirectoryName(target) == directory
                    && Path.GetFileName(target).StartsWith("blk", StringComparison.Ordinal)) count++;
            }
            catch (IOException)
            {
                // closed while listed
            }
        }
        return count;
    }

    [Fact]
    public void Files_left_by_rollovers_are_closed_and_their_sizes_committed_by_the_next_commit()
    {
        using var dir = new TempDirectory();
        var options = new BlockStoreOptions { MaxFileSize = 600, PreallocationChunk = 512 };
        List<BlockIndexRow> rows;
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic, options))
        {
            rows = Blocks.AppendChain(store, 100);
            store.Commit(rows[^1].Hash);
            // The finished files were synced and closed in the background; the commit waited for them.
            Assert.Equal(1, BlockFileDescriptors(dir.BlocksDir));
        }
        int files = rows.Max(r => r.Location.File) + 1;
        Assert.True(files > 10, $"only {files} files");
        using var reopened = BlockStore.Open(dir.Path, Blocks.MainnetMagic, options);
        Assert.True(reopened.Recovery.Clean);
        for (int h = 0; h < rows.Count; h++) Assert.Equal(Blocks.Mainnet0To438[h], Blocks.Fetch(reopened, rows[h].Hash, out _));
    }

    [Fact]
    public void Reading_every_block_of_more_files_than_the_open_limit_keeps_at_most_the_limit_open()
    {
        using var dir = new TempDirectory();
        var options = new BlockStoreOptions { MaxFileSize = 600, PreallocationChunk = 512 };
        List<BlockIndexRow> rows;
        using (var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic, options))
        {
            rows = Blocks.AppendChain(store, Blocks.Mainnet0To438.Count);
            store.Commit(rows[^1].Hash);
        }
        int files = rows.Max(r => r.Location.File) + 1;
        Assert.True(files > 2 * BlockFileReader.MaxOpenFiles, $"only {files} files");

        // Opening checks every committed file's length; then every block is read, forward and back.
        using var reopened = BlockStore.Open(dir.Path, Blocks.MainnetMagic, options);
        Assert.True(reopened.Recovery.Clean);
        Assert.InRange(BlockFileDescriptors(dir.BlocksDir), 0, BlockFileReader.MaxOpenFiles + 1);
        foreach (int h in Enumerable.Range(0, rows.Count).Concat(Enumerable.Range(0, rows.Count).Reverse()))
        {
            Assert.Equal(Blocks.Mainnet0To438[h], Blocks.Fetch(reopened, rows[h].Hash, out var error));
            Assert.Equal(StorageError.None, error);
        }
        // The limit, and the writer's one file.
        Assert.InRange(BlockFileDescriptors(dir.BlocksDir), 1, BlockFileReader.MaxOpenFiles + 1);
    }
}
