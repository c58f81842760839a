using BenchmarkDotNet.Attributes;
using Node.Chain.Fixtures;
using Node.Chain.Index;
using Node.Primitives;

namespace Node.Bench.Chain;

/// <summary>Building a 1,000,000-header index, and lookups in it.</summary>
[MemoryDiagnoser]
public class BlockIndexBenchmarks
{
    private const int Count = 1_000_000;
    private BlockHeader[] _headers = [];
    private Hash256[] _hashes = [];
    private BlockIndex _built = null!;
    private Hash256 _known, _unknown;

    [GlobalSetup]
    public void Setup()
    {
        _headers = new BlockHeader[Count];
        _hashes = new Hash256[Count];
        var prev = Hash256.Zero;
        for (int n = 0; n < Count; n++)
        {
            _hashes[n] = SyntheticChain.Hash((ulong)n);
            _headers[n] = SyntheticChain.Header(n, prev);
            prev = _hashes[n];
        }
        _built = Build(0);
        _known = _hashes[654_321];
        _unknown = SyntheticChain.Hash(Count + 17);
    }

    /// <summary>Inserting 1,000,000 linked headers into an empty index (hash table grown on the way).</summary>
    [Benchmark]
    public BlockIndex Build1M() => Build(0);

    /// <summary>The same with the table sized up front, as a node that knows its header count does.</summary>
    [Benchmark]
    public BlockIndex Build1MPresized() => Build(Count);

    [Benchmark]
    public int TryGetKnown() => _built.TryGet(_known, out int id) ? id : -1;

    [Benchmark]
    public int TryGetUnknown() => _built.TryGet(_unknown, out int id) ? id : -1;

    [Benchmark]
    public int GetAncestorFromTip() => _built.GetAncestor(Count - 1, 123_457);

    private BlockIndex Build(int expected)
    {
        var index = new BlockIndex(expected);
        for (int n = 0; n < Count; n++) index.Add(_headers[n], _hashes[n]);
        return index;
    }
}
