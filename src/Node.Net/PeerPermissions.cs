namespace Node.Net;

/// <summary>
/// Core's NetPermissionFlags, with its bit values and implications: forcerelay implies relay, noban implies
/// download. Test a permission with <see cref="PeerPermissionsExtensions.Has"/>.
/// </summary>
[Flags]
public enum PeerPermissions : uint
{
    None = 0,

    /// <summary>May ask for BIP37 filtered blocks and transactions.</summary>
    BloomFilter = 1u << 1,

    /// <summary>Relay transactions even in blocks-only mode.</summary>
    Relay = 1u << 3,

    /// <summary>Relay transactions already in the mempool (implies relay).</summary>
    ForceRelay = (1u << 2) | Relay,

    /// <summary>May download blocks even past the upload target.</summary>
    Download = 1u << 6,

    /// <summary>Never banned or disconnected for misbehaviour (implies download).</summary>
    NoBan = (1u << 4) | Download,

    /// <summary>May ask for the mempool with the mempool message.</summary>
    Mempool = 1u << 5,

    /// <summary>Getaddr answers are not cached for this peer.</summary>
    Addr = 1u << 7,

    All = BloomFilter | ForceRelay | Relay | NoBan | Mempool | Download | Addr,
}

public static class PeerPermissionsExtensions
{
    /// <summary>True when every bit of <paramref name="permission"/> is present (so NoBan requires its Download bit too).</summary>
    public static bool Has(this PeerPermissions permissions, PeerPermissions permission) => (permissions & permission) == permission;
}
