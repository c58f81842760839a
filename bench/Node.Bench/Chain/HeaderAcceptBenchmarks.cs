using BenchmarkDotNet.Attributes;
using Node.Chain.Mining;
using Node.Chain.State;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Bench.Chain;

/// <summary>
/// A fresh chain state accepting 10,000 headers (on genesis) as the sync core receives them: decoded, with their
/// hashes. Two chains: the real mainnet headers 1..10,000, and a generated coinbase-only regtest chain, whose
/// min-difficulty rule walks back over the blocks at the pow limit. Per header: proof of work, parent,
/// contextual rules (required nBits, median time past, version), index insert. The baseline takes them one at a
/// time through AcceptHeader; the other as messages of 2,000 through AcceptHeaders.
/// </summary>
[MemoryDiagnoser]
public class HeaderAcceptBenchmarks
{
    private const int Count = 10_000;
    private const int PerMessage = 2_000;
    private readonly BlockHeader[] _headers = new BlockHeader[Count];
    private readonly Hash256[] _hashes = new Hash256[Count];
    private ChainParams _params = ChainParams.Main;
    private string _dir = "";
    private ChainState _state = null!;

    [Params("mainnet", "regtest")]
    public string Chain { get; set; } = "mainnet";

    [GlobalSetup]
    public void Setup()
    {
        if (Chain == "mainnet")
        {
            var raw = BenchData.Bytes("headers/mainnet-0-10236.hdr");
            for (int i = 0; i < Count; i++)
            {
                var record = raw.AsSpan((i + 1) * BlockHeader.Size, BlockHeader.Size);
                _headers[i] = BlockHeader.Read(record);
                _hashes[i] = BlockHeader.HashOf(record);
            }
            _params = ChainParams.Main;
            return;
        }
        var generator = new RegtestChainGenerator(new ChainGeneratorOptions { CoinbaseOnly = true });
        for (int i = 0; i < Count; i++)
        {
            var block = generator.Next();
            _headers[i] = block.Header;
            _hashes[i] = block.Hash;
        }
        _params = ChainParams.Regtest;
    }

    [IterationSetup]
    public void OpenState()
    {
        _dir = Path.Combine(Path.GetTempPath(), "sharpnode-bench-headers-" + Guid.NewGuid().ToString("N"));
        _state = ChainState.Open(_dir, _params, new ChainStateOptions { MinimumChainWork = UInt256.Zero });
    }

    [IterationCleanup]
    public void CloseState()
    {
        _state.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public int OneAtATime()
    {
        int last = 0;
        for (int i = 0; i < Count; i++) last = _state.AcceptHeader(_headers[i], _hashes[i]).Id;
        return last;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int MessagesOf2000()
    {
        int last = 0;
        for (int at = 0; at < Count; at += PerMessage)
            last = _state.AcceptHeaders(_headers.AsSpan(at, PerMessage), _hashes.AsSpan(at, PerMessage), out _).Id;
        return last;
    }
}
