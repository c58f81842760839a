using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Node.Net;

namespace Node.Rpc.Codec;

/// <summary>The names getpeerinfo and getnetworkinfo print: service bits, networks, permissions (Core's protocol.cpp, netaddress.cpp, net_permissions.cpp).</summary>
internal static class PeerNames
{
    /// <summary>Core's GetServicesNames: one name per set bit, low to high; unknown bits as "UNKNOWN[2^n]".</summary>
    public static IEnumerable<string> Services(ulong services)
    {
        for (int bit = 0; bit < 64; bit++)
        {
            if ((services & (1UL << bit)) == 0) continue;
            yield return bit switch
            {
                0 => "NETWORK",
                2 => "BLOOM",
                3 => "WITNESS",
                6 => "COMPACT_FILTERS",
                10 => "NETWORK_LIMITED",
                11 => "P2P_V2",
                _ => string.Create(CultureInfo.InvariantCulture, $"UNKNOWN[2^{bit}]"),
            };
        }
    }

    /// <summary>Core's NetPermissions::ToStrings, in its order; a composite permission needs all its bits.</summary>
    public static IEnumerable<string> Permissions(PeerPermissions permissions)
    {
        if (permissions.Has(PeerPermissions.BloomFilter)) yield return "bloomfilter";
        if (permissions.Has(PeerPermissions.NoBan)) yield return "noban";
        if (permissions.Has(PeerPermissions.ForceRelay)) yield return "forcerelay";
        if (permissions.Has(PeerPermissions.Relay)) yield return "relay";
        if (permissions.Has(PeerPermissions.Mempool)) yield return "mempool";
        if (permissions.Has(PeerPermissions.Download)) yield return "download";
        if (permissions.Has(PeerPermissions.Addr)) yield return "addr";
    }

    /// <summary>
    /// Core's GetNetworkName(CNetAddr::GetNetwork()) for an IP address: "ipv4" or "ipv6", or
    /// "not_publicly_routable" for the loopback, private, link-local, documentation and other
    /// reserved ranges (CNetAddr::IsRoutable).
    /// </summary>
    public static string Network(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out int length);
        b = b[..length];
        bool routable = address.AddressFamily == AddressFamily.InterNetwork ? IsRoutableV4(b) : IsRoutableV6(b);
        if (!routable) return "not_publicly_routable";
        return address.AddressFamily == AddressFamily.InterNetwork ? "ipv4" : "ipv6";
    }

    private static bool IsRoutableV4(ReadOnlySpan<byte> a)
    {
        if (a.SequenceEqual((ReadOnlySpan<byte>)[0, 0, 0, 0]) || a.SequenceEqual((ReadOnlySpan<byte>)[255, 255, 255, 255])) return false;
        return !(a[0] == 10 || (a[0] == 192 && a[1] == 168) || (a[0] == 172 && a[1] >= 16 && a[1] <= 31) // RFC1918
            || (a[0] == 198 && (a[1] == 18 || a[1] == 19))                                              // RFC2544
            || (a[0] == 169 && a[1] == 254)                                                             // RFC3927
            || (a[0] == 100 && (a[1] & 0xc0) == 64)                                                     // RFC6598
            || (a[0] == 192 && a[1] == 0 && a[2] == 2) || (a[0] == 198 && a[1] == 51 && a[2] == 100) || (a[0] == 203 && a[1] == 0 && a[2] == 113) // RFC5737
            || a[0] == 127 || a[0] == 0);                                                               // IsLocal
    }

    private static bool IsRoutableV6(ReadOnlySpan<byte> a)
    {
        if (!a.ContainsAnyExcept((byte)0)) return false;                                                 // ::
        if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8) return false;                  // RFC3849
        bool loopback = !a[..15].ContainsAnyExcept((byte)0) && a[15] == 1;
        return !(loopback
            || (a[0] == 0xfe && a[1] == 0x80 && !a[2..8].ContainsAnyExcept((byte)0))                     // RFC4862
            || (a[0] & 0xfe) == 0xfc                                                                     // RFC4193
            || (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x00 && (a[3] & 0xf0) == 0x10)                   // RFC4843
            || (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x00 && (a[3] & 0xf0) == 0x20));                 // RFC7343
    }
}
