using Node.Chain.Index;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Tests;

namespace Node.Sync.Tests.Headers;

/// <summary>The real testnet3 headers 1..546 and the two fork headers off testnet3 genesis.</summary>
internal static class Testnet3Headers
{
    private static readonly Lazy<(BlockHeader[] Main, BlockHeader[] Fork)> All = new(Load);

    /// <summary>Headers 1..546; index i is height i + 1.</summary>
    public static BlockHeader[] Main => All.Value.Main;

    public static BlockHeader[] Fork => All.Value.Fork;

    public static BlockIndex GenesisIndex()
    {
        var index = new BlockIndex();
        index.Add(ChainParams.Testnet3.GenesisHeader, ChainParams.Testnet3.GenesisHash);
        return index;
    }

    private static (BlockHeader[], BlockHeader[]) Load()
    {
        var main = new List<BlockHeader>();
        var fork = new List<BlockHeader>();
        foreach (var line in File.ReadLines(TestData.PathOf("headers/testnet3-1-546.hex")))
        {
            if (line.Length == 0) continue;
            bool isFork = line.StartsWith("fork:", StringComparison.Ordinal);
            var header = BlockHeader.Read(Convert.FromHexString(isFork ? line[5..] : line));
            (isFork ? fork : main).Add(header);
        }
        return ([.. main], [.. fork]);
    }
}
