namespace Node.Net;

/// <summary>Which connections a whitelist entry applies to (Core's "in" and "out" permission words).</summary>
[Flags]
public enum WhitelistDirection : byte
{
    None = 0,
    Inbound = 1,
    Outbound = 2,
}

/// <summary>One -whitelist entry: the permissions granted to peers whose address is in the network.</summary>
public sealed record WhitelistEntry(PeerPermissions Permissions, System.Net.IPNetwork Network, WhitelistDirection Directions)
{
    public bool Matches(System.Net.IPAddress address, PeerDirection direction) =>
        Directions.HasFlag(direction == PeerDirection.Inbound ? WhitelistDirection.Inbound : WhitelistDirection.Outbound)
        && Subnets.Contains(Network, address);
}

public enum WhitelistError : byte
{
    None = 0,
    InvalidPermission,
    InvalidNetwork,
}

public sealed class WhitelistException(WhitelistError error, string message) : FormatException(message)
{
    public WhitelistError Error { get; } = error;
}

/// <summary>
/// Core's -whitelist syntax, <c>[permissions@]IP or network</c>, permissions comma-separated from: bloomfilter (or
/// bloom), noban, forcerelay, relay, mempool, download, addr, all, in, out. Without '@' the entry gets Core's implicit
/// set: noban (with download), mempool, and relay (-whitelistrelay, default on) or forcerelay (-whitelistforcerelay,
/// default off). Without "in"/"out" an entry applies to inbound connections, as in Core.
/// </summary>
public static class WhitelistParser
{
    public static WhitelistEntry Parse(string text, bool whitelistRelay = true, bool whitelistForceRelay = false)
    {
        int at = text.IndexOf('@');
        var permissions = PeerPermissions.None;
        var directions = WhitelistDirection.None;
        if (at < 0)
        {
            permissions = PeerPermissions.NoBan | PeerPermissions.Mempool;
            if (whitelistRelay) permissions |= PeerPermissions.Relay;
            if (whitelistForceRelay) permissions |= PeerPermissions.ForceRelay;
        }
        else
        {
            foreach (var word in text[..at].Split(','))
            {
                var name = word.Trim();
                switch (name)
                {
                    case "": break; // Core allows empty entries
                    case "bloomfilter" or "bloom": permissions |= PeerPermissions.BloomFilter; break;
                    case "noban": permissions |= PeerPermissions.NoBan; break;
                    case "forcerelay": permissions |= PeerPermissions.ForceRelay; break;
                    case "relay": permissions |= PeerPermissions.Relay; break;
                    case "mempool": permissions |= PeerPermissions.Mempool; break;
                    case "download": permissions |= PeerPermissions.Download; break;
                    case "addr": permissions |= PeerPermissions.Addr; break;
                    case "all": permissions |= PeerPermissions.All; break;
                    case "in": directions |= WhitelistDirection.Inbound; break;
                    case "out": directions |= WhitelistDirection.Outbound; break;
                    default: throw new WhitelistException(WhitelistError.InvalidPermission, $"Invalid P2P permission: '{name}'");
                }
            }
        }
        var networkText = text[(at + 1)..].Trim();
        if (!Subnets.TryParse(networkText, out var network))
            throw new WhitelistException(WhitelistError.InvalidNetwork, $"Invalid netmask specified in -whitelist: '{networkText}'");
        return new WhitelistEntry(permissions, network, directions == WhitelistDirection.None ? WhitelistDirection.Inbound : directions);
    }

    /// <summary>The union of the permissions of every entry matching the address and direction.</summary>
    public static PeerPermissions PermissionsFor(IEnumerable<WhitelistEntry> whitelist, System.Net.IPAddress address, PeerDirection direction)
    {
        var permissions = PeerPermissions.None;
        foreach (var entry in whitelist)
            if (entry.Matches(address, direction)) permissions |= entry.Permissions;
        return permissions;
    }
}
