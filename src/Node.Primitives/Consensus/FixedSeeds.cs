using System.Net;

namespace Node.Primitives.Consensus;

/// <summary>
/// Bitcoin Core's fixed seed nodes (its <c>chainparamsseeds.h</c>, generated from <c>contrib/seeds/nodes_*.txt</c>),
/// the peers a node falls back to when DNS seeding gives no address. Only the IPv4 and IPv6 entries are kept:
/// onion, I2P and CJDNS need proxies this node does not have. The per-network lists are in FixedSeeds.*.cs.
/// </summary>
public static partial class FixedSeeds
{
    /// <summary>Parses "ip:port" / "[ipv6]:port" entries; a malformed entry is a bug in the table and throws.</summary>
    public static IReadOnlyList<IPEndPoint> Parse(IReadOnlyList<string> entries) =>
        [.. entries.Select(e => IPEndPoint.Parse(e))];
}
