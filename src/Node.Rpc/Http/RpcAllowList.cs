using System.Net;
using Node.Net;

namespace Node.Rpc.Http;

/// <summary>Core's ClientAllowed: the loopback (127.0.0.0/8 and ::1) always, then each -rpcallowip subnet.</summary>
public sealed class RpcAllowList
{
    private readonly IPNetwork[] _subnets;

    public RpcAllowList(IEnumerable<string> allowIp)
    {
        ArgumentNullException.ThrowIfNull(allowIp);
        var subnets = new List<IPNetwork> { new(IPAddress.Parse("127.0.0.0"), 8), new(IPAddress.IPv6Loopback, 128) };
        foreach (string entry in allowIp)
        {
            if (!Subnets.TryParse(entry, out var subnet))
                throw new ArgumentException($"Invalid -rpcallowip subnet specification: {entry}. Valid are a single IP (e.g. 1.2.3.4), a network/netmask (e.g. 1.2.3.4/255.255.255.0) or a network/CIDR (e.g. 1.2.3.4/24).", nameof(allowIp));
            subnets.Add(subnet);
        }
        _subnets = [.. subnets];
    }

    public bool IsAllowed(IPAddress? remote)
    {
        if (remote is null) return false;
        remote = Subnets.Normalize(remote);
        foreach (var subnet in _subnets) if (subnet.Contains(remote)) return true;
        return false;
    }
}
