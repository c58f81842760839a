using Node.Chain.Mining;

namespace Node.Bench;

/// <summary>Finds ../shared/data beside the repository (benchmarks run from deep inside bin/).</summary>
internal static class BenchData
{
    /// <summary>The <see cref="Block"/> name of the generated regtest block (see <see cref="RegtestFullBlock"/>).</summary>
    public const string Regtest1MB = "regtest-1MB";

    public static string PathOf(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Node.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", relative));
        }
        throw new FileNotFoundException("Node.sln not found above " + AppContext.BaseDirectory);
    }

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    /// <summary>
    /// Block 120 of the default seeded regtest chain: a full ~1 MB block of about 5,000 small P2WSH
    /// spends, the shape the IBD benchmark syncs. Its height is <see cref="RegtestFullBlockHeight"/>.
    /// </summary>
    public static byte[] RegtestFullBlock()
    {
        var generator = new RegtestChainGenerator();
        byte[] bytes = [];
        generator.Generate(RegtestFullBlockHeight, b => bytes = b.Bytes.ToArray());
        return bytes;
    }

    public const int RegtestFullBlockHeight = 120;

    /// <summary>A named block: <see cref="Regtest1MB"/>, or a file under blocks/ named mainnet-HEIGHT.raw.</summary>
    public static byte[] Block(string name, out int height)
    {
        if (name == Regtest1MB)
        {
            height = RegtestFullBlockHeight;
            return RegtestFullBlock();
        }
        height = int.Parse(name.AsSpan(8, 6), provider: System.Globalization.CultureInfo.InvariantCulture);
        return Bytes("blocks/" + name);
    }
}
