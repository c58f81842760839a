using BenchmarkDotNet.Attributes;
using Node.Chain.State;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Storage;

namespace Node.Bench;

/// <summary>
/// Start-up cost of the chain state with 1,000,000 stored header rows (a linked header chain on
/// mainnet genesis): the RocksDB scan, the height ordering and the block index rebuild (hash
/// table, skip list, chain work), then the best-chain file and candidate set.
/// </summary>
[MemoryDiagnoser]
public class ChainStateOpenBenchmarks
{
    private const int Headers = 1_000_000;
    private string _dir = "";

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "sharpnode-bench-chainstate-" + Guid.NewGuid().ToString("N"));
        ChainState.Open(_dir, ChainParams.Main).Dispose();

        using var store = BlockStore.Open(_dir, ChainParams.Main.Magic);
        var genesis = ChainParams.Main.GenesisHeader;
        var prev = ChainParams.Main.GenesisHash;
        var work = UInt256.Work(genesis.Bits);
        var chainWork = work;
        Span<byte> seed = stackalloc byte[32];
        for (int height = 1; height <= Headers; height++)
        {
            BitConverter.TryWriteBytes(seed, height);
            var header = new BlockHeader(1, prev, new Hash256(seed), genesis.Time + 600u * (uint)height, genesis.Bits, (uint)height);
            var hash = header.GetHash();
            chainWork += work;
            store.StageRow(new BlockIndexRow(hash, header, height, BlockStatus.HeaderValid, chainWork, BlockLocation.None, 0));
            if (height % 100_000 == 0) store.Commit(ChainParams.Main.GenesisHash);
            prev = hash;
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark]
    public long Scan_1M_rows()
    {
        using var store = BlockStore.Open(_dir, ChainParams.Main.Magic);
        return store.LoadAll(static (in BlockIndexRow _) => { });
    }

    [Benchmark]
    public int Load_1M_row_index()
    {
        using var store = BlockStore.Open(_dir, ChainParams.Main.Magic);
        return BlockIndexLoader.Load(store).Count;
    }

    [Benchmark]
    public int Open_with_1M_headers()
    {
        using var state = ChainState.Open(_dir, ChainParams.Main);
        return state.Index.Count;
    }
}
