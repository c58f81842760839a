using BenchmarkDotNet.Attributes;
using Node.Primitives;
using Node.Storage;

namespace Node.Bench.Storage;

/// <summary>
/// Start-up load of a 1,000,000-row block index (a synthetic header chain with real hashes),
/// after a restart, streaming every row through LoadAll; with the index tables uncompressed
/// and LZ4-compressed.
/// </summary>
[MemoryDiagnoser]
public class StorageIndexLoadBenchmarks
{
    private const int Rows = 1_000_000;
    private BenchStoreDirectory? _dir;
    private BlockStore? _store;

    [Params(false, true)]
    public bool CompressIndex { get; set; }

    [GlobalSetup]
    public void BuildIndex()
    {
        var options = new BlockStoreOptions { CompressIndex = CompressIndex };
        _dir = new BenchStoreDirectory();
        var template = BlockHeader.Read(BenchData.Bytes("blocks/mainnet-413567.raw"));
        using (var store = BlockStore.Open(_dir.Path, 0xD9B4BEF9, options))
        {
            var prev = Hash256.Zero;
            Span<byte> work = stackalloc byte[32];
            for (int height = 0; height < Rows; height++)
            {
                var header = template with { PrevBlock = prev, Nonce = (uint)height, Time = template.Time + (uint)height };
                var hash = header.GetHash();
                BitConverter.TryWriteBytes(work, (ulong)height * 0x100010001UL);
                var location = new BlockLocation(height / 128, (uint)(height % 128) * 1_000_008 + 8, 1_000_000);
                store.StageRow(new BlockIndexRow(hash, header, height, BlockStatus.FullyValidated | BlockStatus.DataStored,
                    UInt256.FromLittleEndian(work), location, (ulong)height * 0x9E3779B97F4A7C15UL));
                if (height % 50_000 == 49_999) store.Commit(Hash256.Zero); // no tip: these rows point at no real bytes
                prev = hash;
            }
        }
        _store = BlockStore.Open(_dir.Path, 0xD9B4BEF9, options);
    }

    [GlobalCleanup]
    public void DropIndex()
    {
        _store!.Dispose();
        _dir!.Dispose();
    }

    [Benchmark]
    public long LoadAll1MRows()
    {
        long heights = 0;
        long count = _store!.LoadAll((in BlockIndexRow row) => heights += row.Height);
        if (count != Rows) throw new InvalidOperationException($"loaded {count} rows");
        return heights;
    }
}
