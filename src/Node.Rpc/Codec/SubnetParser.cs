using System.Net;

namespace Node.Rpc.Codec;

/// <summary>Core's LookupSubNet for literal addresses: "ip", "ip/prefix" or "ip/netmask"; a bare IP is its own /32 or /128.</summary>
public static class SubnetParser
{
    public static bool TryParse(string text, out IPNetwork subnet)
    {
        subnet = default;
        ArgumentNullException.ThrowIfNull(text);
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var address)) return false;
        address = Normalize(address);
        int maxPrefix = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        if (slash < 0)
        {
            subnet = new IPNetwork(address, maxPrefix);
            return true;
        }

        string mask = text[(slash + 1)..];
        int prefix;
        if (mask.Length > 0 && mask.All(char.IsAsciiDigit))
        {
            if (!int.TryParse(mask, out prefix) || prefix > maxPrefix) return false;
        }
        else if (!IPAddress.TryParse(mask, out var netmask) || !TryPrefixOfNetmask(Normalize(netmask), maxPrefix, out prefix)) return false;

        subnet = new IPNetwork(Truncate(address, prefix), prefix);
        return true;
    }

    /// <summary>An IPv4-mapped IPv6 address is the IPv4 address (as Core's CNetAddr treats it).</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool TryPrefixOfNetmask(IPAddress netmask, int maxPrefix, out int prefix)
    {
        prefix = 0;
        var bytes = netmask.GetAddressBytes();
        if (bytes.Length * 8 != maxPrefix) return false;
        bool ended = false;
        foreach (byte b in bytes)
        {
            for (int bit = 7; bit >= 0; bit--)
            {
                bool set = (b & (1 << bit)) != 0;
                if (set && ended) return false;
                if (set) prefix++;
                else ended = true;
            }
        }
        return true;
    }

    private static IPAddress Truncate(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (int i = 0; i < bytes.Length; i++)
        {
            int keep = Math.Clamp(prefix - i * 8, 0, 8);
            bytes[i] &= (byte)(0xff << (8 - keep));
        }
        return new IPAddress(bytes);
    }
}
