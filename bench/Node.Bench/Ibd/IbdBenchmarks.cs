using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Node.Bench.Ibd;

/// <summary>
/// A whole initial block download per operation, from one or three serving nodes in one child process. The chain is
/// the cached 1 MB-block chain; its length comes from SHARPNODE_IBD_BLOCKS (default 300). BenchmarkDotNet shows the
/// time and allocations per sync; the <c>ibd</c> console mode reports MB/s, GC generations and peak RSS.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class IbdBenchmarks
{
    private IbdSettings _settings = null!;
    private ServingPeers? _peers;
    private string _syncDir = "";
    private long _chainBytes;
    private Node.Primitives.Hash256 _tip;

    [Params(1, 3)]
    public int Peers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var blocks = Environment.GetEnvironmentVariable("SHARPNODE_IBD_BLOCKS");
        _settings = new IbdSettings { Blocks = string.IsNullOrEmpty(blocks) ? 300 : int.Parse(blocks, System.Globalization.CultureInfo.InvariantCulture), Peers = Peers };
        var cache = IbdRun.Prepare(_settings, Console.Out);
        _chainBytes = cache.EnsureBlkFile(Console.Out);
        _tip = cache.TipHash();
        _peers = ServingPeers.Start(_settings, _tip);
    }

    [IterationSetup]
    public void NewSyncDirectory() => _syncDir = Path.Combine(Path.GetTempPath(), "sharpnode-ibd-" + Guid.NewGuid().ToString("N"));

    [Benchmark]
    public IbdResult Sync() => IbdRun.Measure(_settings, _chainBytes, _syncDir, _peers!.Addresses);

    [IterationCleanup]
    public void CheckAndDelete()
    {
        try
        {
            SyncCheck.VerifyAgainstChainFile(_syncDir, new ChainCache(_settings), _tip, _settings.Blocks);
        }
        finally
        {
            Directory.Delete(_syncDir, recursive: true);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _peers?.Dispose();
}
