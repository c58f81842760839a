namespace Node.Net;

/// <summary>The service bits of the version message that this node reads or announces (Core's protocol.h).</summary>
public static class ServiceFlags
{
    public const ulong None = 0;

    /// <summary>NODE_NETWORK: serves the full block chain.</summary>
    public const ulong Network = 1;

    /// <summary>NODE_WITNESS (BIP144): serves blocks and transactions with witness data.</summary>
    public const ulong Witness = 1 << 3;

    /// <summary>NODE_NETWORK_LIMITED (BIP159): serves at least the last 288 blocks.</summary>
    public const ulong NetworkLimited = 1 << 10;

    /// <summary>Core's HasAllDesirableServiceFlags for a full-node outbound peer.</summary>
    public const ulong Desirable = Network | Witness;

    public static bool HasAll(ulong services, ulong required) => (services & required) == required;
}
