using BenchmarkDotNet.Attributes;
using Node.Chain.Mining;
using Node.Primitives.Hashing;

namespace Node.Bench;

/// <summary>
/// Generating full regtest blocks (default 1 MB target, about 5,000 transactions each) after a warm-up
/// chain past coinbase maturity. One operation is one block of about 1 MB, so MB/s is roughly
/// 1 / mean in seconds; the generator keeps going from its tip across invocations, in steady state.
/// </summary>
[MemoryDiagnoser]
public class ChainGeneratorBenchmarks
{
    private const int BlocksPerInvoke = 20;
    private RegtestChainGenerator _generator = null!;
    private long _bytes;
    private int _blocks;

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine($"// Sha256.Implementation = {Sha256.Implementation}");
        _generator = new RegtestChainGenerator();
        _generator.Generate(110, _ => { });
    }

    [GlobalCleanup]
    public void Cleanup() =>
        Console.WriteLine($"// generated {_blocks} blocks, {_bytes / (double)_blocks / 1e6:F3} MB per block on average");

    [Benchmark(OperationsPerInvoke = BlocksPerInvoke)]
    public long Generate_1MB_blocks()
    {
        long bytes = 0;
        for (int i = 0; i < BlocksPerInvoke; i++) bytes += _generator.Next().Bytes.Length;
        _bytes += bytes;
        _blocks += BlocksPerInvoke;
        return bytes;
    }
}
