using BenchmarkDotNet.Attributes;
using Node.Chain.Validation;
using Node.Wire;

namespace Node.Bench;

/// <summary>
/// A received large block's message checksum and context-free checks, on a generated 1 MB regtest block. Baseline:
/// the checksum hashed single-stream (as the frame reader does), then CheckBlock; against: CheckBlock hashing the
/// whole block as one more job in the batch of its transaction ids.
/// </summary>
[MemoryDiagnoser]
public class BlockChecksumBenchmarks
{
    private byte[] _block = [];
    private readonly byte[] _blockHash = new byte[32];
    private uint _checksum;

    [GlobalSetup]
    public void Setup()
    {
        _block = BenchData.Block(BenchData.Regtest1MB, out _);
        _checksum = FrameReader.Checksum(_block);
        Console.WriteLine($"// {BenchData.Regtest1MB}: {_block.Length:N0} bytes");
        BlockValidator.CheckBlock(_block, out _).ThrowIfInvalid();
    }

    [Benchmark(Baseline = true)]
    public bool ChecksumThenCheckBlock() =>
        FrameReader.Checksum(_block) == _checksum && BlockValidator.CheckBlock(_block, out _).IsValid;

    [Benchmark]
    public bool CheckBlockWithChecksumInBatch() =>
        BlockValidator.CheckBlock(_block, _blockHash, out _).IsValid
        && System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_blockHash) == _checksum;
}
