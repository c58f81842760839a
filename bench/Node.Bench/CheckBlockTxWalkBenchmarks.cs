using BenchmarkDotNet.Attributes;
using Node.Chain.Validation;
using Node.Primitives.Blocks;

namespace Node.Bench;

/// <summary>
/// The per-transaction context-free checks of CheckBlock alone, without hashing: the block scan that only
/// decodes (baseline) against the same scan handing each transaction to CheckBlock's checks. The difference
/// is what CheckTransaction, the legacy sigops and the lock time summary cost on top of the parse.
/// </summary>
[MemoryDiagnoser]
public class CheckBlockTxWalkBenchmarks
{
    private readonly BlockCheckScratch _scratch = new();
    private byte[] _block = [];

    [Params(BenchData.Regtest1MB, "mainnet-413567.raw", "mainnet-574200.raw")]
    public string Block { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _block = BenchData.Block(Block, out _);
        BlockValidator.CheckBlock(_block, out _).ThrowIfInvalid();
    }

    [Benchmark(Baseline = true)]
    public int ScanOnly() => BlockScanner.TryScan(_block, default, default, out var shape, out _) ? shape.TxCount : -1;

    [Benchmark]
    public long ScanWithTxChecks()
    {
        var checks = new BlockTxChecks(_scratch);
        BlockScanner.TryScan(_block, default, default, ref checks, out _, out _);
        return checks.SigOps;
    }
}
