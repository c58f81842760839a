using BenchmarkDotNet.Attributes;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Bench;

/// <summary>
/// Validating the 10,237 real mainnet headers 0..10236 (per header: decode, double SHA-256,
/// proof of work, link, required nBits, checkpoints, median time, version) against an array ancestry.
/// </summary>
[MemoryDiagnoser]
public class HeaderValidationBenchmarks
{
    private const int Headers = 10236; // validated: heights 1..10236 on top of genesis
    private byte[] _raw = [];
    private byte[][] _rawEach = [];
    private ArrayHeaderAncestry _chain = null!;
    private HeaderValidator _validator = null!;
    private long _now;

    [GlobalSetup]
    public void Setup()
    {
        _raw = BenchData.Bytes("headers/mainnet-0-10236.hdr");
        if (_raw.Length != (Headers + 1) * BlockHeader.Size) throw new InvalidDataException("expected 10,237 headers");
        _rawEach = _raw.Chunk(BlockHeader.Size).ToArray();
        _validator = new HeaderValidator(ChainParams.Main);
        _chain = ArrayHeaderAncestry.FromGenesis(ChainParams.Main, Headers + 1);
        _now = BlockHeader.Read(_raw.AsSpan(Headers * BlockHeader.Size)).Time;
    }

    [Benchmark(OperationsPerInvoke = Headers)]
    public int ValidateAll()
    {
        _chain.TruncateTo(0);
        ReadOnlySpan<byte> all = _raw;
        for (int h = 1; h <= Headers; h++)
        {
            var result = _validator.Validate(all.Slice(h * BlockHeader.Size, BlockHeader.Size), _chain, _now, -1, out var header, out var hash);
            if (!result.IsValid) throw new InvalidOperationException(result.ToString());
            _chain.Append(header, hash);
        }
        return _chain.Height;
    }

    [Benchmark(OperationsPerInvoke = Headers)]
    public int ProofOfWorkOnly()
    {
        ReadOnlySpan<byte> all = _raw;
        int valid = 0;
        for (int h = 1; h <= Headers; h++)
        {
            var raw = all.Slice(h * BlockHeader.Size, BlockHeader.Size);
            if (_validator.CheckProofOfWork(BlockHeader.Read(raw), BlockHeader.HashOf(raw)).IsValid) valid++;
        }
        return valid;
    }

    /// <summary>The same proof-of-work check in NBitcoin, from one byte[] per header.</summary>
    [Benchmark(OperationsPerInvoke = Headers, Baseline = true)]
    public int NBitcoinProofOfWork()
    {
        int valid = 0;
        for (int h = 1; h <= Headers; h++)
        {
            var header = NBitcoin.Network.Main.Consensus.ConsensusFactory.CreateBlockHeader();
            header.ReadWrite(new NBitcoin.BitcoinStream(_rawEach[h]));
            if (header.CheckProofOfWork()) valid++;
        }
        return valid;
    }
}
