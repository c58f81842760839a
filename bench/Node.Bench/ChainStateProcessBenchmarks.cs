using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using Node.Chain.State;
using Node.Primitives;
using Node.Primitives.Consensus;

namespace Node.Bench;

/// <summary>
/// Real mainnet blocks 1..438 through a fresh chain state in order: CheckBlock, ContextualCheckBlock,
/// flat-file append, best-chain activation; the operation includes opening the state (genesis
/// stored) and the final synced commit.
/// </summary>
[MemoryDiagnoser]
public class ChainStateProcessBenchmarks
{
    private readonly List<byte[]> _blocks = [];
    private ChainStateOptions _options = new();

    [GlobalSetup]
    public void Setup()
    {
        var all = BenchData.Bytes("blocks/mainnet-0-438.blk");
        for (int pos = 0; pos + 8 <= all.Length;)
        {
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(all.AsSpan(pos + 4));
            _blocks.Add(all.AsSpan(pos + 8, length).ToArray());
            pos += 8 + length;
        }
        _options = new ChainStateOptions { MinimumChainWork = UInt256.Zero };
    }

    [Benchmark]
    public int Process_mainnet_blocks_1_to_438()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sharpnode-bench-process-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var state = ChainState.Open(dir, ChainParams.Main, _options);
            for (int h = 1; h < _blocks.Count; h++) state.ProcessBlock(_blocks[h]);
            return state.TipHeight;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
