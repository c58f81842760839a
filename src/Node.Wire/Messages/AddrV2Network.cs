namespace Node.Wire;

/// <summary>BIP155 network ids. Other values may arrive (from the future); they decode as they are.</summary>
public enum AddrV2Network : byte
{
    IPv4 = 1,
    IPv6 = 2,
    /// <summary>Obsolete: Core no longer knows it and skips such entries like any unknown network.</summary>
    TorV2 = 3,
    TorV3 = 4,
    I2P = 5,
    Cjdns = 6,
}
