using System.Numerics;
using BenchmarkDotNet.Attributes;
using Node.Primitives;

namespace Node.Bench;

/// <summary>
/// Block work (Core's GetBlockProof) for the nBits of the 827 real mainnet retarget-boundary
/// headers, summed as chainwork; BigInteger as the baseline.
/// </summary>
[MemoryDiagnoser]
public class ChainWorkBenchmarks
{
    private uint[] _bits = [];

    [GlobalSetup]
    public void Setup()
    {
        _bits = File.ReadLines(BenchData.PathOf("headers/mainnet-retarget-boundaries.txt"))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => BlockHeader.Read(Convert.FromHexString(l.Split(' ')[1])).Bits)
            .ToArray();
    }

    [Benchmark(OperationsPerInvoke = 827)]
    public UInt256 UInt256Work()
    {
        var sum = UInt256.Zero;
        foreach (uint bits in _bits) sum += UInt256.Work(bits);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = 827, Baseline = true)]
    public BigInteger BigIntegerWork()
    {
        var sum = BigInteger.Zero;
        var twoTo256 = BigInteger.One << 256;
        foreach (uint bits in _bits)
        {
            var target = new BigInteger(bits & 0x007fffff) << (8 * ((int)(bits >> 24) - 3));
            sum += twoTo256 / (target + 1);
        }
        return sum;
    }
}
