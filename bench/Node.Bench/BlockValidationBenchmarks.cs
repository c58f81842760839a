using BenchmarkDotNet.Attributes;
using Node.Chain.Validation;
using Node.Primitives.Blocks;
using Node.Primitives.Consensus;

namespace Node.Bench;

/// <summary>
/// CheckBlock and ContextualCheckBlock on real blocks and a generated full regtest block. The
/// baseline is the hashing floor: one scan writing every txid and wtxid, which CheckBlock includes.
/// </summary>
[MemoryDiagnoser]
public class BlockValidationBenchmarks
{
    private byte[] _block = [];
    private byte[] _txids = [];
    private byte[] _wtxids = [];
    private int _height;
    private CheckedBlock _checked;

    private ChainParams _params = ChainParams.Main;

    [Params(BenchData.Regtest1MB, "mainnet-413567.raw", "mainnet-574200.raw")]
    public string Block { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _block = BenchData.Block(Block, out _height);
        _params = Block == BenchData.Regtest1MB ? ChainParams.Regtest : ChainParams.Main;
        BlockScanner.TryReadTxCount(_block, out int count, out _);
        Console.WriteLine($"// {Block}: {_block.Length:N0} bytes, {count:N0} transactions");
        _txids = new byte[count * 32];
        _wtxids = new byte[count * 32];
        BlockValidator.CheckBlock(_block, out _checked).ThrowIfInvalid();
        BlockValidator.ContextualCheckBlock(_block, _checked, _height, 0, _params).ThrowIfInvalid();
    }

    [Benchmark(Baseline = true)]
    public int ScanHashesOnly() => BlockScanner.Scan(_block, _txids, _wtxids).TxCount;

    [Benchmark]
    public bool CheckBlock() => BlockValidator.CheckBlock(_block, out _).IsValid;

    [Benchmark]
    public bool ContextualCheckBlock() => BlockValidator.ContextualCheckBlock(_block, _checked, _height, 0, _params).IsValid;
}
