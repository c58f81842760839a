using BenchmarkDotNet.Attributes;
using Node.Primitives;
using Node.Primitives.Blocks;
using Node.Primitives.Hashing;

namespace Node.Bench;

/// <summary>
/// Parsing and hashing real mainnet blocks: NBitcoin's Block.Load + hashes + merkle root against
/// the zero-copy scan. The structure walk reports GB/s as block bytes / time.
/// </summary>
[MemoryDiagnoser]
public class BlockParseBenchmarks
{
    private byte[] _block = [];
    private byte[] _txids = [];
    private byte[] _wtxids = [];
    private bool _segwit;

    [Params("mainnet-413567.raw", "mainnet-574200.raw")]
    public string File { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _block = BenchData.Bytes("blocks/" + File);
        if (!BlockScanner.TryScan(_block, default, default, out var shape, out var error))
            throw new InvalidOperationException($"{File}: {error}");
        _segwit = shape.HasWitness;
        _txids = new byte[shape.TxCount * 32];
        _wtxids = new byte[shape.TxCount * 32];
    }

    [Benchmark(Baseline = true)]
    public NBitcoin.uint256 NBitcoinLoadHashMerkle()
    {
        var block = NBitcoin.Block.Load(_block, NBitcoin.Network.Main);
        foreach (var tx in block.Transactions)
        {
            tx.GetHash();
            if (_segwit) tx.GetWitHash();
        }
        return block.GetMerkleRoot().Hash;
    }

    /// <summary>Every txid and wtxid, the merkle root and (on segwit blocks) the witness root.</summary>
    [Benchmark]
    public Hash256 ScanHashMerkle()
    {
        var shape = BlockScanner.Scan(_block, _txids, _wtxids);
        var root = Merkle.ComputeRoot(_txids, out _);
        if (shape.HasWitness) WitnessCommitment.ComputeWitnessRoot(_wtxids);
        return root;
    }

    [Benchmark]
    public int StructureWalk()
    {
        BlockScanner.TryScan(_block, default, default, out var shape, out _);
        return shape.Weight;
    }
}
