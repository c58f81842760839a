using BenchmarkDotNet.Attributes;
using Node.Chain.Validation;
using Node.Primitives.Blocks;
using Node.Primitives.Consensus;

namespace Node.Bench;

/// <summary>
/// CheckBlock and ContextualCheckBlock on real blocks. The baseline is the hashing floor: one scan
/// writing every txid and wtxid, which CheckBlock includes.
/// </summary>
[MemoryDiagnoser]
public class BlockValidationBenchmarks
{
    private byte[] _block = [];
    private byte[] _txids = [];
    private byte[] _wtxids = [];
    private int _height;
    private CheckedBlock _checked;

    [Params("mainnet-413567.raw", "mainnet-574200.raw")]
    public string Block { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _block = BenchData.Bytes("blocks/" + Block);
        _height = int.Parse(Block.AsSpan(8, 6), provider: System.Globalization.CultureInfo.InvariantCulture);
        BlockScanner.TryReadTxCount(_block, out int count, out _);
        _txids = new byte[count * 32];
        _wtxids = new byte[count * 32];
        BlockValidator.CheckBlock(_block, out _checked).ThrowIfInvalid();
        BlockValidator.ContextualCheckBlock(_block, _checked, _height, 0, ChainParams.Main).ThrowIfInvalid();
    }

    [Benchmark(Baseline = true)]
    public int ScanHashesOnly() => BlockScanner.Scan(_block, _txids, _wtxids).TxCount;

    [Benchmark]
    public bool CheckBlock() => BlockValidator.CheckBlock(_block, out _).IsValid;

    [Benchmark]
    public bool ContextualCheckBlock() => BlockValidator.ContextualCheckBlock(_block, _checked, _height, 0, ChainParams.Main).IsValid;
}
