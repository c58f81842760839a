using System.Globalization;
using Node.Chain.Validation;
using Node.Primitives;
using Node.Primitives.Consensus;
using Node.Tests;

namespace Node.Chain.Tests.Validation;

/// <summary>Readers for the real header files in ../shared/data/headers.</summary>
internal static class HeaderData
{
    /// <summary>An .hdr file: consecutive 80-byte headers.</summary>
    public static byte[][] Hdr(string name)
    {
        var all = TestData.Bytes("headers/" + name);
        Assert.Equal(0, all.Length % BlockHeader.Size);
        return all.Chunk(BlockHeader.Size).ToArray();
    }

    /// <summary>`height hex` lines after the # comments.</summary>
    public static List<(int Height, string Hex)> HeightLines(string name) =>
        File.ReadLines(TestData.PathOf("headers/" + name))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split(' '))
            .Select(p => (int.Parse(p[0], CultureInfo.InvariantCulture), p[1]))
            .ToList();

    public static Dictionary<int, byte[]> RetargetBoundaries() =>
        HeightLines("mainnet-retarget-boundaries.txt").ToDictionary(l => l.Height, l => Convert.FromHexString(l.Hex));

    public static Dictionary<int, UInt256> RetargetChainwork() =>
        HeightLines("mainnet-retarget-chainwork.txt").ToDictionary(l => l.Height, l => UInt256.Parse(l.Hex));

    /// <summary>Testnet3 headers 1..546 in order, and the fork headers (lines starting "fork:").</summary>
    public static (List<byte[]> Main, List<byte[]> Fork) Testnet3()
    {
        var main = new List<byte[]>();
        var fork = new List<byte[]>();
        foreach (var line in File.ReadLines(TestData.PathOf("headers/testnet3-1-546.hex")))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.StartsWith("fork:", StringComparison.Ordinal)) fork.Add(Convert.FromHexString(line["fork:".Length..]));
            else main.Add(Convert.FromHexString(line));
        }
        return (main, fork);
    }

    /// <summary>An ancestry holding the given raw headers, the first at <paramref name="baseHeight"/>.</summary>
    public static ArrayHeaderAncestry Ancestry(int baseHeight, IEnumerable<byte[]> raws)
    {
        var a = new ArrayHeaderAncestry(baseHeight);
        foreach (var raw in raws) a.Append(BlockHeader.Read(raw), BlockHeader.HashOf(raw));
        return a;
    }

    /// <summary>Height of the highest checkpoint at or below <paramref name="tipHeight"/>, or -1.</summary>
    public static int LastCheckpointAtOrBelow(ChainParams p, int tipHeight) =>
        p.Checkpoints.Where(c => c.Height <= tipHeight).Select(c => c.Height).DefaultIfEmpty(-1).Max();
}
