using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Node.Primitives;
using Node.Primitives.Hashing;

namespace Node.Bench;

/// <summary>
/// SHA-256 per input shape: the platform (System.Security.Cryptography) is each group's baseline,
/// then the managed fallback and whatever <see cref="Sha256"/> dispatches to (printed at setup).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class Sha256Benchmarks
{
    private byte[] _header = null!;
    private byte[] _block64 = null!;
    private byte[] _megabyte = null!;
    private readonly byte[] _out = new byte[32];

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine($"// Sha256.Implementation = {Sha256.Implementation}");
        // Mainnet header 10000, a real 80-byte input.
        _header = BenchData.Bytes("headers/mainnet-0-10236.hdr").AsSpan(10_000 * 80, 80).ToArray();
        _block64 = new byte[64];
        _megabyte = new byte[1 << 20];
        new Random(1).NextBytes(_block64);
        new Random(2).NextBytes(_megabyte);
    }

    private Hash256 PlatformDouble(ReadOnlySpan<byte> data)
    {
        Span<byte> first = stackalloc byte[32];
        SHA256.HashData(data, first);
        SHA256.HashData(first, _out);
        return new Hash256(_out);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Header80 double")]
    public Hash256 Header80_Platform() => PlatformDouble(_header);

    [Benchmark, BenchmarkCategory("Header80 double")]
    public Hash256 Header80_Managed() => Sha256Managed.DoubleHash(_header);

    [Benchmark, BenchmarkCategory("Header80 double")]
    public Hash256 Header80_Sha256() => Sha256.DoubleHash(_header);

    [Benchmark(Baseline = true), BenchmarkCategory("64 bytes double")]
    public Hash256 Pair64_Platform() => PlatformDouble(_block64);

    [Benchmark, BenchmarkCategory("64 bytes double")]
    public Hash256 Pair64_Managed() => Sha256Managed.DoubleHash(_block64);

    [Benchmark, BenchmarkCategory("64 bytes double")]
    public Hash256 Pair64_Sha256() => Sha256.DoubleHash(_block64);

    [Benchmark(Baseline = true), BenchmarkCategory("1 MB single")]
    public int Megabyte_Platform() => SHA256.HashData(_megabyte, _out);

    [Benchmark, BenchmarkCategory("1 MB single")]
    public void Megabyte_Managed() => Sha256Managed.Hash(_megabyte, _out);

    [Benchmark, BenchmarkCategory("1 MB single")]
    public void Megabyte_Sha256() => Sha256.Hash(_megabyte, _out);
}
