using BenchmarkDotNet.Attributes;
using Node.Storage;

namespace Node.Bench.Storage;

/// <summary>
/// Appending real 1 MB blocks (mainnet 413567, 999,887 bytes) to the flat files, fsync every
/// <see cref="FlushEvery"/> blocks. One operation = one block; MB/s = 1 / mean(ms) * 1000.
/// </summary>
[MemoryDiagnoser]
public class StorageAppendBenchmarks
{
    private const int BlocksPerInvoke = 128;
    private byte[] _block = [];
    private BenchStoreDirectory? _dir;
    private BlockStore? _store;

    [Params(1, 16, 128)]
    public int FlushEvery { get; set; }

    [GlobalSetup]
    public void LoadBlock() => _block = BenchData.Bytes("blocks/mainnet-413567.raw");

    [IterationSetup]
    public void OpenEmptyStore()
    {
        _dir = new BenchStoreDirectory();
        _store = BlockStore.Open(_dir.Path, 0xD9B4BEF9);
    }

    [IterationCleanup]
    public void DropStore()
    {
        _store!.Dispose();
        _dir!.Dispose();
    }

    [Benchmark(OperationsPerInvoke = BlocksPerInvoke)]
    public long AppendBlock1MB()
    {
        long end = 0;
        for (int i = 1; i <= BlocksPerInvoke; i++)
        {
            end = _store!.AppendBlock(_block).Location.End;
            if (i % FlushEvery == 0) _store.Flush();
        }
        return end;
    }
}
