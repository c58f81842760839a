using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Node.Primitives;
using Node.Primitives.Hashing;

namespace Node.Bench;

/// <summary>
/// Merkle root of 4,096 txids. Every row first copies the leaves into the same scratch buffer and
/// then reduces it level by level in place; they differ only in how a level's pairs are hashed.
/// </summary>
[MemoryDiagnoser]
public class MerkleBenchmarks
{
    private const int Leaves = 4096;
    private byte[] _txids = null!;
    private byte[] _scratch = null!;

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine($"// Sha256.Implementation = {Sha256.Implementation}");
        _txids = new byte[Leaves * 32];
        new Random(3).NextBytes(_txids);
        _scratch = new byte[Leaves * 32];
    }

    /// <summary>The same level loop as Merkle.ComputeRoot (4,096 is a power of two: no odd levels).</summary>
    private Hash256 RootPairByPair(Action<byte[], int> hashPair)
    {
        _txids.CopyTo(_scratch, 0);
        for (int count = Leaves; count > 1; count /= 2)
            for (int i = 0; i < count / 2; i++) hashPair(_scratch, i);
        return new Hash256(_scratch.AsSpan(0, 32));
    }

    private static void PlatformPair(byte[] level, int i)
    {
        Span<byte> first = stackalloc byte[32];
        SHA256.HashData(level.AsSpan(i * 64, 64), first);
        SHA256.HashData(first, level.AsSpan(i * 32, 32));
    }

    private static void Sha256Pair(byte[] level, int i) => Sha256.DoubleHash(level.AsSpan(i * 64, 64), level.AsSpan(i * 32, 32));

    [Benchmark(Baseline = true)]
    public Hash256 Platform_pair_by_pair() => RootPairByPair(PlatformPair);

    [Benchmark]
    public Hash256 Sha256_pair_by_pair() => RootPairByPair(Sha256Pair);

    [Benchmark]
    public Hash256 Merkle_ComputeRoot()
    {
        _txids.CopyTo(_scratch, 0);
        return Merkle.ComputeRoot(_scratch, out _);
    }
}
