using BenchmarkDotNet.Attributes;
using Node.Chain.Fixtures;
using Node.Chain.Index;
using Node.Chain.View;
using Node.Primitives;

namespace Node.Bench.Chain;

/// <summary>Serving-side chain queries on a 1,000,001-header synthetic chain (tip at height 1,000,000).</summary>
[MemoryDiagnoser]
public class ChainViewBenchmarks
{
    private const int Tip = 1_000_000;
    private string _dir = "";
    private BlockIndex _index = null!;
    private ChainView _view = null!;
    private readonly Hash256[] _locator = new Hash256[ChainView.MaxLocatorSize];
    private Hash256[] _peerLocator = [];
    private readonly int[] _ids = new int[ChainView.MaxHeadersResults];
    private int _height;
    private readonly int[] _randomHeights = new int[HeightsPerInvoke];
    private const int HeightsPerInvoke = 1024;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("chainview-bench-").FullName;
        _index = new BlockIndex(Tip + 1);
        SyntheticChain.AddTo(_index, Tip + 1);
        _view = ChainView.Open(_dir, _index, _index.BestHeader);
        // A peer 2,000+ headers behind: its locator starts at height 900,000.
        int n = _view.GetLocator(_view.NodeByHeight(900_000), _locator);
        _peerLocator = _locator[..n];
        _height = 765_432;
        var rng = new Random(1);
        for (int i = 0; i < _randomHeights.Length; i++) _randomHeights[i] = rng.Next(Tip + 1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _view.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark]
    public int LocatorAtTip() => _view.GetLocator(_view.Tip, _locator);

    [Benchmark]
    public int LocateHeaders2000() => _view.LocateHeaders(_peerLocator, Hash256.Zero, _ids);

    [Benchmark]
    public int LocateBlocks500() => _view.LocateBlocks(_peerLocator, Hash256.Zero, _ids);

    /// <summary>Per lookup, at random heights (the 4 MB id array does not stay in cache).</summary>
    [Benchmark(OperationsPerInvoke = HeightsPerInvoke)]
    public int NodeByHeight()
    {
        int sum = 0;
        foreach (int h in _randomHeights) sum += _view.NodeByHeight(h);
        return sum;
    }

    [Benchmark]
    public bool Contains() => _view.Contains(_height);
}
