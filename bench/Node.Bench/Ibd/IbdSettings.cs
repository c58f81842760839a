using System.Globalization;

namespace Node.Bench.Ibd;

/// <summary>What one IBD run syncs: the generated chain (seed, length, block size) and how many serving peers.</summary>
public sealed record IbdSettings
{
    public int Blocks { get; init; } = 1000;

    /// <summary>Target serialized block size; 0 means coinbase-only blocks.</summary>
    public int BlockSize { get; init; } = 1_000_000;

    public int Peers { get; init; } = 1;

    public ulong Seed { get; init; } = 1;

    /// <summary>Where the chain and the serving data directories are cached.</summary>
    public string CacheRoot { get; init; } = DefaultCacheRoot();

    public bool CoinbaseOnly => BlockSize == 0;

    /// <summary>The cache key: equal keys are byte-identical chains.</summary>
    public string ChainKey => $"regtest-s{Seed}-n{Blocks}-b{BlockSize}";

    /// <summary>Reads <c>--blocks N --blocksize B --peers K --seed S --cache DIR</c> (each optional).</summary>
    public static IbdSettings Parse(ReadOnlySpan<string> args)
    {
        var settings = new IbdSettings();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Length) throw new ArgumentException($"{name} needs a value");
            string value = args[++i];
            settings = name switch
            {
                "--blocks" => settings with { Blocks = PositiveInt(name, value) },
                "--blocksize" => settings with { BlockSize = int.Parse(value, CultureInfo.InvariantCulture) },
                "--peers" => settings with { Peers = PositiveInt(name, value) },
                "--seed" => settings with { Seed = ulong.Parse(value, CultureInfo.InvariantCulture) },
                "--cache" => settings with { CacheRoot = value },
                _ => throw new ArgumentException($"unknown option {name} (--blocks, --blocksize, --peers, --seed, --cache)"),
            };
        }
        return settings;
    }

    /// <summary>The same settings as command-line arguments, for a child process.</summary>
    public string[] ToArgs() =>
    [
        "--blocks", Blocks.ToString(CultureInfo.InvariantCulture),
        "--blocksize", BlockSize.ToString(CultureInfo.InvariantCulture),
        "--peers", Peers.ToString(CultureInfo.InvariantCulture),
        "--seed", Seed.ToString(CultureInfo.InvariantCulture),
        "--cache", CacheRoot,
    ];

    private static int PositiveInt(string name, string value)
    {
        int n = int.Parse(value, CultureInfo.InvariantCulture);
        return n > 0 ? n : throw new ArgumentException($"{name} must be positive");
    }

    private static string DefaultCacheRoot()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var root = string.IsNullOrEmpty(home) ? Path.GetTempPath() : Path.Combine(home, ".cache");
        return Path.Combine(root, "sharpnode", "ibd");
    }
}
