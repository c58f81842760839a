using System.Buffers;

namespace Node.Storage.Tests;

public class ConcurrencyTests
{
    [Fact]
    public void Readers_fetch_committed_blocks_while_the_writer_appends_rolls_over_and_commits()
    {
        using var dir = new TempDirectory();
        var options = new BlockStoreOptions { MaxFileSize = 16_000, PreallocationChunk = 4096 };
        using var store = BlockStore.Open(dir.Path, Blocks.MainnetMagic, options);
        var first = Blocks.AppendChain(store, 100);
        store.Commit(first[^1].Hash);

        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(seed => Task.Run(() =>
        {
            var random = new Random(seed);
            var writer = new ArrayBufferWriter<byte>();
            int reads = 0;
            while (!stop.IsCancellationRequested || reads < 200)
            {
                var row = first[random.Next(first.Count)];
                writer.ResetWrittenCount();
                var error = store.FetchBlock(row.Hash, writer);
                if (error != StorageError.None) throw new InvalidOperationException($"{error} at height {row.Height}");
                if (!writer.WrittenSpan.SequenceEqual(Blocks.Mainnet0To438[row.Height])) throw new InvalidOperationException($"wrong bytes at height {row.Height}");
                reads++;
            }
            return reads;
        })).ToArray();

        for (int h = 100; h < 439; h += 20)
        {
            var rows = Blocks.AppendChain(store, Math.Min(20, 439 - h), first: h);
            store.Commit(rows[^1].Hash);
        }
        stop.Cancel();
        Assert.All(readers, r => Assert.True(r.Result >= 200));

        long loaded = store.LoadAll((in BlockIndexRow _) => { });
        Assert.Equal(439, loaded);
    }
}
