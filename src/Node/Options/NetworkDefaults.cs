using Node.Primitives.Consensus;

namespace Node.Options;

/// <summary>
/// What Bitcoin Core keeps in its base chain parameters and ChainParams does not: the data
/// subdirectory and the RPC port of each network.
/// </summary>
public static class NetworkDefaults
{
    /// <summary>Subdirectory of the data directory; empty for main, which uses the root.</summary>
    public static string DataSubdirectory(ChainType chain) => chain switch
    {
        ChainType.Main => "",
        ChainType.Testnet3 => "testnet3",
        ChainType.Testnet4 => "testnet4",
        ChainType.Signet => "signet",
        ChainType.Regtest => "regtest",
        _ => throw new ArgumentOutOfRangeException(nameof(chain)),
    };

    public static int RpcPort(ChainType chain) => chain switch
    {
        ChainType.Main => 8332,
        ChainType.Testnet3 => 18332,
        ChainType.Testnet4 => 48332,
        ChainType.Signet => 38332,
        ChainType.Regtest => 18443,
        _ => throw new ArgumentOutOfRangeException(nameof(chain)),
    };

    /// <summary>Core's per-network help wording: "8333, testnet3: 18333, …".</summary>
    public static string PerNetwork(Func<ChainParams, string> value) =>
        string.Join(", ", ChainParams.All.Select(p => p.Type == ChainType.Main ? value(p) : $"{DisplayName(p.Type)}: {value(p)}"));

    private static string DisplayName(ChainType chain) => chain switch
    {
        ChainType.Testnet3 => "testnet3",
        ChainType.Testnet4 => "testnet4",
        ChainType.Signet => "signet",
        ChainType.Regtest => "regtest",
        _ => "main",
    };
}
